// Typed arrays reused from one search to the next: a fresh large typed array costs a page fault per
// 4 KiB page on first touch, which for a million candidates outweighs the work done with it.

type TypedArray = Uint8Array | Uint32Array | Float64Array;

/**
 * Grow-only buffers of one element type, handed out in turn and all taken back by {@link reset}.
 * Search runs synchronously from start to end, so one pool serves every search in the process; a
 * buffer stays valid until the next `reset`.
 */
export class ScratchPool<T extends TypedArray> {
  private readonly buffers: T[] = [];
  private next = 0;
  /** Buffers kept for reuse at most: a query of many literals should not pin memory for good. */
  private static readonly KEPT = 16;

  constructor(private readonly allocate: (length: number) => T) {}

  /** Takes every buffer back. */
  reset(): void {
    this.next = 0;
  }

  /** A zeroed array of `length` elements, valid until the next {@link reset}. */
  take(length: number): T {
    if (this.next >= ScratchPool.KEPT) return this.allocate(length);
    let buffer = this.buffers[this.next];
    if (buffer === undefined || buffer.length < length) {
      // Head room, so that a slightly larger list next time does not allocate again.
      buffer = this.allocate(Math.ceil(length * 1.25));
      this.buffers[this.next] = buffer;
    }
    this.next++;
    const view = buffer.subarray(0, length) as T;
    view.fill(0);
    return view;
  }
}

/** The pools that ranking and counting share. */
export const scratch = {
  bytes: new ScratchPool((length) => new Uint8Array(length)),
  words: new ScratchPool((length) => new Uint32Array(length)),
  floats: new ScratchPool((length) => new Float64Array(length)),
  /** Takes back every buffer of every pool. */
  reset(): void {
    this.bytes.reset();
    this.words.reset();
    this.floats.reset();
  },
};
