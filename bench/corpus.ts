// The benchmark corpus: every real docs.jsonl, plus new reports recombined from their sentences.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { seededRandom } from '../src/random.ts';
import { parseJsonlLine } from '../src/corpus/jsonl.ts';
import type { Report } from '../src/types.ts';

/** The corpora folder: $BAOKU_CORPORA, else `../shared/corpora` beside the repository. */
export function locateCorpora(repoRoot: string): string | null {
  const dir = process.env.BAOKU_CORPORA ?? resolve(repoRoot, '..', 'shared', 'corpora');
  return existsSync(dir) ? dir : null;
}

/** One JSON Lines record and where it came from. */
export interface SourceLine {
  line: string;
  origin: string;
}

/** The lines of every `<corpus>/docs.jsonl` under `dir` (folders without one, like sighan2005, are skipped). */
export async function readRealLines(
  dir: string,
): Promise<{ lines: SourceLine[]; folders: string[] }> {
  const lines: SourceLine[] = [];
  const folders: string[] = [];
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
    a.name < b.name ? -1 : 1,
  )) {
    const file = join(dir, entry.name, 'docs.jsonl');
    if (!entry.isDirectory() || !existsSync(file)) continue;
    folders.push(entry.name);
    (await readFile(file, 'utf8')).split('\n').forEach((line, i) => {
      if (line.trim() !== '') lines.push({ line, origin: `${entry.name}/docs.jsonl:${i + 1}` });
    });
  }
  return { lines, folders };
}

/** Parses lines with baoku's JSON Lines parser; unreadable records are counted, not fatal. */
export function parseLines(lines: readonly SourceLine[]): { reports: Report[]; failures: number } {
  const reports: Report[] = [];
  let failures = 0;
  for (const { line, origin } of lines) {
    try {
      reports.push(parseJsonlLine(line, origin));
    } catch {
      failures++;
    }
  }
  return { reports, failures };
}

/** Paragraphs in reports. */
export function paragraphCount(reports: readonly Report[]): number {
  return reports.reduce((sum, report) => sum + report.paragraphs.length, 0);
}

// A sentence runs to 。！？ (and any closing quotes or brackets after it), or to the paragraph end.
const SENTENCE = /[^。！？]+(?:[。！？]+[”’」』）)]*|$)/gu;
const FIRST_DAY = Date.UTC(2004, 0, 1);
const LAST_DAY = Date.UTC(2024, 11, 31);
const DAY_MS = 86_400_000;

/** The sentences of the reports' paragraphs, in order, without the very short fragments. */
export function splitSentences(reports: readonly Report[]): string[] {
  const sentences: string[] = [];
  for (const report of reports) {
    for (const paragraph of report.paragraphs) {
      for (const match of paragraph.text.matchAll(SENTENCE)) {
        const sentence = match[0].trim();
        if (sentence.length >= 4) sentences.push(sentence);
      }
    }
  }
  return sentences;
}

/**
 * Writes JSON Lines records of new reports totalling `paragraphs` paragraphs. Each paragraph joins
 * 2–6 real sentences drawn at random (no paragraph is copied whole); each report has 1–10
 * paragraphs, a title cut from a sentence, the source of a random real report and a date between
 * 2004 and 2024. The same seed always gives the same records.
 */
export function synthesizeLines(
  real: readonly Report[],
  paragraphs: number,
  seed: number,
): SourceLine[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const sentences = splitSentences(real);
  const sources = real
    .map((report) => report.source)
    .filter((source): source is string => !!source);
  if (sentences.length === 0 || sources.length === 0) return [];
  const lines: SourceLine[] = [];
  let made = 0;
  for (let n = 1; made < paragraphs; n++) {
    const count = Math.min(paragraphs - made, 1 + Math.floor(random() * 10));
    const body: string[] = [];
    for (let p = 0; p < count; p++) {
      const parts: string[] = [];
      const length = 2 + Math.floor(random() * 5);
      for (let s = 0; s < length; s++) parts.push(pick(sentences));
      body.push(parts.join(''));
    }
    const day = FIRST_DAY + Math.floor(random() * ((LAST_DAY - FIRST_DAY) / DAY_MS + 1)) * DAY_MS;
    const record = {
      id: `bench-${n}`,
      title: pick(sentences)
        .replace(/[。！？”’」』）)]+$/u, '')
        .slice(0, 30),
      date: new Date(day).toISOString().slice(0, 10),
      source: pick(sources),
      paragraphs: body,
    };
    lines.push({ line: JSON.stringify(record), origin: `bench-synthetic:${n}` });
    made += count;
  }
  return lines;
}

/** A seeded subset of whole reports with at least `paragraphs` paragraphs (or all of them). */
export function sampleReports(
  reports: readonly Report[],
  paragraphs: number,
  seed: number,
): Report[] {
  const random = seededRandom(seed);
  const order = reports.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const chosen: number[] = [];
  let total = 0;
  for (const i of order) {
    if (total >= paragraphs) break;
    chosen.push(i);
    total += reports[i]!.paragraphs.length;
  }
  // Keep the corpus order, so report and paragraph ids follow the files.
  return chosen.sort((a, b) => a - b).map((i) => reports[i]!);
}

/** The lines a benchmark archive is built from, and how many of them were made up. */
export interface BenchLines {
  lines: SourceLine[];
  syntheticReports: number;
  syntheticParagraphs: number;
}

/**
 * Every real line plus recombined reports up to `paragraphs` paragraphs, or, when the real corpus
 * is larger than that, a seeded subset of whole real reports. `realReports` are `real` parsed.
 */
export function benchLines(
  real: readonly SourceLine[],
  realReports: readonly Report[],
  paragraphs: number,
  seed: number,
): BenchLines {
  const realParagraphs = paragraphCount(realReports);
  if (paragraphs > realParagraphs) {
    const synthetic = synthesizeLines(realReports, paragraphs - realParagraphs, seed);
    return {
      lines: [...real, ...synthetic],
      syntheticReports: synthetic.length,
      syntheticParagraphs: paragraphs - realParagraphs,
    };
  }
  const chosen = new Set(sampleReports(realReports, paragraphs, seed).map((r) => r.origin));
  return {
    lines: real.filter((line) => chosen.has(line.origin)),
    syntheticReports: 0,
    syntheticParagraphs: 0,
  };
}
