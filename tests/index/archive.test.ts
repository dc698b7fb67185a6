// The per-archive tables that searches read instead of asking paragraph by paragraph.
import { describe, expect, it } from 'vitest';
import { lengthNorm } from '../../src/search/rank.ts';
import { lengthNormsOf } from '../../src/search/score.ts';
import { unitSignature } from '../../src/index/report-facts.ts';
import { buildTestArchive, makeReport } from '../helpers/archive.ts';

const reports = [
  makeReport('a', [{ text: '防控工作', kind: 'heading' }, '社区防控工作持续推进，居民配合。', '图为志愿者'], {
    title: '綦江社区防控',
    source: '綦江日报',
    date: '2020-02-03',
  }),
  makeReport('b', ['复工复产有序开展。'], { date: '2021-05' }),
  makeReport('c', [{ text: '小标题', kind: 'heading' }, '正文', { text: '配图说明', kind: 'caption' }, { text: '第二个小标题', kind: 'heading' }], {
    source: '新华社',
  }),
];

describe('tables made on the first search', () => {
  it('lists exactly the headings, in id order', async () => {
    const archive = await buildTestArchive(reports);
    const expected = Array.from({ length: archive.paragraphCount }, (_, id) => id).filter(
      (id) => archive.kindOf(id) === 'heading',
    );
    expect(expected).toHaveLength(3);
    expect([...archive.headingIds()]).toEqual(expected);
  });

  it('gives each paragraph the length norm of its word count', async () => {
    const archive = await buildTestArchive(reports);
    const norms = lengthNormsOf(archive);
    expect(lengthNormsOf(archive)).toBe(norms); // made once per archive
    expect(norms).toHaveLength(archive.paragraphCount);
    for (let id = 0; id < archive.paragraphCount; id++) {
      expect(norms[id]).toBe(lengthNorm(archive.wordCountOf(id), archive.averageWordCount));
    }
    // Longer paragraphs weigh a literal less.
    expect(norms[1]!).toBeGreaterThan(norms[2]!);
  });

  it('gives each report where it ends and its facet keys', async () => {
    const archive = await buildTestArchive(reports);
    const table = archive.reportTable();
    expect(table).toHaveLength(4 * archive.reportCount);
    for (let r = 0; r < archive.reportCount; r++) {
      const { first, count } = archive.paragraphRange(r);
      expect(table[4 * r]).toBe(first + count);
      expect(archive.facts.sourceNames[table[4 * r + 1]!]).toBe(archive.report(r).source ?? '来源不详');
      expect(archive.facts.yearNames[table[4 * r + 2]!]).toBe(archive.report(r).date?.slice(0, 4) ?? '日期不详');
      expect(table[4 * r + 3]).toBe(unitSignature(archive.facts.titles[r]!) >>> 0);
    }
  });
});
