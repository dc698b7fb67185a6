// Top-k selection: the best k of many scored ids without sorting, and mostly without scoring, them all.

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
 * The `k` best of `ids` under `ranking`, in order. A bounded heap keeps it O(n log k), which
 * matters when a common term matches most of the archive; a candidate whose lead or score bound
 * cannot beat the worst kept item is dropped unscored, which is most of them once the heap is full.
 */
export function selectTop(ids: Uint32Array, k: number, ranking: Ranking): Scored[] {
  if (k <= 0 || ids.length === 0) return [];
  ranking.prepare(ids);
  const ceilings = ranking.ceilings;
  const factor = ranking.ceilingFactor;
  const leads = ranking.leads;
  const heap = new WorstFirstHeap(ranking);
  const items = heap.items;
  // The worst kept score, once k are kept: held in a local for the tight loop below.
  let floor = Infinity;
  for (let i = 0; i < ids.length; i++) {
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
