// Sorted posting lists (Uint32Array of paragraph ids): intersection, union and difference.

/** First index in ascending `list[from..]` whose value is ≥ `value` (galloping, then binary search). */
export function seek(list: Uint32Array, value: number, from: number): number {
  let step = 1;
  let hi = from;
  while (hi < list.length && list[hi]! < value) {
    from = hi + 1;
    hi += step;
    step *= 2;
  }
  hi = Math.min(hi, list.length);
  while (from < hi) {
    const mid = (from + hi) >>> 1;
    if (list[mid]! < value) from = mid + 1;
    else hi = mid;
  }
  return from;
}

/** Ids present in both sorted lists. */
export function intersect(a: Uint32Array, b: Uint32Array): Uint32Array {
  if (a.length > b.length) [a, b] = [b, a];
  const out = new Uint32Array(a.length);
  let n = 0;
  let j = 0;
  for (let i = 0; i < a.length && j < b.length; i++) {
    const value = a[i]!;
    j = seek(b, value, j);
    if (j < b.length && b[j] === value) out[n++] = value;
  }
  return out.slice(0, n);
}

/** Ids present in either sorted list. */
export function union(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x < y) {
      out[n++] = x;
      i++;
    } else if (y < x) {
      out[n++] = y;
      j++;
    } else {
      out[n++] = x;
      i++;
      j++;
    }
  }
  while (i < a.length) out[n++] = a[i++]!;
  while (j < b.length) out[n++] = b[j++]!;
  return out.slice(0, n);
}

/** Ids of `a` that are not in `b`. */
export function difference(a: Uint32Array, b: Uint32Array): Uint32Array {
  if (b.length === 0) return a;
  const out = new Uint32Array(a.length);
  let n = 0;
  let j = 0;
  for (let i = 0; i < a.length; i++) {
    const value = a[i]!;
    j = seek(b, value, j);
    if (j >= b.length || b[j] !== value) out[n++] = value;
  }
  return out.slice(0, n);
}

/** Whether sorted `list` holds `value`. */
export function contains(list: Uint32Array, value: number): boolean {
  const i = seek(list, value, 0);
  return i < list.length && list[i] === value;
}
