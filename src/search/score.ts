// The relevance score of one paragraph for a query, with every per-query constant computed once.
import type { ArchiveStore } from '../index/archive.ts';
import type { GramPostings } from '../index/grams.ts';
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
 * A position in an ascending id list, for ids asked in ascending order (as ranking visits them):
 * the cursor only moves forward, so a whole ranking pass costs one walk of the list at most.
 */
class AscendingCursor {
  private at = 0;
  private last = -1;
  constructor(readonly ids: ArrayLike<number>) {}

  /** Position of `id` in the list, or -1. Gallops forward, so sparse questions skip ahead fast. */
  find(id: number): number {
    const ids = this.ids;
    if (id < this.last) this.at = 0;
    this.last = id;
    let lo = this.at;
    let step = 1;
    let hi = lo;
    while (hi < ids.length && ids[hi]! < id) {
      lo = hi + 1;
      hi += step;
      step *= 2;
    }
    if (hi > ids.length) hi = ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ids[mid]! < id) lo = mid + 1;
      else hi = mid;
    }
    this.at = lo;
    return lo < ids.length && ids[lo] === id ? lo : -1;
  }
}

class AscendingMembership extends AscendingCursor {
  has(id: number): boolean {
    return this.find(id) !== -1;
  }
}

interface Literal {
  text: string;
  idf: number;
  /** For one- and two-unit literals: frequencies straight from the gram postings, no text scan. */
  frequencies: AscendingFrequencies | null;
}

/** A literal's frequency in paragraphs asked in ascending id order, read from its gram postings. */
class AscendingFrequencies extends AscendingCursor {
  constructor(private readonly postings: GramPostings) {
    super(postings.ids);
  }

  of(id: number): number {
    const at = this.find(id);
    return at === -1 ? 0 : this.postings.tf[at]!;
  }
}

interface TermScoring {
  exact: Literal[];
  words: Literal[];
  aligned: AscendingMembership | null;
}

/**
 * Scores paragraphs for one query. A class rather than closures: its methods are compiled once and
 * stay optimised across queries, where fresh closures per query would start cold every time.
 */
export class QueryScorer {
  private readonly terms: TermScoring[];
  private readonly clauseLiterals: string[][];
  private readonly allLiterals: string[];
  private readonly average: number;
  /**
   * Title boost per report, filled lazily: 0 = not yet known. Float64 so that a report's every
   * paragraph gets the same factor (a Float32 entry would round 1.2 for all but the first).
   */
  private readonly titleBoosts: Float64Array;

  constructor(
    private readonly store: ArchiveStore,
    private readonly facts: ReportFacts,
    matches: TermMatch[][],
  ) {
    const n = Math.max(1, store.paragraphCount);
    this.average = store.averageWordCount;
    const literal = (text: string, df: number): Literal => {
      const postings = store.literalPostings(text);
      return {
        text,
        idf: idf(n, Math.max(1, df)),
        frequencies: postings ? new AscendingFrequencies(postings) : null,
      };
    };
    const all = matches.flat();
    this.terms = all.map((m) => ({
      exact: m.literals.map((text) => literal(text, m.exact.length)),
      words: m.term.words.map((text) => literal(text, store.findLiteral(text).length)),
      // A term that stands as whole jieba words in a paragraph outranks the same characters spread
      // over other words. One character alone says little about word boundaries, so it gets none.
      aligned:
        !m.term.phrase && !m.pinyin && m.term.words.length > 0 && m.term.norm.length > 1
          ? new AscendingMembership(store.withAllWords(m.term.words))
          : null,
    }));
    this.clauseLiterals = matches.map((clause) => clause.flatMap((m) => m.literals));
    this.allLiterals = all.flatMap((m) => m.literals);
    this.titleBoosts = new Float64Array(store.reportCount);
  }

  private frequency(literal: Literal, id: number): number {
    return literal.frequencies
      ? literal.frequencies.of(id)
      : countOccurrences(this.store.normOf(id), literal.text);
  }

  private boosted(id: number, score: number): number {
    if (this.store.kindOf(id) === 'heading') score *= HEADING_BOOST;
    const reportIndex = this.store.reportOfParagraph(id);
    let boost = this.titleBoosts[reportIndex]!;
    if (boost === 0) {
      const title = this.facts.titles[reportIndex]!;
      boost =
        title !== '' && this.allLiterals.some((text) => title.includes(text)) ? TITLE_BOOST : 1;
      this.titleBoosts[reportIndex] = boost;
    }
    return score * boost;
  }

  /** Score of a paragraph that contains the query's literals. */
  exact(id: number): number {
    const length = this.store.wordCountOf(id);
    let score = 0;
    for (let t = 0; t < this.terms.length; t++) {
      const term = this.terms[t]!;
      let termScore = 0;
      for (let l = 0; l < term.exact.length; l++) {
        const literal = term.exact[l]!;
        termScore += bm25(this.frequency(literal, id), literal.idf, length, this.average);
      }
      if (term.aligned !== null && term.aligned.has(id)) termScore *= ALIGNED_BOOST;
      score += termScore;
    }
    if (this.clauseLiterals.length > 1)
      score *= proximityBoost(this.store.normOf(id), this.clauseLiterals);
    return this.boosted(id, score);
  }

  /** Score of a related paragraph: one that holds the terms' jieba words but not the literals. */
  related(id: number): number {
    const length = this.store.wordCountOf(id);
    let score = 0;
    for (let t = 0; t < this.terms.length; t++) {
      const term = this.terms[t]!;
      for (let w = 0; w < term.words.length; w++) {
        const word = term.words[w]!;
        score += bm25(this.frequency(word, id), word.idf, length, this.average);
      }
    }
    return this.boosted(id, score);
  }
}
