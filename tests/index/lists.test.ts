// Posting lists decoded on first use: the same ids as the lists they were encoded from.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeLists, PostingLists } from '../../src/index/lists.ts';

/** Sorted, distinct id lists and their CSR form. */
const listsArbitrary = fc
  .array(fc.uniqueArray(fc.nat({ max: 0x7fffffff }), { maxLength: 40 }), { maxLength: 12 })
  .map((lists) => lists.map((list) => list.sort((a, b) => a - b)));

function csr(lists: number[][]): { offsets: Uint32Array; ids: Uint32Array } {
  const offsets = new Uint32Array(lists.length + 1);
  lists.forEach((list, k) => (offsets[k + 1] = offsets[k]! + list.length));
  return { offsets, ids: Uint32Array.from(lists.flat()) };
}

describe('PostingLists', () => {
  it('encodes gaps as varints, a byte for gaps below 128', () => {
    const { offsets, ids } = csr([[3, 5, 300], [], [0xffffffff]]);
    const { bytes, byteOffsets } = encodeLists(ids, offsets);
    expect([...byteOffsets]).toEqual([0, 4, 4, 9]);
    expect([...bytes]).toEqual([3, 2, 0xa7, 0x02, 0xff, 0xff, 0xff, 0xff, 0x0f]);
  });

  it('decodes every list, in any order, to the ids it was encoded from', () => {
    const withOrder = listsArbitrary.chain((lists) =>
      fc.tuple(fc.constant(lists), fc.shuffledSubarray(lists.map((_, k) => k), { minLength: lists.length })),
    );
    fc.assert(
      fc.property(withOrder, ([lists, order]) => {
        const { offsets, ids } = csr(lists);
        const tf = Uint8Array.from(ids, (_, i) => 1 + (i % 255));
        const withTf = PostingLists.lazy(offsets, encodeLists(ids, offsets, tf), true);
        const lazy = PostingLists.lazy(offsets, encodeLists(ids, offsets));
        // Every list twice: decoded the first time, read as decoded the second.
        for (const k of [...order, ...order]) {
          expect([...lazy.ids(k)]).toEqual(lists[k]);
          expect(lazy.length(k)).toBe(lists[k]!.length);
          // Frequencies first, then ids: either call decodes the list.
          expect([...withTf.frequencies(k)]).toEqual([...tf.subarray(offsets[k]!, offsets[k + 1]!)]);
          expect([...withTf.ids(k)]).toEqual(lists[k]);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('spends a byte on a frequency only when it is above 1', () => {
    const { offsets, ids } = csr([[3, 5], [300]]);
    const { bytes, byteOffsets } = encodeLists(ids, offsets, Uint8Array.of(1, 7, 1));
    expect([...byteOffsets]).toEqual([0, 3, 5]);
    expect([...bytes]).toEqual([6, 5, 7, 0xd8, 0x04]);
    expect(() => encodeLists(Uint32Array.of(0x80000000), Uint32Array.of(0, 1), Uint8Array.of(1))).toThrow(
      'too large',
    );
  });

  it('decodes a list handed back as a view', () => {
    const { offsets, ids } = csr([[1, 2], [], [7], [9, 10, 11]]);
    const lazy = PostingLists.lazy(offsets, encodeLists(ids, offsets));
    const views = [0, 1, 2, 3].map((k) => lazy.view(k));
    expect([...lazy.idsOfView(views[3]!)]).toEqual([9, 10, 11]);
    expect([...lazy.idsOfView(views[2]!)]).toEqual([7]);
    expect([...lazy.idsOfView(views[1]!)]).toEqual([]);
    expect(() => lazy.idsOfView(new Uint32Array(2))).toThrow('not of these lists');
  });

  it('re-encodes loaded lists without decoding them, and built ones from their ids', () => {
    const { offsets, ids } = csr([[4, 8], [1]]);
    const encoded = encodeLists(ids, offsets);
    expect(PostingLists.lazy(offsets, encoded).encode()).toBe(encoded);
    expect(PostingLists.of(offsets, ids).encode()).toEqual(encoded);
  });

  it('refuses bytes that do not decode to the lists', () => {
    const { offsets, ids } = csr([[1, 300]]);
    const { bytes, byteOffsets } = encodeLists(ids, offsets);
    const cut = PostingLists.lazy(Uint32Array.of(0, 3), {
      bytes,
      byteOffsets,
    });
    expect(() => cut.ids(0)).toThrow('ends early');
    expect(() => PostingLists.lazy(offsets, { bytes: bytes.subarray(1), byteOffsets })).toThrow(
      'do not match the varint bytes',
    );
    const long = PostingLists.lazy(Uint32Array.of(0, 1), { bytes, byteOffsets });
    expect(() => long.ids(0)).toThrow('runs on past its length');
  });
});
