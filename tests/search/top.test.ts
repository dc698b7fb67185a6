// Top-k selection, held against sorting everything.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { selectTop, type Scored } from '../../src/search/top.ts';

/** Higher score first, then lower id: a total order, as search's comparison is. */
const byScoreThenId = (a: Scored, b: Scored) => b.score - a.score || a.id - b.id;

describe('selectTop', () => {
  it('returns the k best in order', () => {
    const scores = [5, 1, 9, 9, 3, 7];
    const top = selectTop(
      Uint32Array.from([0, 1, 2, 3, 4, 5]),
      3,
      (id) => scores[id]!,
      byScoreThenId,
    );
    expect(top).toEqual([
      { id: 2, score: 9 },
      { id: 3, score: 9 },
      { id: 5, score: 7 },
    ]);
  });

  it('returns nothing for k of zero or no ids', () => {
    expect(selectTop(Uint32Array.from([1, 2]), 0, () => 1, byScoreThenId)).toEqual([]);
    expect(selectTop(new Uint32Array(0), 5, () => 1, byScoreThenId)).toEqual([]);
  });

  it('equals the first k of a full sort, for any scores (ties included) and any k', () => {
    const scored = fc.uniqueArray(fc.nat(500), { maxLength: 150 }).chain((ids) =>
      fc.tuple(
        fc.constant(ids.sort((a, b) => a - b)),
        fc.array(fc.integer({ min: 0, max: 5 }), {
          minLength: ids.length,
          maxLength: ids.length,
        }),
        fc.nat(160),
      ),
    );
    fc.assert(
      fc.property(scored, ([ids, scores, k]) => {
        const scoreOf = (id: number) => scores[ids.indexOf(id)]!;
        const all = ids.map((id) => ({ id, score: scoreOf(id) })).sort(byScoreThenId);
        expect(selectTop(Uint32Array.from(ids), k, scoreOf, byScoreThenId)).toEqual(
          all.slice(0, k),
        );
        // Rejecting lower scores early is only a shortcut: the same items in the same order.
        expect(selectTop(Uint32Array.from(ids), k, scoreOf, byScoreThenId, true)).toEqual(
          all.slice(0, k),
        );
      }),
      { numRuns: 1000 },
    );
  });
});
