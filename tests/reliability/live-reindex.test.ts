// Re-indexing under load: `baoku serve` switches to the new build while answering a stream of
// searches, with no failed request and every answer wholly from the old build or the new one.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeGeneratedCorpus } from './corpus.ts';
import { runBaoku, sleep, spawnBaoku, startServer, useTempRoot } from './processes.ts';

const makeRoot = useTempRoot('baoku-live-');

/** Queries whose answers differ between the two builds: the new report has all three. */
const QUERIES = ['蝴蝶兰', '疫情防控', 'source:新华社 口罩'];
const MAX_REQUESTS = 3_000;
const MAX_MS = 30_000;
const CONCURRENCY = 4;
/** Answers needed after the switch is first seen, to see that it stays switched. */
const AFTER_SWITCH = 200;

const NEW_REPORT = [
  '---',
  'id: orchid-show',
  'title: 蝴蝶兰展览开幕',
  'date: 2020-04-01',
  'source: 新华社',
  '---',
  '',
  '蝴蝶兰展览今天开幕，疫情防控措施严格，观众戴着口罩入场。',
  '',
].join('\n');

interface Answer {
  path: string;
  /** What identifies the build it came from: the search outcome, or the build name. */
  signature: string;
  started: number;
  ended: number;
}

async function ask(origin: string, path: string): Promise<Answer> {
  const started = performance.now();
  const response = await fetch(`${origin}${path}`);
  const body = await response.text();
  const ended = performance.now();
  if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${body}`);
  const data = JSON.parse(body) as {
    build?: string;
    total?: number;
    exact_total?: number;
    reports?: number;
    hits?: { report_id: string; paragraph: number }[];
  };
  const signature = path.startsWith('/healthz')
    ? String(data.build)
    : JSON.stringify([
        data.total,
        data.exact_total,
        data.reports,
        data.hits?.map((hit) => `${hit.report_id}#${hit.paragraph}`),
      ]);
  return { path, signature, started, ended };
}

const PATHS = [
  ...QUERIES.map((q) => `/api/search?q=${encodeURIComponent(q)}&limit=10`),
  '/healthz',
];

describe('baoku serve while baoku index replaces the index', () => {
  it('answers every request, each wholly from the old build or the new one', async () => {
    const root = await makeRoot();
    const corpusDir = join(root, 'corpus');
    const indexDir = join(root, 'index');
    await writeGeneratedCorpus(corpusDir, { reports: 300, paragraphs: 10, seed: 11 });
    const first = await runBaoku(['index', corpusDir, '--out', indexDir, '--workers', '0']);
    expect(first.code, first.stderr).toBe(0);

    const server = await startServer(indexDir);
    try {
      const before = new Map<string, string>();
      for (const path of PATHS) before.set(path, (await ask(server.origin, path)).signature);

      await writeFile(join(corpusDir, 'orchid-show.md'), NEW_REPORT);
      const indexer = spawnBaoku(['index', corpusDir, '--out', indexDir, '--workers', '0']);

      const answers: Answer[] = [];
      const failures: string[] = [];
      let sent = 0;
      let firstNew = Infinity;
      const deadline = performance.now() + MAX_MS;
      const done = () =>
        sent >= MAX_REQUESTS ||
        performance.now() > deadline ||
        answers.filter((answer) => answer.started > firstNew).length >= AFTER_SWITCH;
      const client = async () => {
        while (!done()) {
          const path = PATHS[sent++ % PATHS.length]!;
          try {
            const answer = await ask(server.origin, path);
            answers.push(answer);
            if (answer.signature !== before.get(path)) firstNew = Math.min(firstNew, answer.ended);
          } catch (error) {
            failures.push(`${path}: ${(error as Error).message}`);
          }
          await sleep(10);
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, client));
      const built = await indexer.finished;
      expect(built.code, built.stderr).toBe(0);

      const after = new Map<string, string>();
      for (const path of PATHS) after.set(path, (await ask(server.origin, path)).signature);

      expect(failures).toEqual([]);
      expect(firstNew, `no answer from the new build in ${answers.length} answers`).toBeLessThan(
        Infinity,
      );
      for (const path of PATHS) expect(after.get(path), path).not.toBe(before.get(path));
      for (const answer of answers) {
        expect([before.get(answer.path), after.get(answer.path)], answer.path).toContain(
          answer.signature,
        );
        // Once one answer came from the new build, no later request goes back to the old one.
        if (answer.started > firstNew) expect(answer.signature).toBe(after.get(answer.path));
      }
      expect(answers.some((answer) => answer.signature === before.get(answer.path))).toBe(true);
      expect(server.stderr()).toContain('baoku serve: switched to index');
      console.log(
        `live re-index: ${answers.length} answers, ${answers.filter((a) => a.started > firstNew).length} after the switch`,
      );
    } finally {
      const end = await server.stop();
      expect(end.code, end.stderr).toBe(0);
    }
  }, 120_000);
});
