// Top-k selection, held against sorting everything.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { highestCeilings, selectTop, type Ranking, type Scored } from '../../src/search/top.ts';

/**
 * Scores, score bounds and leading keys from tables indexed by id. Order: higher key first, then
 * higher score, then lower id — a total order, as search's is.
 */
class TableRanking implements Ranking {
  scored = 0;
  readonly ceilings: Float64Array;
  readonly ceilingFactor = 1;
  readonly leads: boolean;
  constructor(
    private readonly scores: readonly number[],
    private readonly bounds: readonly number[] = scores,
    private readonly keys: readonly number[] = scores.map(() => 0),
    ceilings: readonly number[] = bounds,
  ) {
    this.ceilings = Float64Array.from(ceilings);
    this.leads = keys.some((key) => key !== 0);
  }
  prepare(): void {}
  bound(id: number): number {
    return this.bounds[id]!;
  }
  score(id: number): number {
    this.scored++;
    return this.scores[id]!;
  }
  lead(id: number, kept: Scored): number {
    return this.keys[kept.id]! - this.keys[id]!;
  }
  compare(a: Scored, b: Scored): number {
    return this.lead(a.id, b) || b.score - a.score || a.id - b.id;
  }
}

/** Ids 0..n-1 with scores, bounds at or above them, and keys from a small range (many ties). */
const tables = fc.integer({ min: 0, max: 150 }).chain((n) =>
  fc.record({
    scores: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: n, maxLength: n }),
    slack: fc.array(fc.constantFrom(0, 0, 0.5, 1, 10), { minLength: n, maxLength: n }),
    headroom: fc.array(fc.constantFrom(0, 0, 1, 10), { minLength: n, maxLength: n }),
    keys: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: n, maxLength: n }),
    k: fc.nat(160),
  }),
);

describe('selectTop', () => {
  it('returns the k best in order', () => {
    const top = selectTop(
      Uint32Array.from([0, 1, 2, 3, 4, 5]),
      3,
      new TableRanking([5, 1, 9, 9, 3, 7]),
    );
    expect(top).toEqual([
      { id: 2, score: 9 },
      { id: 3, score: 9 },
      { id: 5, score: 7 },
    ]);
  });

  it('returns nothing for k of zero or no ids', () => {
    expect(selectTop(Uint32Array.from([1, 2]), 0, new TableRanking([1, 1, 1]))).toEqual([]);
    expect(selectTop(new Uint32Array(0), 5, new TableRanking([]))).toEqual([]);
  });

  it('scores only the candidates whose bound can still beat the worst kept item', () => {
    // After 5 and 9 are kept (k = 2), the worst is 5: bounds 4 and 2 are skipped unscored, 7 is not.
    const ranking = new TableRanking([5, 9, 1, 7, 2], [5, 9, 4, 8, 2]);
    expect(selectTop(Uint32Array.from([0, 1, 2, 3, 4]), 2, ranking)).toEqual([
      { id: 1, score: 9 },
      { id: 3, score: 7 },
    ]);
    expect(ranking.scored).toBe(3);
  });

  it('equals the first k of a full sort, for any scores (ties included), bounds, ceilings, keys and k, seeded or not', () => {
    fc.assert(
      fc.property(tables, fc.boolean(), ({ scores, slack, headroom, keys, k }, seeded) => {
        const bounds = scores.map((score, id) => score + slack[id]!);
        const ceilings = bounds.map((bound, id) => bound + headroom[id]!);
        const ranking = new TableRanking(scores, bounds, keys, ceilings);
        const all = scores
          .map((score, id) => ({ id, score }))
          .sort((a, b) => ranking.compare(a, b));
        const ids = Uint32Array.from(scores.keys());
        expect(selectTop(ids, k, ranking, seeded)).toEqual(all.slice(0, k));
      }),
      { numRuns: 1000 },
    );
  });

  it('seeded, scores the highest ceilings first and then only what can beat them', () => {
    // Equal bounds for all, the best last: in id order every candidate is scored (each beats the
    // worst kept one); seeded, the two highest ceilings are kept first and nothing else is scored.
    const scores = [1, 2, 3, 4, 5, 6, 7, 8];
    const bounds = scores.map(() => 9);
    const ceilings = [1, 2, 3, 4, 5, 6, 7, 8];
    const ids = Uint32Array.from(scores.keys());
    const plain = new TableRanking(
      scores,
      bounds,
      undefined,
      ceilings.map(() => 9),
    );
    const seeded = new TableRanking(scores, bounds, undefined, ceilings);
    const best = [
      { id: 7, score: 8 },
      { id: 6, score: 7 },
    ];
    expect(selectTop(ids, 2, plain)).toEqual(best);
    expect(plain.scored).toBe(8);
    expect(selectTop(ids, 2, seeded, true)).toEqual(best);
    expect(seeded.scored).toBe(2);
  });
});

describe('highestCeilings', () => {
  it('gives the positions of the k highest, ties to the earlier, in ascending order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 200 }),
        fc.integer({ min: 1, max: 40 }),
        (values, k) => {
          const expected = values
            .map((value, at) => ({ value, at }))
            .sort((a, b) => b.value - a.value || a.at - b.at)
            .slice(0, k)
            .map(({ at }) => at)
            .sort((a, b) => a - b);
          expect([...highestCeilings(Float64Array.from(values), k)]).toEqual(expected);
        },
      ),
      { numRuns: 500 },
    );
  });
});
