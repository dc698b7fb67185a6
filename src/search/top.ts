// Top-k selection: the best k of many scored ids without sorting, and mostly without scoring, them all.

const EMPTY = new Int32Array(0);

/** A scored paragraph id. */
export interface Scored {
  id: number;
  score: number;
}

/** How candidates are scored and ordered, for {@link selectTop}. */
export interface Ranking {
  /** Readies a pass over `ids`: called before any other call, which then indexes into them by `at`. */
  prepare(ids: Uint32Array): void;
  /**
   * After {@link prepare}: per candidate, a number that times {@link ceilingFactor} is at least
   * `bound(id, at)`; null when there are none. Read in the loop itself, it drops most candidates
   * of a common term without a call.
   */
  readonly ceilings: Float64Array | null;
  readonly ceilingFactor: number;
  /** Whether {@link lead} can be anything but 0. */
  readonly leads: boolean;
  /** A cheap upper bound on `score(id, at)`; never below it. */
  bound(id: number, at: number): number;
  /** The score of `id`, which stands at `at` in the candidate list. */
  score(id: number, at: number): number;
  /** Negative when `a` ranks first. Ties on what {@link lead} compares are broken by score, higher first. */
  compare(a: Scored, b: Scored): number;
  /**
   * What `compare` looks at before the score (e.g. the date, when sorting by date), for a candidate
   * not yet scored: negative when `id` ranks before `kept` whatever the scores, positive when after,
   * 0 when the scores decide.
   */
  lead(id: number, kept: Scored): number;
}

/**
 * A bounded max-heap on "worst first": the root is the worst of the kept items. A class rather
 * than closures so that it stays optimised across queries.
 */
class WorstFirstHeap {
  readonly items: Scored[] = [];
  constructor(private readonly ranking: Ranking) {}

  private worse(i: number, j: number): boolean {
    return this.ranking.compare(this.items[i]!, this.items[j]!) > 0;
  }

  private swap(i: number, j: number): void {
    const item = this.items[i]!;
    this.items[i] = this.items[j]!;
    this.items[j] = item;
  }

  push(item: Scored): void {
    this.items.push(item);
    let i = this.items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.worse(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  replaceWorst(item: Scored): void {
    this.items[0] = item;
    const length = this.items.length;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let worst = i;
      if (left < length && this.worse(left, worst)) worst = left;
      if (right < length && this.worse(right, worst)) worst = right;
      if (worst === i) return;
      this.swap(i, worst);
      i = worst;
    }
  }
}

/**
 * A list at least this many times longer than the page is worth ranking from seeds (see
 * {@link selectTop}) when scoring a candidate means scanning its text.
 */
export const SEED_RATIO = 64;

/**
 * The positions of the `k` highest of `ceilings` (ties: the earlier), ascending: one pass with a
 * heap of `k` positions whose root is the lowest ceiling kept, which most values do not pass.
 */
export function highestCeilings(ceilings: Float64Array, k: number): Int32Array {
  const heap = new Int32Array(Math.min(k, ceilings.length));
  // Lower ceiling first, then the later position: the root is the first to give way.
  const below = (a: number, b: number) =>
    ceilings[a]! < ceilings[b]! || (ceilings[a] === ceilings[b] && a > b);
  // Moves the entry at `from` down until neither child is below it.
  const siftDown = (from: number) => {
    for (let i = from; ;) {
      const left = 2 * i + 1;
      let low = i;
      if (left < heap.length && below(heap[left]!, heap[low]!)) low = left;
      if (left + 1 < heap.length && below(heap[left + 1]!, heap[low]!)) low = left + 1;
      if (low === i) return;
      const swap = heap[i]!;
      heap[i] = heap[low]!;
      heap[low] = swap;
      i = low;
    }
  };
  for (let at = 0; at < heap.length; at++) heap[at] = at;
  for (let at = (heap.length >> 1) - 1; at >= 0; at--) siftDown(at);
  for (let at = heap.length; at < ceilings.length; at++) {
    // A later position never beats an equal ceiling: only a higher one gets in.
    if (ceilings[at]! > ceilings[heap[0]!]!) {
      heap[0] = at;
      siftDown(0);
    }
  }
  return heap.sort();
}

/**
 * The `k` best of `ids` under `ranking`, in order. A bounded heap keeps it O(n log k), which
 * matters when a common term matches most of the archive; a candidate whose lead or score bound
 * cannot beat the worst kept item is dropped unscored, which is most of them once the heap is full.
 *
 * `seeded` (when there are ceilings and nothing leads): the `k` candidates of highest ceiling are
 * scored first, so that the worst kept score starts near the final one instead of rising along the
 * list from its first `k` ids. Where bounds are close, as for boilerplate, that spares thousands of
 * scored texts, at the cost of one more pass over the ceilings. The answer is the same either way:
 * a candidate is only ever skipped when it cannot beat what is kept.
 */
export function selectTop(ids: Uint32Array, k: number, ranking: Ranking, seeded = false): Scored[] {
  if (k <= 0 || ids.length === 0) return [];
  ranking.prepare(ids);
  const ceilings = ranking.ceilings;
  const factor = ranking.ceilingFactor;
  const leads = ranking.leads;
  const heap = new WorstFirstHeap(ranking);
  const items = heap.items;
  // The positions scored first, ascending; the pass below steps over them.
  const seeds = seeded && ceilings !== null && !leads ? highestCeilings(ceilings, k) : EMPTY;
  for (const at of seeds) heap.push({ id: ids[at]!, score: ranking.score(ids[at]!, at) });
  let nextSeed = 0;
  // The worst kept score, once k are kept: held in a local for the tight loop below.
  let floor = items.length === k ? items[0]!.score : Infinity;
  for (let i = 0; i < ids.length; i++) {
    if (nextSeed < seeds.length && seeds[nextSeed] === i) {
      nextSeed++;
      continue;
    }
    if (items.length < k) {
      heap.push({ id: ids[i]!, score: ranking.score(ids[i]!, i) });
      if (items.length === k) floor = items[0]!.score;
      continue;
    }
    if (!leads && ceilings !== null && ceilings[i]! * factor < floor) continue;
    const id = ids[i]!;
    const worst = items[0]!;
    const lead = leads ? ranking.lead(id, worst) : 0;
    if (lead > 0) continue;
    if (lead === 0) {
      if (ceilings !== null && ceilings[i]! * factor < worst.score) continue;
      if (ranking.bound(id, i) < worst.score) continue;
    }
    const candidate = { id, score: ranking.score(id, i) };
    if (ranking.compare(candidate, worst) < 0) {
      heap.replaceWorst(candidate);
      floor = items[0]!.score;
    }
  }
  return items.sort((a, b) => ranking.compare(a, b));
}
