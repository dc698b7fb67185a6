// The relevance score of one paragraph for a query, with every per-query constant computed once.
import type { ArchiveStore } from '../index/archive.ts';
import type { QueryTerm } from './query.ts';
import type { ReportFacts } from './facts.ts';
import {
  ALIGNED_BOOST,
  HEADING_BOOST,
  TITLE_BOOST,
  bm25,
  countOccurrences,
  idf,
  proximityBoost,
} from './rank.ts';

/** A query term with what it matched. */
export interface TermMatch {
  term: QueryTerm;
  /** Normalised literals that count for the term: its own text, or the words its pinyin stood for. */
  literals: string[];
  exact: Uint32Array;
  pinyin?: string[];
}

/**
 * Membership in an ascending id list, for ids asked in ascending order (as ranking visits them):
 * a cursor that only moves forward, so each question costs O(1) amortised.
 */
class AscendingMembership {
  private at = 0;
  private last = -1;
  constructor(private readonly ids: readonly number[]) {}

  has(id: number): boolean {
    if (id < this.last) this.at = 0;
    this.last = id;
    const ids = this.ids;
    while (this.at < ids.length && ids[this.at]! < id) this.at++;
    return this.at < ids.length && ids[this.at] === id;
  }
}

interface Literal {
  text: string;
  idf: number;
}

interface TermScoring {
  exact: Literal[];
  words: Literal[];
  aligned: AscendingMembership | null;
}

/** Scorers of exact and related paragraphs for one query. */
export function makeScorer(
  store: ArchiveStore,
  facts: ReportFacts,
  matches: TermMatch[][],
): { exact: (id: number) => number; related: (id: number) => number } {
  const n = Math.max(1, store.paragraphCount);
  const average = store.averageWordCount;
  const all = matches.flat();
  const terms: TermScoring[] = all.map((m) => ({
    exact: m.literals.map((text) => ({ text, idf: idf(n, Math.max(1, m.exact.length)) })),
    words: m.term.words.map((text) => ({ text, idf: idf(n, Math.max(1, store.findLiteral(text).length)) })),
    // A term that stands as whole jieba words in a paragraph outranks the same characters spread
    // over other words. One character alone says little about word boundaries, so it gets none.
    aligned:
      !m.term.phrase && !m.pinyin && m.term.words.length > 0 && m.term.norm.length > 1
        ? new AscendingMembership(store.withAllWords(m.term.words))
        : null,
  }));
  const clauseLiterals = matches.map((clause) => clause.flatMap((m) => m.literals));
  const allLiterals = all.flatMap((m) => m.literals);
  const titleBoosts = new Map<number, number>();
  const titleBoost = (reportIndex: number): number => {
    let boost = titleBoosts.get(reportIndex);
    if (boost === undefined) {
      const title = facts.titles[reportIndex]!;
      boost = title !== '' && allLiterals.some((literal) => title.includes(literal)) ? TITLE_BOOST : 1;
      titleBoosts.set(reportIndex, boost);
    }
    return boost;
  };
  const boosts = (id: number, score: number): number => {
    if (store.kindOf(id) === 'heading') score *= HEADING_BOOST;
    return score * titleBoost(store.reportOfParagraph(id));
  };

  const exact = (id: number): number => {
    const text = store.normOf(id);
    const length = store.wordCountOf(id);
    let score = 0;
    for (const term of terms) {
      let termScore = 0;
      for (const literal of term.exact) {
        termScore += bm25(countOccurrences(text, literal.text), literal.idf, length, average);
      }
      if (term.aligned?.has(id)) termScore *= ALIGNED_BOOST;
      score += termScore;
    }
    if (clauseLiterals.length > 1) score *= proximityBoost(text, clauseLiterals);
    return boosts(id, score);
  };

  const related = (id: number): number => {
    const text = store.normOf(id);
    const length = store.wordCountOf(id);
    let score = 0;
    for (const term of terms) {
      for (const word of term.words) {
        score += bm25(countOccurrences(text, word.text), word.idf, length, average);
      }
    }
    return boosts(id, score);
  };

  return { exact, related };
}
