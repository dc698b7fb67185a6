// Ranking: word alignment, headings, titles, proximity, frequency, and the order of ties.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ALIGNED_BOOST,
  LiteralScan,
  bm25,
  countOccurrences,
  idf,
  maxProximityBoost,
  proximityBoost,
} from '../../src/search/rank.ts';
import { search } from '../../src/search/search.ts';
import { buildTestArchive, makeReport } from '../helpers/archive.ts';

describe('ranking', () => {
  it('ranks 华为 as a whole jieba word above 华为 inside 中华为国', async () => {
    // Same number of words in both, and the other paragraph is newer: only alignment decides.
    const archive = await buildTestArchive([
      makeReport('a-zhonghua', ['中华为国争光。'], { date: '2020-03-01' }),
      makeReport('b-huawei', ['华为捐款。'], { date: '2020-01-01' }),
    ]);
    const result = search(archive, '华为');
    expect(result.hits.map((hit) => hit.reportId)).toEqual(['b-huawei', 'a-zhonghua']);
    expect(result.hits[0]!.score).toBeGreaterThan(result.hits[1]!.score);
  });

  it('gives no alignment boost to a term whose jieba words are all single characters', async () => {
    const archive = await buildTestArchive([
      makeReport('a', ['我们见了面。']),
      makeReport('b', ['华为捐款。']),
    ]);
    const result = search(archive, '见了 OR 华为');
    const plain = (id: number) =>
      bm25(1, idf(2, 1), archive.wordCountOf(id), archive.averageWordCount);
    expect(result.hits.map((hit) => [hit.reportId, hit.score])).toEqual([
      ['b', plain(1) * ALIGNED_BOOST],
      ['a', plain(0)],
    ]);
  });

  it('ranks a heading above the same text in a body paragraph', async () => {
    const archive = await buildTestArchive([
      makeReport('a-body', ['疫情防控'], { date: '2020-03-01' }),
      makeReport('b-heading', [{ text: '疫情防控', kind: 'heading' }], { date: '2020-01-01' }),
    ]);
    expect(search(archive, '疫情防控').hits.map((hit) => hit.reportId)).toEqual([
      'b-heading',
      'a-body',
    ]);
  });

  it('ranks a paragraph of a report whose title holds the term above one whose title does not', async () => {
    const archive = await buildTestArchive([
      makeReport('a-other', ['疫情防控'], { date: '2020-03-01', title: '复工复产' }),
      makeReport('b-titled', ['疫情防控'], { date: '2020-01-01', title: '全区部署疫情防控工作' }),
    ]);
    expect(search(archive, '疫情防控').hits.map((hit) => hit.reportId)).toEqual([
      'b-titled',
      'a-other',
    ]);
  });

  it('ranks a paragraph where the terms stand close above one where they stand apart', async () => {
    const archive = await buildTestArchive([
      makeReport('a-apart', ['武汉今天天气晴朗,我们送别医疗队。'], { date: '2020-03-01' }),
      makeReport('b-close', ['武汉医疗队今天天气晴朗,我们送别。'], { date: '2020-01-01' }),
    ]);
    const result = search(archive, '武汉 医疗队');
    expect(result.hits.map((hit) => hit.reportId)).toEqual(['b-close', 'a-apart']);
  });

  it('ranks a paragraph that repeats the term above one that has it once', async () => {
    const archive = await buildTestArchive([
      makeReport('a-once', ['疫情防控,复工复产。'], { date: '2020-03-01' }),
      makeReport('b-twice', ['疫情防控,疫情防控。'], { date: '2020-01-01' }),
    ]);
    expect(search(archive, '疫情防控').hits.map((hit) => hit.reportId)).toEqual([
      'b-twice',
      'a-once',
    ]);
  });

  it('orders equal scores newest first, then by report id, undated last, then by paragraph', async () => {
    const archive = await buildTestArchive([
      makeReport('d-undated', ['疫情防控']),
      makeReport('c-january', ['疫情防控'], { date: '2020-01-01' }),
      makeReport('b-march', ['疫情防控', '疫情防控'], { date: '2020-03-01' }),
      makeReport('a-march', ['疫情防控'], { date: '2020-03-01' }),
    ]);
    const result = search(archive, '疫情防控');
    expect(new Set(result.hits.map((hit) => hit.score)).size).toBe(1);
    expect(result.hits.map((hit) => `${hit.reportId}#${hit.paragraph}`)).toEqual([
      'a-march#1',
      'b-march#1',
      'b-march#2',
      'c-january#1',
      'd-undated#1',
    ]);
  });

  it('sorts by date newest first when asked, whatever the scores', async () => {
    const archive = await buildTestArchive([
      makeReport('a-old-heading', [{ text: '疫情防控', kind: 'heading' }], { date: '2019-12-01' }),
      makeReport('b-new', ['全区各级各部门坚持做好疫情防控各项工作。'], { date: '2020-05-01' }),
      makeReport('c-middle', ['疫情防控'], { date: '2020-02' }),
      makeReport('d-undated', [{ text: '疫情防控', kind: 'heading' }]),
    ]);
    const byDate = search(archive, '疫情防控', { sort: 'date' });
    expect(byDate.sort).toBe('date');
    expect(byDate.hits.map((hit) => hit.reportId)).toEqual([
      'b-new',
      'c-middle',
      'a-old-heading',
      'd-undated',
    ]);
    expect(search(archive, '疫情防控').hits[0]!.reportId).not.toBe('b-new');
  });

  it('keeps exact matches ahead of related ones when sorting by date', async () => {
    const archive = await buildTestArchive([
      makeReport('a-exact-old', ['支援湖北医疗队'], { date: '2020-01-01' }),
      makeReport('b-related-new', ['湖北派出的医疗队抵达武汉。'], { date: '2020-05-01' }),
    ]);
    const result = search(archive, '湖北医疗队', { sort: 'date' });
    expect(result.hits.map((hit) => [hit.reportId, hit.match])).toEqual([
      ['a-exact-old', 'exact'],
      ['b-related-new', 'related'],
    ]);
  });
});

describe('scoring functions', () => {
  it('gives rarer literals a higher inverse document frequency', () => {
    expect(idf(100, 1)).toBeGreaterThan(idf(100, 10));
    expect(idf(100, 10)).toBeGreaterThan(idf(100, 100));
    expect(idf(100, 100)).toBeGreaterThan(0);
  });

  it('scores nothing for an absent literal, and more for more occurrences in a paragraph of the same length', () => {
    expect(bm25(0, 2, 10, 10)).toBe(0);
    expect(bm25(2, 2, 10, 10)).toBeGreaterThan(bm25(1, 2, 10, 10));
    expect(bm25(1, 2, 5, 10)).toBeGreaterThan(bm25(1, 2, 20, 10));
  });

  it.each([
    ['one clause', '武汉医疗队', [['武汉']], 1],
    ['a clause not found', '武汉加油', [['武汉'], ['医疗队']], 1],
    ['adjacent literals', '武汉医疗队', [['武汉'], ['医疗队']], 1 + 1 / (1 + 5 / 16)],
    [
      'literals 16 apart',
      `武汉${'一'.repeat(11)}医疗队`,
      [['武汉'], ['医疗队']],
      1 + 1 / (1 + 16 / 16),
    ],
  ])('boosts proximity for %s', (_name, text, clauses, expected) => {
    expect(proximityBoost(text, clauses)).toBeCloseTo(expected, 12);
  });
});

/** The proximity boost as first written: every occurrence as an event, sorted, then a sliding window. */
function referenceProximity(text: string, clauses: string[][]): number {
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

describe('LiteralScan', () => {
  // Few letters, so that literals overlap, repeat and share starts.
  const text = fc.string({ unit: fc.constantFrom(...'abc'), maxLength: 60 });
  const literal = fc.string({ unit: fc.constantFrom(...'abc'), minLength: 1, maxLength: 3 });
  const clauses = fc.array(fc.array(literal, { minLength: 1, maxLength: 3 }), {
    minLength: 1,
    maxLength: 4,
  });

  it('gives the same proximity boost as sorting every occurrence, and never more than its maximum', () => {
    fc.assert(
      fc.property(text, clauses, (text, clauses) => {
        const boost = new LiteralScan(clauses).scan(text).boost();
        expect(boost).toBe(referenceProximity(text, clauses));
        expect(proximityBoost(text, clauses)).toBe(boost);
        expect(boost).toBeLessThanOrEqual(maxProximityBoost(clauses));
      }),
      { numRuns: 2000 },
    );
  });

  it('counts each literal as countOccurrences does, across texts scanned in turn', () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 4 }), clauses, (texts, clauses) => {
        const scan = new LiteralScan(clauses);
        for (const text of texts) {
          scan.scan(text);
          clauses.flat().forEach((literal, l) => {
            expect(scan.count(l)).toBe(countOccurrences(text, literal));
          });
        }
      }),
    );
  });

  it('bounds proximity by the shortest literal', () => {
    expect(maxProximityBoost([['新闻联播'], ['央视网', '央视新闻']])).toBe(1 + 1 / (1 + 3 / 16));
    expect(maxProximityBoost([['武汉'], ['医疗队']])).toBe(1 + 1 / (1 + 2 / 16));
    expect(maxProximityBoost([['武汉']])).toBe(1);
  });
});
