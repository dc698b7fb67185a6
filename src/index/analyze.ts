// Per-paragraph analysis for indexing: normalise, segment, count words. Runs inline or in workers.
import { normalizeForMatch } from '../text/normalize.ts';
import { isWordToken, segment } from '../text/segment.ts';
import { WORD_SEPARATOR } from './words.ts';

/** The analysis of a batch of paragraphs, in the same order. */
export interface AnalyzedBatch {
  /** Normalised text, or null where it equals the original. */
  norms: (string | null)[];
  /** Distinct word tokens, joined by {@link WORD_SEPARATOR}. */
  words: string[];
  /** Word tokens (not distinct): the paragraph's length for BM25. */
  wordCounts: Uint32Array;
}

/** Normalises and segments paragraphs; the one indexing path, whether inline or in a worker. */
export function analyzeBatch(texts: readonly string[]): AnalyzedBatch {
  const norms: (string | null)[] = [];
  const words: string[] = [];
  const wordCounts = new Uint32Array(texts.length);
  texts.forEach((text, i) => {
    const norm = normalizeForMatch(text);
    norms.push(norm === text ? null : norm);
    const distinct = new Set<string>();
    let count = 0;
    for (const token of segment(norm)) {
      if (!isWordToken(token)) continue;
      count++;
      distinct.add(token);
    }
    wordCounts[i] = count;
    words.push([...distinct].join(WORD_SEPARATOR));
  });
  return { norms, words, wordCounts };
}
