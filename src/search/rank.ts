// Relevance: BM25 over the query's literals, with boosts for word alignment, headings, titles, proximity.

/** BM25 parameters (the usual defaults). */
const K1 = 1.2;
const B = 0.75;
/** A term that is a whole jieba word in the paragraph outranks the same characters inside others. */
export const ALIGNED_BOOST = 1.3;
export const HEADING_BOOST = 1.5;
export const TITLE_BOOST = 1.2;
/** The most that {@link proximityBoost} gives: literals of every clause at one place. */
export const MAX_PROXIMITY_BOOST = 2;

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

/** BM25 contribution of one literal with frequency `tf` in a paragraph of `length` words. */
export function bm25(tf: number, idfValue: number, length: number, averageLength: number): number {
  if (tf === 0) return 0;
  return (idfValue * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * length) / averageLength));
}

/**
 * A factor in (1, 2] for how close the clauses' literals stand: the shortest window of the
 * normalised text that holds one literal of every clause.
 */
export function proximityBoost(text: string, clauses: readonly (readonly string[])[]): number {
  if (clauses.length < 2) return 1;
  const events: [number, number, number][] = [];
  clauses.forEach((literals, clause) => {
    for (const literal of literals) {
      for (let at = text.indexOf(literal); at !== -1; at = text.indexOf(literal, at + 1)) {
        events.push([at, at + literal.length, clause]);
      }
    }
  });
  events.sort((a, b) => a[0] - b[0]);
  const seen = new Array<number>(clauses.length).fill(0);
  let covered = 0;
  let best = Infinity;
  let left = 0;
  for (const event of events) {
    if (seen[event[2]]!++ === 0) covered++;
    while (covered === clauses.length) {
      const first = events[left]!;
      best = Math.min(best, Math.max(event[1], first[1]) - first[0]);
      if (--seen[first[2]]! === 0) covered--;
      left++;
    }
  }
  if (!Number.isFinite(best)) return 1;
  return 1 + 1 / (1 + best / 16);
}
