// The relevance score of one paragraph for a query, with every per-query constant computed once.
import type { ArchiveStore } from '../index/archive.ts';
import type { GramPostings } from '../index/grams.ts';
import type { QueryTerm } from './query.ts';
import type { ReportFacts } from './facts.ts';
import {
  ALIGNED_BOOST,
  HEADING_BOOST,
  MAX_PROXIMITY_BOOST,
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

/** Gram frequencies are stored capped at this value, so a capped one bounds nothing. */
const GRAM_TF_CAP = 255;

/**
 * One literal's frequency in paragraphs asked in ascending id order. One and two code units are
 * read from the gram postings. A longer literal occurs at most as often as the rarest of its
 * bigrams (each occurrence starts one of that bigram's at a fixed offset), so where the paragraph
 * contains it and that minimum is 1 the frequency is 1; otherwise the minimum is an upper bound,
 * and only {@link LiteralFrequency.of} scans the text, for the few paragraphs that may rank.
 */
class LiteralFrequency {
  private readonly grams: AscendingFrequencies | null;
  private readonly containing: AscendingMembership | null;
  private readonly bigrams: AscendingFrequencies[] = [];
  private lastId = -1;
  private upper = 0;
  /** Whether `upper` is the frequency in `lastId` rather than a bound on it. */
  private settled = true;

  constructor(
    private readonly store: ArchiveStore,
    readonly text: string,
    readonly idf: number,
  ) {
    const postings = store.literalPostings(text);
    this.grams = postings ? new AscendingFrequencies(postings) : null;
    this.containing = postings ? null : new AscendingMembership(store.findLiteral(text));
    if (!postings) {
      for (let i = 0; i + 2 <= text.length; i++) {
        const bigram = store.literalPostings(text.slice(i, i + 2));
        if (bigram) this.bigrams.push(new AscendingFrequencies(bigram));
      }
    }
  }

  /** An upper bound on the frequency in paragraph `id`; often the frequency itself. */
  bound(id: number): number {
    if (id === this.lastId) return this.upper;
    this.lastId = id;
    this.settled = true;
    if (this.grams !== null) return (this.upper = this.grams.of(id));
    if (!this.containing!.has(id)) return (this.upper = 0);
    let least = GRAM_TF_CAP;
    for (let b = 0; b < this.bigrams.length && least > 1; b++) {
      const tf = this.bigrams[b]!.of(id);
      if (tf < least) least = tf;
    }
    if (least <= 1) return (this.upper = 1);
    if (least >= GRAM_TF_CAP)
      return (this.upper = countOccurrences(this.store.normOf(id), this.text));
    this.settled = false;
    return (this.upper = least);
  }

  /** The frequency in paragraph `id`: overlapping occurrences in its normalised text. */
  of(id: number): number {
    const upper = this.bound(id);
    if (this.settled) return upper;
    this.settled = true;
    return (this.upper = countOccurrences(this.store.normOf(id), this.text));
  }
}

interface TermScoring {
  exact: LiteralFrequency[];
  /** Built on the first related paragraph: most queries have none. */
  words: LiteralFrequency[] | null;
  wordTexts: readonly string[];
  aligned: AscendingMembership | null;
}

/**
 * Scores paragraphs for one query. A class rather than closures: its methods are compiled once and
 * stay optimised across queries, where fresh closures per query would start cold every time.
 *
 * Each score has a cheap upper bound (`exactBound`, `relatedBound`) computed in the same order of
 * operations with the costly factors (proximity, alignment, title, counted frequencies) at their
 * maxima. Floating-point sums and products of non-negative numbers are monotone, so the bound is
 * never below the score, and top-k selection can skip scoring a paragraph whose bound cannot rank.
 */
export class QueryScorer {
  private readonly terms: TermScoring[];
  private readonly clauseLiterals: string[][];
  private readonly allLiterals: string[];
  private readonly average: number;
  private readonly paragraphs: number;
  /** Title boost per report, filled lazily: 0 = not yet known. */
  private readonly titleBoosts: Float64Array;

  constructor(
    private readonly store: ArchiveStore,
    private readonly facts: ReportFacts,
    matches: TermMatch[][],
  ) {
    const n = Math.max(1, store.paragraphCount);
    this.paragraphs = n;
    this.average = store.averageWordCount;
    const all = matches.flat();
    this.terms = all.map((m) => {
      const words = m.term.words;
      const termIdf = idf(n, Math.max(1, m.exact.length));
      return {
        exact: m.literals.map((text) => new LiteralFrequency(store, text, termIdf)),
        words: null,
        wordTexts: words,
        // A term that stands as whole jieba words in a paragraph outranks the same characters
        // spread over other words. One character alone says little about word boundaries.
        aligned:
          !m.term.phrase && !m.pinyin && words.length > 0 && m.term.norm.length > 1
            ? new AscendingMembership(store.withAllWords(words))
            : null,
      };
    });
    this.clauseLiterals = matches.map((clause) => clause.flatMap((m) => m.literals));
    this.allLiterals = all.flatMap((m) => m.literals);
    this.titleBoosts = new Float64Array(store.reportCount);
  }

  private wordsOf(term: TermScoring): LiteralFrequency[] {
    if (term.words === null) {
      term.words = term.wordTexts.map(
        (text) =>
          new LiteralFrequency(
            this.store,
            text,
            idf(this.paragraphs, Math.max(1, this.store.findLiteral(text).length)),
          ),
      );
    }
    return term.words;
  }

  private titleBoost(reportIndex: number): number {
    let boost = this.titleBoosts[reportIndex]!;
    if (boost === 0) {
      const title = this.facts.titles[reportIndex]!;
      boost = 1;
      if (title !== '') {
        for (let l = 0; l < this.allLiterals.length; l++) {
          if (title.includes(this.allLiterals[l]!)) {
            boost = TITLE_BOOST;
            break;
          }
        }
      }
      this.titleBoosts[reportIndex] = boost;
    }
    return boost;
  }

  private boosted(id: number, score: number): number {
    if (this.store.kindOf(id) === 'heading') score *= HEADING_BOOST;
    return score * this.titleBoost(this.store.reportOfParagraph(id));
  }

  /** The heading and title factors at most: the title's only where it is already known. */
  private boostedBound(id: number, score: number): number {
    if (this.store.kindOf(id) === 'heading') score *= HEADING_BOOST;
    const known = this.titleBoosts[this.store.reportOfParagraph(id)]!;
    return score * (known === 0 ? TITLE_BOOST : known);
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
        termScore += bm25(literal.of(id), literal.idf, length, this.average);
      }
      if (term.aligned !== null && term.aligned.has(id)) termScore *= ALIGNED_BOOST;
      score += termScore;
    }
    if (this.clauseLiterals.length > 1)
      score *= proximityBoost(this.store.normOf(id), this.clauseLiterals);
    return this.boosted(id, score);
  }

  /** An upper bound on {@link exact}, without scanning the text. */
  exactBound(id: number): number {
    const length = this.store.wordCountOf(id);
    let score = 0;
    for (let t = 0; t < this.terms.length; t++) {
      const term = this.terms[t]!;
      let termScore = 0;
      for (let l = 0; l < term.exact.length; l++) {
        const literal = term.exact[l]!;
        termScore += bm25(literal.bound(id), literal.idf, length, this.average);
      }
      if (term.aligned !== null) termScore *= ALIGNED_BOOST;
      score += termScore;
    }
    if (this.clauseLiterals.length > 1) score *= MAX_PROXIMITY_BOOST;
    return this.boostedBound(id, score);
  }

  /** Score of a related paragraph: one that holds the terms' jieba words but not the literals. */
  related(id: number): number {
    const length = this.store.wordCountOf(id);
    let score = 0;
    for (let t = 0; t < this.terms.length; t++) {
      const words = this.wordsOf(this.terms[t]!);
      for (let w = 0; w < words.length; w++) {
        const word = words[w]!;
        score += bm25(word.of(id), word.idf, length, this.average);
      }
    }
    return this.boosted(id, score);
  }

  /** An upper bound on {@link related}, without scanning the text. */
  relatedBound(id: number): number {
    const length = this.store.wordCountOf(id);
    let score = 0;
    for (let t = 0; t < this.terms.length; t++) {
      const words = this.wordsOf(this.terms[t]!);
      for (let w = 0; w < words.length; w++) {
        const word = words[w]!;
        score += bm25(word.bound(id), word.idf, length, this.average);
      }
    }
    return this.boostedBound(id, score);
  }
}
