// Answers to one-term queries worked out when the index is built, and their saved form.

/**
 * The answer to a query of one term (no filter, no exclusion, ranked by relevance), for a term
 * found in so many paragraphs that counting and ranking them all would cost milliseconds on every
 * search. It is what a live search would find: the build runs that search (see `search/answers.ts`).
 */
export interface TermAnswer {
  /** Paragraphs that contain the term. */
  total: number;
  /** Distinct reports among them. */
  reports: number;
  /** Paragraphs per source facet key (an index into the archive's source names). */
  sourceCounts: Uint32Array;
  /** Paragraphs per year facet key (an index into the archive's year names). */
  yearCounts: Uint32Array;
  /** The jieba words the term was ranked with; a query that segments it otherwise is searched live. */
  words: string[];
  /** For a term read as pinyin: the corpus words it stood for (as {@link ArchiveStore.pinyinWords}). */
  pinyin?: string[];
  /** The best paragraphs, best first (all of them when fewer than the answers keep). */
  ids: Uint32Array;
  scores: Float64Array;
}

/** Answers by the term's normalised text. */
export type TermAnswers = Map<string, TermAnswer>;

/**
 * One answer in `answers.json`; its hits are the next `hits` ids and scores of the arrays. A pinyin
 * answer adds the words the term was read as.
 */
type SavedAnswer =
  | [term: string, total: number, reports: number, words: string[], hits: number]
  | [term: string, total: number, reports: number, words: string[], hits: number, pinyin: string[]];

/**
 * The saved form: a JSON list of the small parts; every answer's ids and scores end to end; and
 * its source counts then year counts, one per facet key, end to end (mostly zeros: they deflate).
 */
export interface SavedAnswers {
  json: string;
  ids: Uint32Array;
  scores: Float64Array;
  facets: Uint32Array;
}

export function saveAnswers(answers: TermAnswers): SavedAnswers {
  let hits = 0;
  let facetCounts = 0;
  for (const answer of answers.values()) {
    hits += answer.ids.length;
    facetCounts += answer.sourceCounts.length + answer.yearCounts.length;
  }
  const ids = new Uint32Array(hits);
  const scores = new Float64Array(hits);
  const facets = new Uint32Array(facetCounts);
  const list: SavedAnswer[] = [];
  let at = 0;
  let facetAt = 0;
  for (const [term, answer] of answers) {
    const saved: SavedAnswer = [term, answer.total, answer.reports, answer.words, answer.ids.length];
    list.push(answer.pinyin ? [...saved, answer.pinyin] : saved);
    ids.set(answer.ids, at);
    scores.set(answer.scores, at);
    at += answer.ids.length;
    facets.set(answer.sourceCounts, facetAt);
    facets.set(answer.yearCounts, facetAt + answer.sourceCounts.length);
    facetAt += answer.sourceCounts.length + answer.yearCounts.length;
  }
  return { json: JSON.stringify(list), ids, scores, facets };
}

/**
 * Reads answers saved by {@link saveAnswers} for an archive of `sources` source and `years` year
 * facet keys; throws when the parts do not fit together.
 */
export function loadAnswers(saved: SavedAnswers, sources: number, years: number): TermAnswers {
  const list = JSON.parse(saved.json) as SavedAnswer[];
  if (!Array.isArray(list)) throw new Error('answers.json is not a list');
  if (saved.ids.length !== saved.scores.length) throw new Error('answer ids and scores differ in length');
  if (saved.facets.length !== list.length * (sources + years)) {
    throw new Error('answer facet counts do not match the facets');
  }
  const answers: TermAnswers = new Map();
  let at = 0;
  let facetAt = 0;
  for (const [term, total, reports, words, hits, pinyin] of list) {
    if (!Number.isInteger(hits) || hits < 0 || at + hits > saved.ids.length) {
      throw new Error('answers.json does not match the answer ids');
    }
    if (pinyin !== undefined && !(Array.isArray(pinyin) && pinyin.every((w) => typeof w === 'string'))) {
      throw new Error('answers.json has pinyin readings that are not words');
    }
    answers.set(term, {
      total,
      reports,
      sourceCounts: saved.facets.subarray(facetAt, facetAt + sources),
      yearCounts: saved.facets.subarray(facetAt + sources, facetAt + sources + years),
      words,
      ...(pinyin ? { pinyin } : {}),
      ids: saved.ids.subarray(at, at + hits),
      scores: saved.scores.subarray(at, at + hits),
    });
    at += hits;
    facetAt += sources + years;
  }
  if (at !== saved.ids.length) throw new Error('answers.json does not match the answer ids');
  return answers;
}
