// Report[] → Archive: analyse every paragraph, then build the gram postings and the word index.
import type { Report, ReportMeta } from '../types.ts';
import { buildPinyinMap } from '../text/pinyin.ts';
import { analyzeBatch, type AnalyzedBatch } from './analyze.ts';
import { Archive, kindCode } from './archive.ts';
import { buildGramIndex } from './grams.ts';
import { AnalyzePool } from './pool.ts';
import { WORD_SEPARATOR, WordIndex } from './words.ts';

/** How a build runs. */
export interface BuildOptions {
  /** The user dictionary the segmenter loads (also in worker threads). */
  userDict: string | null;
  /** Worker threads for segmentation; 0 analyses in this thread. */
  workers: number;
  /** Called as paragraphs are analysed. */
  onProgress?: (done: number, total: number) => void;
}

/** Where a build spent its time, in milliseconds. */
export interface BuildTimings {
  analyzeMs: number;
  gramsMs: number;
  wordsMs: number;
}

const BATCH_SIZE = 2000;
// Below this many paragraphs, starting workers costs more than it saves.
const MIN_PARAGRAPHS_FOR_WORKERS = 20_000;

/** Builds the in-memory archive of `reports` (already loaded and de-duplicated). */
export async function buildArchive(
  reports: readonly Report[],
  options: BuildOptions,
): Promise<{ archive: Archive; timings: BuildTimings }> {
  const metas: ReportMeta[] = [];
  const reportStart = new Uint32Array(reports.length + 1);
  const texts: string[] = [];
  const kinds: number[] = [];
  const headings: (string | null)[] = [];
  const credits: (string | null)[] = [];
  reports.forEach((report, r) => {
    const { paragraphs, ...meta } = report;
    metas.push(meta);
    reportStart[r] = texts.length;
    for (const paragraph of paragraphs) {
      texts.push(paragraph.text);
      kinds.push(kindCode(paragraph.kind));
      headings.push(paragraph.heading ?? null);
      credits.push(paragraph.credit ?? null);
    }
  });
  reportStart[reports.length] = texts.length;

  let started = performance.now();
  const analyzed = await analyzeAll(texts, options);
  const analyzeMs = performance.now() - started;

  started = performance.now();
  const norms = analyzed.norms;
  const grams = buildGramIndex(texts.map((text, id) => norms[id] ?? text));
  const gramsMs = performance.now() - started;

  started = performance.now();
  const words = new WordIndex();
  const frequencies = new Map<string, number>();
  analyzed.words.forEach((joined, id) => {
    if (joined.length === 0) return;
    const list = joined.split(WORD_SEPARATOR);
    words.add(id, list);
    for (const word of list) frequencies.set(word, (frequencies.get(word) ?? 0) + 1);
  });
  const pinyin = buildPinyinMap(frequencies);
  const wordsMs = performance.now() - started;

  const archive = new Archive({
    reports: metas,
    reportStart,
    kinds: Uint8Array.from(kinds),
    texts,
    norms,
    headings,
    credits,
    wordCounts: analyzed.wordCounts,
    grams,
    words,
    pinyin,
  });
  return { archive, timings: { analyzeMs, gramsMs, wordsMs } };
}

async function analyzeAll(texts: string[], options: BuildOptions): Promise<AnalyzedBatch> {
  const batches: string[][] = [];
  for (let i = 0; i < texts.length; i += BATCH_SIZE) batches.push(texts.slice(i, i + BATCH_SIZE));
  let done = 0;
  const report = (batch: AnalyzedBatch): AnalyzedBatch => {
    done += batch.norms.length;
    options.onProgress?.(done, texts.length);
    return batch;
  };

  let results: AnalyzedBatch[];
  if (options.workers > 0 && texts.length >= MIN_PARAGRAPHS_FOR_WORKERS) {
    const pool = await AnalyzePool.start(options.workers, options.userDict);
    try {
      results = await Promise.all(batches.map((batch) => pool.analyze(batch).then(report)));
    } finally {
      await pool.close();
    }
  } else {
    results = batches.map((batch) => report(analyzeBatch(batch)));
  }

  const wordCounts = new Uint32Array(texts.length);
  let offset = 0;
  for (const batch of results) {
    wordCounts.set(batch.wordCounts, offset);
    offset += batch.wordCounts.length;
  }
  return {
    norms: results.flatMap((batch) => batch.norms),
    words: results.flatMap((batch) => batch.words),
    wordCounts,
  };
}
