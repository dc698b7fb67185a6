// Answers to one-term queries of frequent terms, worked out once when the index is built.
import type { ArchiveStore } from '../index/archive.ts';
import type { TermAnswers } from '../index/answers.ts';
import { parseQuery, relatedWords } from './query.ts';
import { MAX_LIMIT, matchAndRank, singleTerm } from './search.ts';

/**
 * Terms of one or two code units found in at least this many paragraphs get an answer at build
 * time, and pinyin keys whose words are found about as often. Below it a live search of one term
 * takes a fraction of a millisecond; at a million paragraphs this is about 3,500 terms (single
 * characters and common words such as 疫情) and 850 pinyin keys (yiqing).
 */
export const ANSWER_MIN_PARAGRAPHS = 10_000;

/** Hits kept per answer: enough for any page up to {@link MAX_LIMIT}. */
export const ANSWER_HITS = MAX_LIMIT;

/**
 * Runs the live search of each of `terms` (one or two code units each, or pinyin keys) and keeps
 * its counts, facets and best {@link ANSWER_HITS} hits. Needs the segmenter loaded (queries are
 * segmented).
 */
export function computeAnswers(store: ArchiveStore, terms: readonly string[]): TermAnswers {
  const answers: TermAnswers = new Map();
  for (const text of terms) {
    // Only a text that a query reads as that one term (not whitespace, an operator, a quote; a
    // filter would be text besides the term).
    const parsed = parseQuery(text);
    const term = singleTerm(parsed, 'relevance');
    if (term === null || term.norm !== text) continue;
    const ranked = matchAndRank(store, parsed, {}, ANSWER_HITS, 'relevance');
    // One or two code units hold at most one word of two characters, a pinyin key one Latin
    // word: no related matches.
    if (ranked.relatedTotal > 0) continue;
    const pinyin = ranked.matches[0]!.pinyin;
    answers.set(text, {
      total: ranked.exactTotal,
      reports: ranked.facets.reports,
      sourceCounts: ranked.facets.source,
      yearCounts: ranked.facets.year,
      words: relatedWords(term),
      ...(pinyin ? { pinyin } : {}),
      ids: Uint32Array.from(ranked.page, (hit) => hit.id),
      scores: Float64Array.from(ranked.page, (hit) => hit.score),
    });
  }
  return answers;
}
