// `baoku check-recall`: baoku's hits against a plain substring scan, on sampled literal substrings.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Config } from '../config.ts';
import { parseJsonlLine } from '../corpus/jsonl.ts';
import { buildArchive } from '../index/build.ts';
import { search } from '../search/search.ts';
import { normalizeForMatch } from '../text/normalize.ts';
import { initSegmenter, segment } from '../text/segment.ts';
import type { Report } from '../types.ts';
import { seededRandom } from '../random.ts';

/** What the checker found. */
export interface RecallReport {
  samples: number;
  expected: number;
  found: number;
  falsePositives: number;
  missed: { term: string; paragraphs: number }[];
}

const SEARCHABLE = /^[\p{L}\p{N}]+$/u;

/**
 * Draws literal substrings of 1–8 characters (half aligned with jieba words, half crossing
 * their boundaries) and compares baoku's exact hits with a scan of every normalised paragraph.
 */
export function checkRecall(
  reports: readonly Report[],
  archive: Parameters<typeof search>[0],
  samples: number,
  seed: number,
): RecallReport {
  const random = seededRandom(seed);
  const norms: string[] = [];
  for (const report of reports)
    for (const p of report.paragraphs) norms.push(normalizeForMatch(p.text));
  const result: RecallReport = { samples: 0, expected: 0, found: 0, falsePositives: 0, missed: [] };
  let attempts = 0;
  while (result.samples < samples && attempts < samples * 50) {
    attempts++;
    const source = norms[Math.floor(random() * norms.length)]!;
    if (source.length === 0) continue;
    let term: string;
    if (random() < 0.5) {
      const words = segment(source).filter((w) => SEARCHABLE.test(w));
      if (words.length === 0) continue;
      term = words[Math.floor(random() * words.length)]!.slice(0, 8);
    } else {
      const length = 1 + Math.floor(random() * 8);
      const start = Math.floor(random() * Math.max(1, source.length - length));
      term = source.slice(start, start + length);
    }
    // Query syntax characters and spaces would change the query's meaning; letters and digits only.
    if (!SEARCHABLE.test(term) || term.toLowerCase() === 'or') continue;
    // The term is folded text, and search folds it again: a few characters fold twice (薴 → 苧 → 苎),
    // which would compare baoku on one literal with the scan on another.
    if (normalizeForMatch(term) !== term) continue;
    result.samples++;
    const expected = new Set<number>();
    norms.forEach((text, id) => {
      if (text.includes(term)) expected.add(id);
    });
    const found = search(archive, `"${term}"`, { limit: 1 }).exactTotal;
    const ids = archive.findLiteral(term);
    let hits = 0;
    for (const id of ids) {
      if (expected.has(id)) hits++;
      else result.falsePositives++;
    }
    result.expected += expected.size;
    result.found += hits;
    if (hits < expected.size || found !== ids.length) {
      result.missed.push({ term, paragraphs: expected.size - hits });
    }
  }
  return result;
}

/** Runs the checker on JSON Lines files; resolves to 1 when anything was missed. */
export async function runCheckRecall(
  config: Config,
  files: string[],
  options: { samples: number; seed: number },
): Promise<number> {
  const reports: Report[] = [];
  for (const file of files) {
    const lines = (await readFile(file, 'utf8')).split('\n');
    lines.forEach((line, i) => {
      if (line.trim() !== '') reports.push(parseJsonlLine(line, `${basename(file)}:${i + 1}`));
    });
  }
  initSegmenter(null);
  const started = performance.now();
  const { archive } = await buildArchive(reports, { userDict: null, workers: config.workers });
  const buildSeconds = (performance.now() - started) / 1000;
  const report = checkRecall(reports, archive, options.samples, options.seed);
  const recall = report.expected === 0 ? 1 : report.found / report.expected;
  const precision =
    report.found + report.falsePositives === 0
      ? 1
      : report.found / (report.found + report.falsePositives);
  console.log(
    `check-recall: ${archive.paragraphCount.toLocaleString('en')} paragraphs (built in ${buildSeconds.toFixed(1)} s), ` +
      `${report.samples} sampled terms, ${report.expected} expected paragraph hits; ` +
      `recall ${(recall * 100).toFixed(3)}%, precision ${(precision * 100).toFixed(3)}%`,
  );
  for (const miss of report.missed.slice(0, 20))
    console.log(`  missed ${miss.paragraphs} for ${JSON.stringify(miss.term)}`);
  return report.missed.length > 0 || report.falsePositives > 0 ? 1 : 0;
}
