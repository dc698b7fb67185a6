// Tests for MLA 9 entries: “title,” the source as container with date and page, nothing invented.
import { describe, expect, it } from 'vitest';
import { formatMla } from '../../src/cite/index.ts';
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

describe('formatMla', () => {
  it.each([
    ['everything known', {}, '蔡小芹. “一场战疫展现的綦江担当.” 綦江日报, 15 Jan. 2021, p. 3.'],
    [
      'a month-only date',
      { date: '2021-09' },
      '蔡小芹. “一场战疫展现的綦江担当.” 綦江日报, Sept. 2021, p. 3.',
    ],
    [
      'a year-only date',
      { date: '2021' },
      '蔡小芹. “一场战疫展现的綦江担当.” 綦江日报, 2021, p. 3.',
    ],
    [
      'a page range',
      { page: 'A3-A4' },
      '蔡小芹. “一场战疫展现的綦江担当.” 綦江日报, 15 Jan. 2021, pp. A3-A4.',
    ],
    ['no source', { source: undefined }, '蔡小芹. “一场战疫展现的綦江担当.” 15 Jan. 2021, p. 3.'],
    [
      'no source, date or page ends at the title',
      { source: undefined, date: undefined, page: undefined },
      '蔡小芹. “一场战疫展现的綦江担当.”',
    ],
    [
      'no author starts at the title',
      { authors: [] },
      '“一场战疫展现的綦江担当.” 綦江日报, 15 Jan. 2021, p. 3.',
    ],
    ['no title is left out', { title: undefined }, '蔡小芹. 綦江日报, 15 Jan. 2021, p. 3.'],
    [
      'two authors',
      { authors: ['蔡小芹', '王军'] },
      '蔡小芹, and 王军. “一场战疫展现的綦江担当.” 綦江日报, 15 Jan. 2021, p. 3.',
    ],
    [
      'three authors give et al.',
      { authors: ['刘裕国', '杨柳', '张洋'] },
      '刘裕国, et al. “一场战疫展现的綦江担当.” 綦江日报, 15 Jan. 2021, p. 3.',
    ],
    [
      'a title ending in ？ keeps it inside the quotes',
      { title: '疫情何时结束？' },
      '蔡小芹. “疫情何时结束？” 綦江日报, 15 Jan. 2021, p. 3.',
    ],
    [
      'a dated report with a URL',
      { url: 'https://example.com/a' },
      '蔡小芹. “一场战疫展现的綦江担当.” 綦江日报, 15 Jan. 2021, p. 3. https://example.com/a.',
    ],
  ] satisfies [string, Partial<ReportMeta>, string][])('%s', (_behaviour, fields, expected) => {
    expect(formatMla(newspaper(fields), { accessed: ACCESSED })).toBe(expected);
  });

  it('adds the access date after the URL of an undated report', () => {
    const seed: ReportMeta = {
      id: 'qijiang-2020-zhanyi',
      title: '一场战疫展现的綦江担当',
      authors: ['蔡小芹'],
      medium: 'newspaper',
      origin: 'qijiang-2020-zhanyi.md',
    };
    expect(formatMla(seed, { accessed: ACCESSED, permalink: PERMALINK })).toBe(
      '蔡小芹. “一场战疫展现的綦江担当.” http://localhost:3000/p/qijiang-2020-zhanyi/5. Accessed 30 Nov. 2026.',
    );
  });

  it('cites a Weibo post with the platform as container and no page', () => {
    const post: ReportMeta = {
      id: 'weibo-2020-02-03',
      title: '武汉火神山医院正式交付',
      authors: ['人民日报'],
      source: '新浪微博',
      date: '2020-02-03',
      page: '1',
      url: 'https://weibo.com/2803301701/example',
      origin: 'weibo.jsonl:1',
    };
    expect(formatMla(post, { accessed: ACCESSED })).toBe(
      '人民日报. “武汉火神山医院正式交付.” 新浪微博, 3 Feb. 2020. https://weibo.com/2803301701/example.',
    );
  });
});
