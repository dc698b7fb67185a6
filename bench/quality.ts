// `npm run quality`: whether what a journalist remembers of a report finds it, on the real corpora.
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildArchive } from '../src/index/build.ts';
import type { Archive } from '../src/index/archive.ts';
import { seededRandom } from '../src/random.ts';
import { makeTerm, relatedWords } from '../src/search/query.ts';
import { search, type SearchResult } from '../src/search/search.ts';
import { compactTitle } from '../src/search/titles.ts';
import { normalizeForMatch } from '../src/text/normalize.ts';
import { initSegmenter, isWordToken, segment } from '../src/text/segment.ts';
import type { Report } from '../src/types.ts';
import { locateCorpora, parseLines, readRealLines } from './corpus.ts';

const REPO = resolve(fileURLToPath(new URL('..', import.meta.url)));
/** The corpora measured: news of three kinds (broadcast items, short briefs, long features). */
const CORPORA = ['xwlb-cctv', 'dxy-covid-news', 'terminus2049'];
const HEADLINES = 100;
const TERMS = 100;
const HAN = /\p{Script=Han}/u;

/** The reports of one corpus, in its order, the way the benchmark reads them. */
async function corpusReports(dir: string, name: string): Promise<Report[]> {
  const { lines } = await readRealLines(dir);
  return parseLines(lines.filter((line) => line.origin.startsWith(`${name}/`))).reports;
}

/** The report ids a reader meets first: the title hits, then the paragraph hits, then near misses. */
export function reportsShown(result: SearchResult): string[] {
  const ids = [
    ...result.titles.hits.map((hit) => hit.reportId),
    ...result.hits.map((hit) => hit.reportId),
    ...result.near.map((hit) => hit.reportId),
  ];
  return [...new Set(ids)];
}

/** A headline changed as a journalist misremembers it; null when it cannot be. */
type Change = (title: string, random: () => number, words: readonly string[]) => string | null;

const replaceCharacter: Change = (title, random, words) => {
  const places = [...title].flatMap((ch, i) => (HAN.test(ch) ? [i] : []));
  if (places.length < 4) return null;
  const chars = [...title];
  const at = places[Math.floor(random() * places.length)]!;
  // Another character of the corpus's headlines, as a slip of the keyboard or the memory.
  const pool = words.join('');
  let other = chars[at]!;
  while (other === chars[at]) other = [...pool][Math.floor(random() * pool.length)]!;
  chars[at] = other;
  return chars.join('');
};

/** The title cut into jieba tokens, each with its place, so that a word can go or come. */
function tokensOf(title: string): string[] {
  return segment(title);
}

const leaveOutWord: Change = (title, random) => {
  const tokens = tokensOf(title);
  const words = tokens.flatMap((token, i) =>
    isWordToken(token) && [...token].length >= 2 ? [i] : [],
  );
  if (words.length < 3) return null;
  const drop = words[Math.floor(random() * words.length)]!;
  return tokens.filter((_, i) => i !== drop).join('');
};

const addWord: Change = (title, random, words) => {
  const tokens = tokensOf(title);
  if (tokens.length < 3) return null;
  const at = 1 + Math.floor(random() * (tokens.length - 1));
  const word = words[Math.floor(random() * words.length)]!;
  return [...tokens.slice(0, at), word, ...tokens.slice(at)].join('');
};

const CHANGES: { name: string; change: Change }[] = [
  { name: 'one character replaced', change: replaceCharacter },
  { name: 'one word left out', change: leaveOutWord },
  { name: 'one word added', change: addWord },
];

interface CorpusQuality {
  corpus: string;
  reports: number;
  paragraphs: number;
  pasted: { found: number; of: number; misses: string[] };
  changed: { name: string; found: number; of: number; misses: string[] }[];
  related: { equal: number; of: number; misses: string[] };
}

/**
 * Reports whose title no other report has, spaces and punctuation aside (两会 · 聚焦 and 两会聚焦 are
 * one headline), and is long enough to be one: at least six Han characters.
 */
function uniquelyTitled(reports: readonly Report[]): Report[] {
  const compact = (report: Report) => compactTitle(normalizeForMatch(report.title ?? ''));
  const counts = new Map<string, number>();
  for (const report of reports) counts.set(compact(report), (counts.get(compact(report)) ?? 0) + 1);
  return reports.filter((report) => {
    const title = compact(report);
    return [...title].filter((ch) => HAN.test(ch)).length >= 6 && counts.get(title) === 1;
  });
}

/** `count` items of `items` drawn without replacement. */
function sample<T>(items: readonly T[], count: number, random: () => number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < count && pool.length > 0)
    out.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
  return out;
}

/** Every related match of `term` by reading every paragraph: the model the engine is held to. */
function scanRelated(archive: Archive, term: string): number {
  const parsed = makeTerm(term, false)!;
  const words = relatedWords(parsed);
  if (words.length < 2) return 0;
  let count = 0;
  for (let id = 0; id < archive.paragraphCount; id++) {
    const norm = archive.normOf(id);
    if (!norm.includes(parsed.norm) && words.every((word) => norm.includes(word))) count++;
  }
  return count;
}

async function measure(dir: string, corpus: string, seed: number): Promise<CorpusQuality> {
  const reports = await corpusReports(dir, corpus);
  const { archive } = await buildArchive(reports, { userDict: null, workers: 2 });
  initSegmenter(null);
  const random = seededRandom(seed);
  const chosen = sample(uniquelyTitled(reports), HEADLINES, random);
  const words = reports.flatMap((report) =>
    segment(normalizeForMatch(report.title ?? '')).filter(
      (t) => isWordToken(t) && [...t].length >= 2,
    ),
  );
  const pasted = { found: 0, of: 0, misses: [] as string[] };
  const changed = CHANGES.map(({ name }) => ({ name, found: 0, of: 0, misses: [] as string[] }));
  for (const report of chosen) {
    const title = report.title!;
    const first = reportsShown(search(archive, title))[0];
    pasted.of++;
    if (first === report.id) pasted.found++;
    else pasted.misses.push(title);
    CHANGES.forEach(({ change }, k) => {
      const typed = change(title, random, words);
      if (typed === null) return;
      const shown = reportsShown(search(archive, typed)).slice(0, 3);
      changed[k]!.of++;
      if (shown.includes(report.id)) changed[k]!.found++;
      else changed[k]!.misses.push(`${typed} (${title})`);
    });
  }
  // Terms of 5–8 characters cut from headlines, as in the issue: related matches against a scan.
  const related = { equal: 0, of: 0, misses: [] as string[] };
  const titled = uniquelyTitled(reports);
  while (related.of < TERMS) {
    const title = [...normalizeForMatch(sample(titled, 1, random)[0]!.title!)].filter((ch) =>
      HAN.test(ch),
    );
    const length = 5 + Math.floor(random() * 4);
    if (title.length < length) continue;
    const start = Math.floor(random() * (title.length - length + 1));
    const term = title.slice(start, start + length).join('');
    const expected = scanRelated(archive, term);
    const got = search(archive, term, { limit: 1 }).relatedTotal;
    related.of++;
    if (got === expected) related.equal++;
    else related.misses.push(`${term}: ${got} vs ${expected}`);
  }
  return {
    corpus,
    reports: reports.length,
    paragraphs: archive.paragraphCount,
    pasted,
    changed,
    related,
  };
}

function percent(found: number, of: number): string {
  return of === 0 ? '–' : `${found} of ${of} (${((100 * found) / of).toFixed(1)}%)`;
}

function report(results: readonly CorpusQuality[], seed: number): string {
  const rows = [
    [
      'the headline pasted as printed: its report first',
      (q: CorpusQuality) => percent(q.pasted.found, q.pasted.of),
    ],
    ...CHANGES.map(
      ({ name }, k) =>
        [
          `${name}: its report in the top 3`,
          (q: CorpusQuality) => percent(q.changed[k]!.found, q.changed[k]!.of),
        ] as const,
    ),
    [
      'related matches equal to a scan (terms of 5–8 characters)',
      (q: CorpusQuality) => percent(q.related.equal, q.related.of),
    ],
  ] as const;
  const lines = [
    '# Search quality: what a journalist remembers',
    '',
    `\`npm run quality -- --seed ${seed}\`; ${HEADLINES} reports a corpus whose headline no other report has.`,
    '',
    `| what was typed | ${results.map((q) => `${q.corpus} (${q.reports} reports)`).join(' | ')} |`,
    `| --- | ${results.map(() => '---').join(' | ')} |`,
    ...rows.map(([label, cell]) => `| ${label} | ${results.map(cell).join(' | ')} |`),
    '',
    '## Misses',
  ];
  for (const q of results) {
    lines.push('', `### ${q.corpus}`, '');
    const misses = [
      ...q.pasted.misses.map((m) => `pasted: ${m}`),
      ...q.changed.flatMap((c) => c.misses.map((m) => `${c.name}: ${m}`)),
      ...q.related.misses.map((m) => `related: ${m}`),
    ];
    lines.push(...(misses.length === 0 ? ['none'] : misses.map((m) => `- ${m}`)));
  }
  return `${lines.join('\n')}\n`;
}

/** Runs the quality report; returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const seedAt = argv.indexOf('--seed');
  const seed = seedAt === -1 ? 1 : Number(argv[seedAt + 1]);
  const dir = locateCorpora(REPO);
  if (dir === null) {
    console.error(
      '!!! quality: no corpora (set BAOKU_CORPORA or put them in ../shared/corpora): nothing measured',
    );
    return 1;
  }
  const results: CorpusQuality[] = [];
  for (const corpus of CORPORA) {
    const started = performance.now();
    results.push(await measure(dir, corpus, seed));
    console.error(`quality: ${corpus} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const text = report(results, seed);
  const out = join(REPO, 'bench', 'results', 'quality.md');
  await writeFile(out, text);
  console.log(text.split('\n## Misses')[0]);
  console.error(`quality: written to bench/results/quality.md`);
  return 0;
}
