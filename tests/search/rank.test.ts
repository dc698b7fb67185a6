// Ranking: word alignment, headings, titles, proximity, frequency, and the order of ties.
import { describe, expect, it } from 'vitest';
import { bm25, idf, proximityBoost } from '../../src/search/rank.ts';
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
