// `kill -9` of `baoku index` at seeded random moments: the live index always loads and answers
// exactly as one whole build does, and what a killed run leaves behind is cleaned by the next run.
import { readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { currentBuild, loadArchive } from '../../src/index/store.ts';
import { search } from '../../src/search/search.ts';
import { seededRandom } from '../../src/random.ts';
import { writeGeneratedCorpus } from './corpus.ts';
import { runBaoku, sleep, spawnBaoku, useTempRoot } from './processes.ts';

const makeRoot = useTempRoot('baoku-kill-');

/**
 * Runs killed before they ended: a third at any moment, a third while the new build is written,
 * a third just after CURRENT names it (while old builds are removed).
 */
const KILLS = 20;
/** A run can end before its kill lands; this bounds the number of runs. */
const MAX_RUNS = 32;
const SEED = 20_240_607;

// 防控疫情 is found only through the word index (related matches).
const QUERIES = [
  '疫情防控',
  '防控疫情',
  '蝴蝶兰',
  '复工复产 -湖北',
  '"医护人员坚守一线"',
  'source:新华社 口罩',
  'kouzhao',
];

/** The report that tells corpus B from corpus A: it alone has 蝴蝶兰. */
const EXTRA_FILE = 'extra-orchid.md';
const EXTRA_REPORT = [
  '---',
  'id: extra-orchid',
  'title: 蝴蝶兰展览开幕',
  'date: 2020-04-01',
  'source: 新华社',
  '---',
  '',
  '蝴蝶兰展览今天开幕，疫情防控措施严格，观众戴着口罩入场。',
  '',
].join('\n');

type Corpus = 'A' | 'B';

/** Everything the archive answers to the test queries, as one comparable string. */
async function answersOf(indexDir: string): Promise<string> {
  const { archive } = await loadArchive(indexDir);
  return JSON.stringify({
    reports: archive.reportCount,
    paragraphs: archive.paragraphCount,
    answers: QUERIES.map((q) => {
      const result = search(archive, q, { limit: 30 });
      return {
        q,
        total: result.total,
        exact: result.exactTotal,
        hits: result.hits.map((hit) => [hit.reportId, hit.paragraph, hit.score]),
      };
    }),
  });
}

async function useCorpus(corpusDir: string, corpus: Corpus): Promise<void> {
  if (corpus === 'B') await writeFile(join(corpusDir, EXTRA_FILE), EXTRA_REPORT);
  else await rm(join(corpusDir, EXTRA_FILE), { force: true });
}

const INDEX_ENTRY = /^(?:CURRENT|build-[\w-]+|\.tmp-build-[\w-]+|\.tmp-CURRENT-\d+)$/;

async function tempEntries(indexDir: string): Promise<string[]> {
  return (await readdir(indexDir)).filter((entry) => entry.startsWith('.tmp-'));
}

/** Resolves when a `.tmp-build-` folder that was not in `before` appears, or the run ends. */
async function newTempBuild(indexDir: string, before: readonly string[], ended: () => boolean) {
  while (!ended()) {
    const fresh = (await tempEntries(indexDir)).filter(
      (entry) => entry.startsWith('.tmp-build-') && !before.includes(entry),
    );
    if (fresh.length > 0) return;
    await sleep(3);
  }
}

/** Resolves when CURRENT no longer names `previous`, or the run ends. */
async function switched(indexDir: string, previous: string | null, ended: () => boolean) {
  while (!ended() && (await currentBuild(indexDir)) === previous) await sleep(2);
}

type Moment = 'any time' | 'while writing' | 'after the switch';
const MOMENTS: Moment[] = ['any time', 'while writing', 'after the switch'];

describe('baoku index killed with SIGKILL', () => {
  it(`leaves a loadable index that answers as before, ${KILLS} kills at seeded moments`, async () => {
    const root = await makeRoot();
    const corpusDir = join(root, 'corpus');
    const indexDir = join(root, 'index');
    await writeGeneratedCorpus(corpusDir, { reports: 300, paragraphs: 10, seed: 7 });
    const indexArgs = ['index', corpusDir, '--out', indexDir, '--force', '--workers', '0'];

    const first = await runBaoku(indexArgs);
    expect(first.code, first.stderr).toBe(0);
    const expected: Record<Corpus, string> = { A: await answersOf(indexDir), B: '' };

    // A full run on corpus B: its answers, and when it starts writing and ends (from spawn).
    await useCorpus(corpusDir, 'B');
    const started = performance.now();
    const calibration = spawnBaoku(indexArgs);
    let calibrationEnded = false;
    void calibration.finished.then(() => (calibrationEnded = true));
    await newTempBuild(indexDir, [], () => calibrationEnded);
    const writingAt = performance.now() - started;
    const calibrated = await calibration.finished;
    const endAt = performance.now() - started;
    expect(calibrated.code, calibrated.stderr).toBe(0);
    expected.B = await answersOf(indexDir);
    expect(expected.B).not.toBe(expected.A);
    const writeWindow = Math.max(30, endAt - writingAt);

    const random = seededRandom(SEED);
    let live: Corpus = 'B';
    const outcomes = { kept: 0, switched: 0, finished: 0, leftovers: 0 };
    for (let run = 0; run < MAX_RUNS && outcomes.kept + outcomes.switched < KILLS; run++) {
      const target: Corpus = live === 'A' ? 'B' : 'A';
      await useCorpus(corpusDir, target);
      const previous = await currentBuild(indexDir);
      const before = await tempEntries(indexDir);
      const moment = MOMENTS[run % MOMENTS.length]!;
      const delay =
        moment === 'any time'
          ? random() * endAt
          : moment === 'while writing'
            ? random() * writeWindow
            : 0;

      const { child, finished } = spawnBaoku(indexArgs);
      let ended = false;
      void finished.then(() => (ended = true));
      if (moment === 'while writing') await newTempBuild(indexDir, before, () => ended);
      if (moment === 'after the switch') await switched(indexDir, previous, () => ended);
      await sleep(delay);
      child.kill('SIGKILL');
      const end = await finished;
      const what = `run ${run} (${moment}, +${delay.toFixed(0)} ms, seed ${SEED})`;
      if (end.signal === 'SIGKILL') {
        // Killed before CURRENT was replaced: the old build is live; after: the new one.
        if ((await currentBuild(indexDir)) === previous) {
          outcomes.kept++;
        } else {
          outcomes.switched++;
          live = target;
        }
      } else {
        expect(end.code, `${what}: ${end.stderr}`).toBe(0);
        outcomes.finished++;
        live = target;
      }

      expect(await answersOf(indexDir), what).toBe(expected[live]);
      const entries = await readdir(indexDir);
      for (const entry of entries) expect(entry, what).toMatch(INDEX_ENTRY);
      if ((await tempEntries(indexDir)).length > 0) outcomes.leftovers++;
    }
    console.log(`kill runs: ${JSON.stringify(outcomes)}`);
    expect(outcomes.kept + outcomes.switched).toBe(KILLS);
    expect(outcomes.kept).toBeGreaterThan(0);
    expect(outcomes.switched).toBeGreaterThan(0);
    expect(outcomes.leftovers).toBeGreaterThan(0);

    // The next complete run removes every temporary entry and all but two builds.
    await useCorpus(corpusDir, live === 'A' ? 'B' : 'A');
    const last = await runBaoku(indexArgs);
    expect(last.code, last.stderr).toBe(0);
    const entries = await readdir(indexDir);
    expect(entries.filter((entry) => entry.startsWith('.tmp-'))).toEqual([]);
    expect(entries.filter((entry) => entry.startsWith('build-')).length).toBeLessThanOrEqual(2);
    expect(await answersOf(indexDir)).toBe(expected[live === 'A' ? 'B' : 'A']);
  }, 300_000);
});
