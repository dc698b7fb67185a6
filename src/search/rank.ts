// Relevance: BM25 over the query's literals, with boosts for word alignment, headings, titles, proximity.
// Indexes keep the ranked answers of frequent one-term queries: a change of scores here must raise
// SCHEMA_VERSION (src/index/store.ts), so that older indexes are rebuilt rather than answer the old way
// (tests/search/ranking-schema.test.ts fails otherwise).

/** BM25 parameters (the usual defaults). */
const K1 = 1.2;
const B = 0.75;
/** A term that is a whole jieba word in the paragraph outranks the same characters inside others. */
export const ALIGNED_BOOST = 1.3;
export const HEADING_BOOST = 1.5;
export const TITLE_BOOST = 1.2;

/** Occurrences of `literal` in `text`, overlapping ones included (as the gram index counts them). */
export function countOccurrences(text: string, literal: string): number {
  let count = 0;
  for (let at = text.indexOf(literal); at !== -1; at = text.indexOf(literal, at + 1)) {
    count++;
  }
  return count;
}

/** Inverse document frequency of a literal found in `df` of `n` paragraphs. */
export function idf(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** BM25's length normalisation of a paragraph of `length` words: the part of a score it fixes. */
export function lengthNorm(length: number, averageLength: number): number {
  return K1 * (1 - B + (B * length) / averageLength);
}

/** BM25 contribution of a literal with frequency `tf` in a paragraph of length norm `norm`. */
export function bm25Normed(tf: number, idfValue: number, norm: number): number {
  if (tf === 0) return 0;
  return (idfValue * tf * (K1 + 1)) / (tf + norm);
}

/** BM25 contribution of one literal with frequency `tf` in a paragraph of `length` words. */
export function bm25(tf: number, idfValue: number, length: number, averageLength: number): number {
  return bm25Normed(tf, idfValue, lengthNorm(length, averageLength));
}

/** The proximity factor for the shortest window `span` code units long that holds every clause. */
function proximityFactor(span: number): number {
  return 1 + 1 / (1 + span / 16);
}

/**
 * The most that {@link proximityBoost} can give for `clauses`: the window it measures runs from
 * the start of one occurrence to the end of that or a later one, so it is never shorter than the
 * shortest literal.
 */
export function maxProximityBoost(clauses: readonly (readonly string[])[]): number {
  if (clauses.length < 2) return 1;
  let span = Infinity;
  for (const literals of clauses) {
    for (const literal of literals) span = Math.min(span, literal.length);
  }
  return proximityFactor(Number.isFinite(span) ? span : 0);
}

/**
 * Every occurrence of a query's literals in one text, found once and read twice: for the literals'
 * frequencies and for the proximity boost. Its arrays are reused from one paragraph to the next,
 * which matters when thousands of paragraphs are scored.
 */
export class LiteralScan {
  private readonly literals: string[] = [];
  /** The clause of each literal, literals numbered clause by clause in order. */
  private readonly clauseOf: Int32Array;
  private readonly clauseCount: number;
  private readonly firstOf: Int32Array;
  private readonly countOf: Int32Array;
  private readonly heads: Int32Array;
  private readonly seen: Int32Array;
  /** Occurrence starts, literal by literal: `firstOf[l] ..` for `countOf[l]` entries. */
  private starts: Int32Array = new Int32Array(64);
  /** Occurrences in text order: which literal, and where it starts. */
  private order = new Int32Array(64);
  private merged = new Int32Array(64);

  constructor(clauses: readonly (readonly string[])[]) {
    const clauseOf: number[] = [];
    clauses.forEach((literals, clause) => {
      for (const literal of literals) {
        this.literals.push(literal);
        clauseOf.push(clause);
      }
    });
    this.clauseOf = Int32Array.from(clauseOf);
    this.clauseCount = clauses.length;
    this.firstOf = new Int32Array(this.literals.length);
    this.countOf = new Int32Array(this.literals.length);
    this.heads = new Int32Array(this.literals.length);
    this.seen = new Int32Array(clauses.length);
  }

  /** Finds every occurrence, overlapping ones included, of every literal in `text`. */
  scan(text: string): this {
    let n = 0;
    for (let l = 0; l < this.literals.length; l++) {
      const literal = this.literals[l]!;
      this.firstOf[l] = n;
      for (let at = text.indexOf(literal); at !== -1; at = text.indexOf(literal, at + 1)) {
        if (n === this.starts.length) this.starts = grow(this.starts);
        this.starts[n++] = at;
      }
      this.countOf[l] = n - this.firstOf[l]!;
    }
    return this;
  }

  /** Occurrences of literal `l` (numbered clause by clause) in the last text scanned. */
  count(l: number): number {
    return this.countOf[l]!;
  }

  /** {@link proximityBoost} of the last text scanned. */
  boost(): number {
    if (this.clauseCount < 2) return 1;
    // Occurrences by start, ties in literal order: each literal's own are ascending, so merge them.
    let total = 0;
    for (let l = 0; l < this.literals.length; l++) {
      this.heads[l] = 0;
      total += this.countOf[l]!;
    }
    if (this.order.length < total) {
      this.order = new Int32Array(total * 2);
      this.merged = new Int32Array(total * 2);
    }
    for (let e = 0; e < total; e++) {
      let pick = -1;
      let start = 0;
      for (let l = 0; l < this.literals.length; l++) {
        if (this.heads[l] === this.countOf[l]) continue;
        const at = this.starts[this.firstOf[l]! + this.heads[l]!]!;
        if (pick === -1 || at < start) {
          pick = l;
          start = at;
        }
      }
      this.heads[pick]!++;
      this.order[e] = pick;
      this.merged[e] = start;
    }
    // The shortest window that holds an occurrence of every clause, slid along the occurrences.
    this.seen.fill(0);
    let covered = 0;
    let best = Infinity;
    let left = 0;
    for (let e = 0; e < total; e++) {
      const literal = this.order[e]!;
      if (this.seen[this.clauseOf[literal]!]!++ === 0) covered++;
      const end = this.merged[e]! + this.literals[literal]!.length;
      while (covered === this.clauseCount) {
        const first = this.order[left]!;
        const firstStart = this.merged[left]!;
        const firstEnd = firstStart + this.literals[first]!.length;
        best = Math.min(best, Math.max(end, firstEnd) - firstStart);
        if (--this.seen[this.clauseOf[first]!]! === 0) covered--;
        left++;
      }
    }
    if (!Number.isFinite(best)) return 1;
    return proximityFactor(best);
  }
}

function grow(array: Int32Array): Int32Array {
  const grown = new Int32Array(array.length * 2);
  grown.set(array);
  return grown;
}

/**
 * A factor in (1, 2] for how close the clauses' literals stand: the shortest window of the
 * normalised text that holds one literal of every clause.
 */
export function proximityBoost(text: string, clauses: readonly (readonly string[])[]): number {
  if (clauses.length < 2) return 1;
  return new LiteralScan(clauses).scan(text).boost();
}
