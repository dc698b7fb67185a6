// Report[] → Archive: analyse every paragraph, then build the gram postings and the word index.
import type { Report, ReportMeta } from '../types.ts';
import { buildPinyinMap } from '../text/pinyin.ts';
import { segmentBatch, type SegmentedBatch } from './analyze.ts';
import { normalizeForMatch } from '../text/normalize.ts';
import { initSegmenter } from '../text/segment.ts';
import { Archive, kindCode } from './archive.ts';
import type { TermAnswers } from './answers.ts';
// The answers are what a search finds, so the search code works them out.
import { ANSWER_MIN_PARAGRAPHS, computeAnswers } from '../search/answers.ts';
import { buildGramIndex } from './grams.ts';
import { AnalyzePool } from './pool.ts';
import { computeReportFacts } from './report-facts.ts';
import { PackedTexts } from './texts.ts';
import { WORD_SEPARATOR, WordIndex, WordPostingsBuilder } from './words.ts';

/** How a build runs. */
export interface BuildOptions {
  /** The user dictionary the segmenter loads (also in worker threads). */
  userDict: string | null;
  /** Worker threads for segmentation; 0 analyses in this thread. */
  workers: number;
  /** Called as paragraphs are analysed. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Terms found in at least this many paragraphs get their one-term answer worked out now
   * (default {@link ANSWER_MIN_PARAGRAPHS}; tests lower it to cover small archives).
   */
  answerMinParagraphs?: number;
}

/** Where a build spent its time, in milliseconds (segmentation overlaps the gram build). */
export interface BuildTimings {
  analyzeMs: number;
  gramsMs: number;
  wordsMs: number;
  /** Working out the answers of frequent one-term queries, after the rest. */
  answersMs: number;
}

// Small batches keep both workers equally busy: they are handed out round robin, all at once.
const BATCH_SIZE = 500;
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
      // A lone surrogate is no character; U+FFFD keeps the length and every text well-formed.
      texts.push(paragraph.text.toWellFormed());
      kinds.push(kindCode(paragraph.kind));
      headings.push(paragraph.heading ?? null);
      credits.push(paragraph.credit ?? null);
    }
  });
  reportStart[reports.length] = texts.length;

  // The workers segment while this thread normalises and builds the gram postings; the word
  // index then waits for their results.
  let started = performance.now();
  const pool =
    options.workers > 0 && texts.length >= MIN_PARAGRAPHS_FOR_WORKERS
      ? await AnalyzePool.start(options.workers, options.userDict)
      : null;
  let segmented: Promise<SegmentedBatch[]> | null = null;
  const answerMin = options.answerMinParagraphs ?? ANSWER_MIN_PARAGRAPHS;
  let built: {
    archive: Archive;
    answers: TermAnswers;
    pinyinKeys: string[];
    timings: Omit<BuildTimings, 'answersMs'>;
  };
  try {
    let done = 0;
    const progress = (batch: SegmentedBatch): SegmentedBatch => {
      done += batch.wordCounts.length;
      options.onProgress?.(done, texts.length);
      return batch;
    };
    if (pool) segmented = Promise.all(batches(texts).map((batch) => pool.segment(batch).then(progress)));
    else initSegmenter(options.userDict);

    const gramsStarted = performance.now();
    const norms = texts.map(normalizeForMatch);
    const grams = buildGramIndex(norms);
    const gramsMs = performance.now() - gramsStarted;

    const results = segmented ? await segmented : batches(texts).map((batch) => progress(segmentBatch(batch)));
    const analyzeMs = performance.now() - started;

    started = performance.now();
    const collected = new WordPostingsBuilder();
    const frequencies = new Map<string, number>();
    const wordCounts = new Uint32Array(texts.length);
    let id = 0;
    for (const batch of results) {
      wordCounts.set(batch.wordCounts, id);
      for (const joined of batch.words) {
        if (joined.length > 0) {
          const list = joined.split(WORD_SEPARATOR);
          collected.add(id, list);
          for (const word of list) frequencies.set(word, (frequencies.get(word) ?? 0) + 1);
        }
        id++;
      }
    }
    const words = WordIndex.fromPostings(collected.finish());
    const pinyin = buildPinyinMap(frequencies);
    const pinyinKeys = frequentPinyinKeys(pinyin, frequencies, answerMin);
    const wordsMs = performance.now() - started;

    const answers: TermAnswers = new Map();
    const facts = computeReportFacts(metas);
    const archive = new Archive({
      reports: PackedTexts.of(metas.map((meta) => JSON.stringify(meta))),
      reportIds: PackedTexts.of(metas.map((meta) => meta.id)),
      facts,
      titleGrams: buildGramIndex(facts.titles),
      dateRange: dateRangeOf(metas),
      reportStart,
      kinds: Uint8Array.from(kinds),
      texts: PackedTexts.of(texts),
      norms: PackedTexts.of(norms),
      headings,
      credits,
      wordCounts,
      grams,
      words,
      pinyin,
      answers,
    });
    built = { archive, answers, pinyinKeys, timings: { analyzeMs, gramsMs, wordsMs } };
  } finally {
    await pool?.close();
  }

  // Searching needs the whole archive: the answers come last, into the archive's own (empty) map.
  started = performance.now();
  const { archive, answers, pinyinKeys, timings } = built;
  // A key of two letters can be a gram too: one answer each.
  const terms = [...new Set([...archive.frequentGrams(answerMin), ...pinyinKeys])];
  // They are segmented as a query's terms are, so this thread needs the segmenter too.
  if (terms.length > 0) initSegmenter(options.userDict);
  for (const [term, answer] of computeAnswers(archive, terms)) answers.set(term, answer);
  return { archive, timings: { ...timings, answersMs: performance.now() - started } };
}

/**
 * The pinyin keys whose words are jieba words of at least `min` paragraphs, summed over the words
 * (a paragraph of two of them counts twice): a cheap estimate of how many paragraphs a search of
 * the key ranks.
 */
function frequentPinyinKeys(
  pinyin: ReadonlyMap<string, readonly string[]>,
  frequencies: ReadonlyMap<string, number>,
  min: number,
): string[] {
  const keys: string[] = [];
  for (const [key, words] of pinyin) {
    let paragraphs = 0;
    for (const word of words) paragraphs += frequencies.get(word) ?? 0;
    if (paragraphs >= min) keys.push(key);
  }
  return keys;
}

/** The earliest and latest dates of `reports`, as written (dates compare as text: YYYY-MM-DD). */
function dateRangeOf(reports: readonly ReportMeta[]): { first?: string; last?: string } {
  let first: string | undefined;
  let last: string | undefined;
  for (const { date } of reports) {
    if (!date) continue;
    if (first === undefined || date < first) first = date;
    if (last === undefined || date > last) last = date;
  }
  return { ...(first !== undefined ? { first } : {}), ...(last !== undefined ? { last } : {}) };
}

function batches(texts: string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < texts.length; i += BATCH_SIZE) out.push(texts.slice(i, i + BATCH_SIZE));
  return out;
}
