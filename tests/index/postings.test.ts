// Sorted posting lists, held against a plain Set model.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contains, difference, intersect, intersectAll, union } from '../../src/index/postings.ts';

/** A sorted list of distinct ids: small ids so lists overlap, and now and then huge ones. */
const postingList = fc
  .uniqueArray(fc.oneof({ weight: 9, arbitrary: fc.nat(300) }, { weight: 1, arbitrary: fc.nat(0xffffffff) }), {
    maxLength: 200,
  })
  .map((ids) => Uint32Array.from(ids).sort());

const ids = (list: Uint32Array) => [...list];
const list = (...values: number[]) => Uint32Array.from(values);
const sortedIds = (set: Set<number>) => [...set].sort((a, b) => a - b);

describe('posting lists', () => {
  it.each([
    ['intersect', intersect(list(1, 3, 5, 7), list(3, 4, 5, 8)), [3, 5]],
    ['union', union(list(1, 3, 5), list(2, 3, 9)), [1, 2, 3, 5, 9]],
    ['difference', difference(list(1, 3, 5, 7), list(3, 7, 8)), [1, 5]],
    ['intersect with an empty list', intersect(list(1, 2), list()), []],
    ['union with an empty list', union(list(), list(4)), [4]],
    ['difference by an empty list', difference(list(4, 6), list()), [4, 6]],
  ])('computes %s', (_name, result, expected) => {
    expect(ids(result)).toEqual(expected);
  });

  it('intersects like a Set', () => {
    fc.assert(
      fc.property(postingList, postingList, (a, b) => {
        const inB = new Set(b);
        expect(ids(intersect(a, b))).toEqual(sortedIds(new Set([...a].filter((id) => inB.has(id)))));
      }),
      { numRuns: 1000 },
    );
  });

  it('intersects a short list with a long one like a Set, either way round', () => {
    const short = fc
      .uniqueArray(fc.nat(3000), { maxLength: 12 })
      .map((values) => Uint32Array.from(values).sort());
    const long = fc
      .uniqueArray(fc.nat(3000), { minLength: 100, maxLength: 600 })
      .map((values) => Uint32Array.from(values).sort());
    fc.assert(
      fc.property(short, long, fc.boolean(), (a, b, swap) => {
        const inB = new Set(b);
        const expected = sortedIds(new Set([...a].filter((id) => inB.has(id))));
        expect(ids(swap ? intersect(b, a) : intersect(a, b))).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('intersects several lists like a Set, whatever their order', () => {
    fc.assert(
      fc.property(fc.array(postingList, { minLength: 1, maxLength: 4 }), (lists) => {
        const expected = lists
          .slice(1)
          .reduce((kept, list) => kept.filter((id) => new Set(list).has(id)), ids(lists[0]!));
        expect(ids(intersectAll(lists))).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('unites like a Set', () => {
    fc.assert(
      fc.property(postingList, postingList, (a, b) => {
        expect(ids(union(a, b))).toEqual(sortedIds(new Set([...a, ...b])));
      }),
      { numRuns: 1000 },
    );
  });

  it('subtracts like a Set', () => {
    fc.assert(
      fc.property(postingList, postingList, (a, b) => {
        const inB = new Set(b);
        expect(ids(difference(a, b))).toEqual(sortedIds(new Set([...a].filter((id) => !inB.has(id)))));
      }),
      { numRuns: 1000 },
    );
  });

  it('answers membership like a Set', () => {
    fc.assert(
      fc.property(postingList, fc.nat(310), (sorted, id) => {
        expect(contains(sorted, id)).toBe(new Set(sorted).has(id));
      }),
      { numRuns: 1000 },
    );
  });

  it('leaves its inputs unchanged', () => {
    fc.assert(
      fc.property(postingList, postingList, (a, b) => {
        const before = [ids(a), ids(b)];
        intersect(a, b);
        union(a, b);
        difference(a, b);
        expect([ids(a), ids(b)]).toEqual(before);
      }),
      { numRuns: 300 },
    );
  });
});
