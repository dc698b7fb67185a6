// Tests for APA 7 entries: names as written, (date) precision, missing parts left out cleanly.
import { describe, expect, it } from 'vitest';
import { formatApa } from '../../src/cite/index.ts';
import type { ReportMeta } from '../../src/types.ts';

const ACCESSED = '2026-11-30';
const PERMALINK = 'http://localhost:3000/p/qijiang-2020-zhanyi/5';

function newspaper(fields: Partial<ReportMeta>): ReportMeta {
  return {
    id: 'qijiang-2021-01-15',
    title: '一场战疫展现的綦江担当',
    authors: ['蔡小芹'],
    source: '綦江日报',
    date: '2021-01-15',
    page: '3',
    origin: 'qijiang.md',
    ...fields,
  };
}

describe('formatApa', () => {
  it.each([
    ['everything known', {}, '蔡小芹. (2021, January 15). 一场战疫展现的綦江担当. 綦江日报, 3.'],
    [
      'a month-only date',
      { date: '2021-01' },
      '蔡小芹. (2021, January). 一场战疫展现的綦江担当. 綦江日报, 3.',
    ],
    ['a year-only date', { date: '2021' }, '蔡小芹. (2021). 一场战疫展现的綦江担当. 綦江日报, 3.'],
    [
      'no date gives n.d.',
      { date: undefined },
      '蔡小芹. (n.d.). 一场战疫展现的綦江担当. 綦江日报, 3.',
    ],
    [
      'no page',
      { page: undefined },
      '蔡小芹. (2021, January 15). 一场战疫展现的綦江担当. 綦江日报.',
    ],
    [
      'no source drops the page with it',
      { source: undefined },
      '蔡小芹. (2021, January 15). 一场战疫展现的綦江担当.',
    ],
    [
      'no author moves the title first',
      { authors: [] },
      '一场战疫展现的綦江担当. (2021, January 15). 綦江日报, 3.',
    ],
    [
      'no title is described',
      { title: undefined },
      '蔡小芹. (2021, January 15). [Untitled]. 綦江日报, 3.',
    ],
    [
      'two authors take a comma and &',
      { authors: ['蔡小芹', '王军'] },
      '蔡小芹, & 王军. (2021, January 15). 一场战疫展现的綦江担当. 綦江日报, 3.',
    ],
    [
      'four authors are all listed',
      { authors: ['刘裕国', '杨柳', '张洋', '王军'] },
      '刘裕国, 杨柳, 张洋, & 王军. (2021, January 15). 一场战疫展现的綦江担当. 綦江日报, 3.',
    ],
    [
      'a title ending in ？ takes no full stop',
      { title: '疫情何时结束？' },
      '蔡小芹. (2021, January 15). 疫情何时结束？ 綦江日报, 3.',
    ],
    [
      'a URL ends the entry without a full stop',
      { url: 'https://example.com/a' },
      '蔡小芹. (2021, January 15). 一场战疫展现的綦江担当. 綦江日报, 3. https://example.com/a',
    ],
  ] satisfies [string, Partial<ReportMeta>, string][])('%s', (_behaviour, fields, expected) => {
    expect(formatApa(newspaper(fields), { accessed: ACCESSED })).toBe(expected);
  });

  it('lists the first 19 of more than 20 authors, an ellipsis and the last', () => {
    const authors = Array.from({ length: 22 }, (_, i) => `作者${i + 1}`);
    expect(formatApa(newspaper({ authors }), { accessed: ACCESSED })).toBe(
      `${authors.slice(0, 19).join(', ')}, . . . 作者22. (2021, January 15). 一场战疫展现的綦江担当. 綦江日报, 3.`,
    );
  });

  it('cites the seed report with the archive permalink', () => {
    const seed: ReportMeta = {
      id: 'qijiang-2020-zhanyi',
      title: '一场战疫展现的綦江担当',
      authors: ['蔡小芹'],
      medium: 'newspaper',
      origin: 'qijiang-2020-zhanyi.md',
    };
    expect(formatApa(seed, { accessed: ACCESSED, permalink: PERMALINK })).toBe(
      '蔡小芹. (n.d.). 一场战疫展现的綦江担当. http://localhost:3000/p/qijiang-2020-zhanyi/5',
    );
  });

  it('gives a broadcast no page', () => {
    const report = newspaper({ source: '央视《新闻联播》', authors: [], page: '3' });
    expect(formatApa(report, { accessed: ACCESSED })).toBe(
      '一场战疫展现的綦江担当. (2021, January 15). 央视《新闻联播》.',
    );
  });
});
