// Per-paragraph analysis for indexing: normalise, segment, count words. Runs inline or in workers.
import { normalizeForMatch } from '../text/normalize.ts';
import { isWordToken, segment } from '../text/segment.ts';
import { WORD_SEPARATOR } from './words.ts';

/** The segmentation of a batch of paragraphs, in the same order. */
export interface SegmentedBatch {
  /**
   * Distinct word tokens of two or more code units, joined by {@link WORD_SEPARATOR}. One-character
   * words (的, 在, 是 …) are most of all word postings; the gram index already lists every paragraph
   * that holds a character, so the word index leaves them out.
   */
  words: string[];
  /** Word tokens (not distinct): the paragraph's length for BM25. */
  wordCounts: Uint32Array;
}

/** Normalises and segments paragraphs; the one indexing path, whether inline or in a worker. */
export function segmentBatch(texts: readonly string[]): SegmentedBatch {
  const words: string[] = [];
  const wordCounts = new Uint32Array(texts.length);
  texts.forEach((text, i) => {
    const distinct = new Set<string>();
    let count = 0;
    for (const token of segment(normalizeForMatch(text))) {
      if (!isWordToken(token)) continue;
      count++;
      if (token.length > 1) distinct.add(token);
    }
    wordCounts[i] = count;
    words.push([...distinct].join(WORD_SEPARATOR));
  });
  return { words, wordCounts };
}
