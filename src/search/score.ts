// The relevance score of one paragraph for a query, with every per-query constant computed once.
import { REPORT_ROW, REPORT_TITLE, type ArchiveStore } from '../index/archive.ts';
import { seek, step, walks } from '../index/postings.ts';
import type { GramPostings } from '../index/grams.ts';
import { relatedWords, type QueryTerm } from './query.ts';
import { mayContain, unitSignature, type ReportFacts } from '../index/report-facts.ts';
import {
  ALIGNED_BOOST,
  HEADING_BOOST,
  LiteralScan,
  TITLE_BOOST,
  bm25Normed,
  idf,
  lengthNorm,
  maxProximityBoost,
} from './rank.ts';
import { scratch } from './scratch.ts';

/** A query term with what it matched. */
export interface TermMatch {
  term: QueryTerm;
  /** Normalised literals that count for the term: its own text, or the words its pinyin stood for. */
  literals: string[];
  exact: Uint32Array;
  pinyin?: string[];
}

/**
 * Whether a term also finds related paragraphs: those holding all its words of two or more
 * characters, not the literal. It takes two such words; one alone is the literal or inside it.
 */
export function expandsToRelated(match: TermMatch): boolean {
  return !match.term.phrase && !match.pinyin && relatedWords(match.term).length >= 2;
}

/** Per archive, BM25's length normalisation of every paragraph: made on its first search. */
const lengthNormsByStore = new WeakMap<ArchiveStore, Float64Array>();

/** {@link lengthNorm} of every paragraph's word count, by paragraph id (read-only). */
export function lengthNormsOf(store: ArchiveStore): Float64Array {
  let norms = lengthNormsByStore.get(store);
  if (norms === undefined) {
    norms = new Float64Array(store.paragraphCount);
    for (let id = 0; id < norms.length; id++) {
      norms[id] = lengthNorm(store.wordCountOf(id), store.averageWordCount);
    }
    lengthNormsByStore.set(store, norms);
  }
  return norms;
}

/**
 * The title factor of each report a search has asked about, kept from one search to the next and
 * marked with the search's stamp: a report whose stamp is another's is worked out again. Looking up
 * an array beats a Map when a common query asks about a hundred thousand reports, and no search
 * has to clear anything.
 */
const titleFactors = {
  stamps: new Uint32Array(0),
  values: new Float64Array(0),
  last: 0,
  /** A fresh stamp, the arrays large enough for `reports`. */
  next(reports: number): number {
    if (this.stamps.length < reports) {
      this.stamps = new Uint32Array(reports);
      this.values = new Float64Array(reports);
    }
    if (this.last === 0xffffffff) {
      this.stamps.fill(0);
      this.last = 0;
    }
    return ++this.last;
  },
};

/** Whether two id lists are the same stretch of the same memory (the same postings, subarrayed twice). */
function sameView(a: Uint32Array, b: Uint32Array): boolean {
  return a.buffer === b.buffer && a.byteOffset === b.byteOffset && a.length === b.length;
}

/**
 * `postings`' frequency for each of `candidates` (0 where absent), by one merge of the two ascending
 * lists: reading an array in step is several times cheaper than searching for each id.
 */
function alignFrequencies(candidates: Uint32Array, postings: GramPostings): Uint8Array {
  if (sameView(candidates, postings.ids)) return postings.tf;
  const ids = postings.ids;
  const out = scratch.bytes.take(candidates.length);
  const walk = walks(ids, candidates.length);
  for (let i = 0, j = 0; i < candidates.length; i++) {
    const id = candidates[i]!;
    j = walk ? step(ids, id, j) : seek(ids, id, j);
    if (j === ids.length) break;
    if (ids[j] === id) out[i] = postings.tf[j]!;
  }
  return out;
}

/** 1 for each of `candidates` that is in ascending `ids`, else 0. */
function alignMembership(candidates: Uint32Array, ids: Uint32Array): Uint8Array {
  const out = scratch.bytes.take(candidates.length);
  if (sameView(candidates, ids)) return out.fill(1);
  const walk = walks(ids, candidates.length);
  for (let i = 0, j = 0; i < candidates.length; i++) {
    const id = candidates[i]!;
    j = walk ? step(ids, id, j) : seek(ids, id, j);
    if (j === ids.length) break;
    if (ids[j] === id) out[i] = 1;
  }
  return out;
}

/** Raises `values[i]` to at least `floor` where `where[i]` is 1. */
function raiseWhere(values: Uint32Array, where: Uint8Array, floor: number): void {
  for (let i = 0; i < values.length; i++) {
    if (where[i] === 1 && values[i]! < floor) values[i] = floor;
  }
}

/** Lowers each `values[i]` to `limits[i]` where that is smaller. */
function lowerTo(values: Uint32Array, limits: Uint8Array): void {
  for (let i = 0; i < values.length; i++) if (limits[i]! < values[i]!) values[i] = limits[i]!;
}

/** Adds each of `values` to `sums`, times the alignment boost where `aligned` has a 1. */
function addAligned(sums: Float64Array, values: Float64Array, aligned: Uint8Array | null): void {
  for (let i = 0; i < sums.length; i++) {
    sums[i]! += values[i]! * (aligned !== null && aligned[i] === 1 ? ALIGNED_BOOST : 1);
  }
}

/** Multiplies each of `values` by `factor`. */
function scale(values: Float64Array, factor: number): void {
  for (let i = 0; i < values.length; i++) values[i]! *= factor;
}

/**
 * The title factor at its maximum, for a partial bound. The margin is for the rounding of the
 * product only (x * TITLE_BOOST already is the bound at most), and costs nothing measurable.
 */
export const BOUND_CEILING_FACTOR = TITLE_BOOST * (1 + 1e-12);

/** Gram frequencies are stored capped at this value, so a capped one bounds nothing. */
const GRAM_TF_CAP = 255;

/**
 * One literal's frequency in each paragraph of a candidate list. One and two code units are read
 * from the gram postings. A longer literal occurs at most as often as any of its bigrams (each
 * occurrence starts one of that bigram's at a fixed offset), so where the paragraph contains it and
 * that bigram's frequency is 1 the literal's is 1; otherwise the bigram's is an upper bound, and only
 * {@link LiteralFrequency.of} scans the text, for the few paragraphs that may rank.
 */
class LiteralFrequency {
  /** For long literals: the ascending ids of the paragraphs that contain it. */
  private readonly containing: Uint32Array | null;
  private readonly postings: GramPostings | null;
  /** Per candidate: the frequency, or for long literals above 1 an upper bound on it. */
  private bounds: Uint8Array | Uint32Array = new Uint8Array(0);

  constructor(
    private readonly store: ArchiveStore,
    readonly text: string,
    readonly idf: number,
    /** Its number among the literals of a {@link LiteralScan}, or -1. */
    private readonly scanIndex: number,
  ) {
    this.postings = store.literalPostings(text);
    this.containing = this.postings ? null : store.findLiteral(text);
  }

  /**
   * Aligns the frequencies (or bounds) with `candidates`, which the next calls index into.
   * `within`: every candidate is known to contain the literal (it alone matched its clause), so
   * that its paragraphs need not be looked up.
   */
  prepare(candidates: Uint32Array, within: boolean): void {
    if (this.postings !== null) {
      this.bounds = alignFrequencies(candidates, this.postings);
      return;
    }
    const contained = within
      ? scratch.bytes.take(candidates.length).fill(1)
      : alignMembership(candidates, this.containing!);
    const bounds = scratch.words.take(candidates.length);
    raiseWhere(bounds, contained, GRAM_TF_CAP);
    // The bigram found in fewest paragraphs is the likeliest to occur once: one merge, not one per bigram.
    // Chosen by count, so that only its postings are read (a loaded index decodes a list on first use).
    let rarest: string | null = null;
    let fewest = Infinity;
    for (let i = 0; i + 2 <= this.text.length; i++) {
      const bigram = this.text.slice(i, i + 2);
      const paragraphs = this.store.literalParagraphs(bigram);
      if (paragraphs !== null && paragraphs < fewest) {
        rarest = bigram;
        fewest = paragraphs;
      }
    }
    const postings = rarest === null ? null : this.store.literalPostings(rarest);
    if (postings !== null) lowerTo(bounds, alignFrequencies(candidates, postings));
    // A contained literal occurs at least once; a capped minimum bounds nothing, so count those.
    raiseWhere(bounds, contained, 1);
    for (let c = 0; c < bounds.length; c++) {
      if (bounds[c]! >= GRAM_TF_CAP) {
        bounds[c] = this.store.occurrencesOf(candidates[c]!, this.text);
      }
    }
    this.bounds = bounds;
  }

  /** The frequency bounds from the last {@link prepare}, one per candidate. */
  get candidateBounds(): Uint8Array | Uint32Array {
    return this.bounds;
  }

  /** An upper bound on the frequency in the candidate at `at`; often the frequency itself. */
  bound(at: number): number {
    return this.bounds[at]!;
  }

  /**
   * The frequency in paragraph `id`, the candidate at `at`: overlapping occurrences in its text,
   * read from `scan` (which has just scanned that text) when the literal is one of its.
   */
  of(at: number, id: number, scan: LiteralScan | null): number {
    const bound = this.bounds[at]!;
    if (bound <= 1 || this.postings !== null) return bound;
    if (scan !== null && this.scanIndex !== -1) return scan.count(this.scanIndex);
    return this.store.occurrencesOf(id, this.text);
  }
}

interface TermScoring {
  exact: LiteralFrequency[];
  /** Whether every exact match contains its one literal. */
  within: boolean;
  /** Built on the first related paragraph: most queries have none. */
  words: LiteralFrequency[] | null;
  wordTexts: readonly string[];
  /** The paragraphs where the term stands as whole words, if it can. */
  aligned: Uint32Array | null;
  /** Per candidate of the current pass: 1 where it is aligned. */
  alignedAt: Uint8Array | null;
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
  /** For queries of several clauses: finds the literals in a text for proximity and frequencies. */
  private readonly scan: LiteralScan | null;
  private readonly maxProximity: number;
  private readonly allLiterals: string[];
  /** {@link unitSignature} of each of {@link allLiterals}. */
  private readonly literalSignatures: Int32Array;
  /** {@link ArchiveStore.reportTable}: the title signatures. */
  private readonly reportRows: Uint32Array;
  /** Per paragraph id, BM25's length normalisation. */
  private readonly norms: Float64Array;
  private readonly paragraphs: number;
  /** This scorer's mark in {@link titleFactors}: a report's factor there is its own when stamped so. */
  private readonly stamp: number;
  /** Per candidate of the current pass: its score bound without the title factor. */
  private bounds = new Float64Array(0);

  constructor(
    private readonly store: ArchiveStore,
    private readonly facts: ReportFacts,
    matches: TermMatch[][],
  ) {
    const n = Math.max(1, store.paragraphCount);
    this.paragraphs = n;
    this.stamp = titleFactors.next(store.reportCount);
    this.norms = lengthNormsOf(store);
    const all = matches.flat();
    // Literals are numbered clause by clause, as LiteralScan numbers them.
    let scanIndex = 0;
    this.terms = matches.flatMap((clause) =>
      clause.map((m) => this.termScoring(m, clause.length === 1, () => scanIndex++)),
    );
    const clauseLiterals = matches.map((clause) => clause.flatMap((m) => m.literals));
    this.scan = clauseLiterals.length > 1 ? new LiteralScan(clauseLiterals) : null;
    this.maxProximity = maxProximityBoost(clauseLiterals);
    this.allLiterals = all.flatMap((m) => m.literals);
    this.literalSignatures = Int32Array.from(this.allLiterals, unitSignature);
    this.reportRows = store.reportTable();
  }

  /** How term `m` is scored; `alone` when it is the only term of its clause. */
  private termScoring(m: TermMatch, alone: boolean, nextScanIndex: () => number): TermScoring {
    const store = this.store;
    const words = relatedWords(m.term);
    const termIdf = idf(this.paragraphs, Math.max(1, m.exact.length));
    return {
      exact: m.literals.map((text) => new LiteralFrequency(store, text, termIdf, nextScanIndex())),
      // An exact match of the query contains the only literal of a term alone in its clause.
      within: alone && m.literals.length === 1,
      words: null,
      wordTexts: words,
      // A term that stands as whole jieba words in a paragraph outranks the same characters
      // spread over other words. Single characters say little about word boundaries.
      aligned: !m.term.phrase && !m.pinyin && words.length > 0 ? store.withAllWords(words) : null,
      alignedAt: null,
    };
  }

  private wordsOf(term: TermScoring): LiteralFrequency[] {
    if (term.words === null) {
      term.words = term.wordTexts.map(
        (text) =>
          new LiteralFrequency(
            this.store,
            text,
            idf(this.paragraphs, Math.max(1, this.store.findLiteral(text).length)),
            -1,
          ),
      );
    }
    return term.words;
  }

  private titleBoost(reportIndex: number): number {
    // Most titles lack a unit of every literal: their signature says so, from the report's row,
    // which counting facets has just read, without reading the title. Only the literals whose
    // signature the title's has are looked for in it.
    const signature = this.reportRows[REPORT_ROW * reportIndex + REPORT_TITLE]!;
    const signatures = this.literalSignatures;
    let l = 0;
    while (l < signatures.length && !mayContain(signature, signatures[l]!)) l++;
    if (l === signatures.length) return 1;
    if (titleFactors.stamps[reportIndex] === this.stamp) return titleFactors.values[reportIndex]!;
    const title = this.facts.titles[reportIndex]!;
    let boost = 1;
    for (; l < signatures.length; l++) {
      if (mayContain(signature, signatures[l]!) && title.includes(this.allLiterals[l]!)) {
        boost = TITLE_BOOST;
        break;
      }
    }
    titleFactors.stamps[reportIndex] = this.stamp;
    titleFactors.values[reportIndex] = boost;
    return boost;
  }

  private boosted(id: number, score: number): number {
    if (this.store.kindOf(id) === 'heading') score *= HEADING_BOOST;
    return score * this.titleBoost(this.store.reportOfParagraph(id));
  }

  /**
   * Readies a ranking pass over `candidates` (exact or related matches), which the next calls index
   * into by `at`: aligns every literal's frequencies with them and computes every candidate's bound
   * but for the title factor, in tight loops over arrays rather than one call per candidate.
   */
  prepare(candidates: Uint32Array, exact: boolean): void {
    const n = candidates.length;
    const bounds = scratch.floats.take(n);
    let termSums: Float64Array | null = null;
    for (const term of this.terms) {
      const literals = exact ? term.exact : this.wordsOf(term);
      for (const literal of literals) literal.prepare(candidates, exact && term.within);
      // The same operations in the same order as `exact` and `related` (x * 1 is x exactly), with
      // alignment at its maximum, so that no bound falls below its score by a rounding.
      const aligned =
        exact && term.aligned !== null ? alignMembership(candidates, term.aligned) : null;
      term.alignedAt = aligned;
      if (!exact || literals.length === 1) {
        for (const literal of literals) this.addBm25(bounds, literal, aligned, candidates);
        continue;
      }
      if (termSums === null) termSums = scratch.floats.take(n);
      else termSums.fill(0);
      for (const literal of literals) this.addBm25(termSums, literal, null, candidates);
      addAligned(bounds, termSums, aligned);
    }
    if (exact && this.scan !== null) scale(bounds, this.maxProximity);
    this.scaleHeadings(bounds, candidates);
    this.bounds = bounds;
  }

  /**
   * Adds each candidate's BM25 for `literal` (its frequency or bound) to `sums`, times the alignment
   * boost where `aligned` has a 1.
   */
  private addBm25(
    sums: Float64Array,
    literal: LiteralFrequency,
    aligned: Uint8Array | null,
    candidates: Uint32Array,
  ): void {
    const tf = literal.candidateBounds;
    const norms = this.norms;
    const idfValue = literal.idf;
    if (aligned === null) {
      for (let i = 0; i < sums.length; i++) {
        sums[i]! += bm25Normed(tf[i]!, idfValue, norms[candidates[i]!]!);
      }
      return;
    }
    for (let i = 0; i < sums.length; i++) {
      const factor = aligned[i] === 1 ? ALIGNED_BOOST : 1;
      sums[i]! += bm25Normed(tf[i]!, idfValue, norms[candidates[i]!]!) * factor;
    }
  }

  /**
   * Raises the bounds of the headings among `candidates`, walking the shorter of the two lists and
   * seeking in the other: few paragraphs are headings, and many candidates are few headings.
   */
  private scaleHeadings(bounds: Float64Array, candidates: Uint32Array): void {
    const headings = this.store.headingIds();
    if (candidates.length <= headings.length) {
      for (let at = 0, h = 0; at < candidates.length; at++) {
        h = seek(headings, candidates[at]!, h);
        if (h === headings.length) return;
        if (headings[h] === candidates[at]) bounds[at]! *= HEADING_BOOST;
      }
      return;
    }
    for (let h = 0, at = 0; h < headings.length; h++) {
      at = seek(candidates, headings[h]!, at);
      if (at === candidates.length) return;
      if (candidates[at] === headings[h]) bounds[at]! *= HEADING_BOOST;
    }
  }

  /** Whether an exact score scans the paragraph's text (for proximity): then a score costs microseconds. */
  get scansTexts(): boolean {
    return this.scan !== null;
  }

  /**
   * After {@link prepare}: each candidate's bound but for its title factor; times
   * {@link BOUND_CEILING_FACTOR} it is at least {@link bound}.
   */
  get partialBounds(): Float64Array {
    return this.bounds;
  }

  /**
   * An upper bound on the score of paragraph `id`, the candidate at `at`, without scanning its text:
   * the partial bound times the title factor, which is worked out once per report.
   */
  bound(id: number, at: number): number {
    return this.bounds[at]! * this.titleBoost(this.store.reportOfParagraph(id));
  }

  /** Score of paragraph `id` (candidate `at`) that contains the query's literals. */
  exact(id: number, at: number): number {
    const norm = this.norms[id]!;
    const scan = this.scan === null ? null : this.scan.scan(this.store.normOf(id));
    let score = 0;
    for (let t = 0; t < this.terms.length; t++) {
      const term = this.terms[t]!;
      let termScore = 0;
      for (let l = 0; l < term.exact.length; l++) {
        const literal = term.exact[l]!;
        termScore += bm25Normed(literal.of(at, id, scan), literal.idf, norm);
      }
      if (term.alignedAt !== null && term.alignedAt[at] === 1) termScore *= ALIGNED_BOOST;
      score += termScore;
    }
    if (scan !== null) score *= scan.boost();
    return this.boosted(id, score);
  }

  /** Score of a related paragraph: one that holds the terms' jieba words but not the literals. */
  related(id: number, at: number): number {
    const norm = this.norms[id]!;
    let score = 0;
    for (let t = 0; t < this.terms.length; t++) {
      const words = this.wordsOf(this.terms[t]!);
      for (let w = 0; w < words.length; w++) {
        const word = words[w]!;
        score += bm25Normed(word.of(at, id, null), word.idf, norm);
      }
    }
    return this.boosted(id, score);
  }
}
