// Top-k selection: the best k of many scored ids without sorting them all.

/** A scored paragraph id. */
export interface Scored {
  id: number;
  score: number;
}

/**
 * The `k` best of `ids` under `compare` (negative: a ranks first), in order. A bounded heap keeps
 * it O(n log k), which matters when a common term matches most of the archive.
 */
export function selectTop(
  ids: Uint32Array,
  k: number,
  scoreOf: (id: number) => number,
  compare: (a: Scored, b: Scored) => number,
  /** `compare` orders by score first (higher first): lower scores are rejected without a call. */
  scoreFirst = false,
): Scored[] {
  if (k <= 0 || ids.length === 0) return [];
  // Max-heap on "worst first": the root is the worst of the kept items.
  const heap: Scored[] = [];
  const worse = (a: Scored, b: Scored) => compare(a, b) > 0;
  const up = (i: number) => {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!worse(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  };
  const down = (i: number) => {
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let worst = i;
      if (left < heap.length && worse(heap[left]!, heap[worst]!)) worst = left;
      if (right < heap.length && worse(heap[right]!, heap[worst]!)) worst = right;
      if (worst === i) return;
      [heap[i], heap[worst]] = [heap[worst]!, heap[i]!];
      i = worst;
    }
  };
  // One scratch object for the candidates that do not make it, which are nearly all of them.
  const candidate: Scored = { id: 0, score: 0 };
  for (const id of ids) {
    candidate.id = id;
    candidate.score = scoreOf(id);
    if (heap.length < k) {
      heap.push({ ...candidate });
      up(heap.length - 1);
    } else if (scoreFirst && candidate.score < heap[0]!.score) {
      continue;
    } else if (compare(candidate, heap[0]!) < 0) {
      heap[0] = { ...candidate };
      down(0);
    }
  }
  return heap.sort(compare);
}
