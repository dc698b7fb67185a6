// Tests for the RIS, BibTeX and CSL-JSON exports: exact records, escaping, dates by precision.
import { describe, expect, it } from 'vitest';
import { toBibtex, toCslJson, toRis } from '../../src/cite/index.ts';
import type { ReportMeta } from '../../src/types.ts';

const ACCESSED = '2026-11-30';
const PERMALINK = 'http://localhost:3000/p/qijiang-2020-zhanyi/5';

function newspaper(fields: Partial<ReportMeta>): ReportMeta {
  return {
    id: 'qijiang-2021-01-15',
    title: '一场战疫展现的綦江担当',
    authors: ['蔡小芹', '王军'],
    source: '綦江日报',
    date: '2021-01-15',
    page: '3',
    origin: 'qijiang.md',
    ...fields,
  };
}

function seedReport(): ReportMeta {
  return {
    id: 'qijiang-2020-zhanyi',
    title: '一场战疫展现的綦江担当',
    authors: ['蔡小芹'],
    medium: 'newspaper',
    origin: 'qijiang-2020-zhanyi.md',
  };
}

describe('toRis', () => {
  it('writes a NEWS record with CRLF lines, TY first and ER last', () => {
    expect(toRis(newspaper({}), { accessed: ACCESSED, permalink: PERMALINK })).toBe(
      [
        'TY  - NEWS',
        'ID  - qijiang-2021-01-15',
        'AU  - 蔡小芹',
        'AU  - 王军',
        'TI  - 一场战疫展现的綦江担当',
        'T2  - 綦江日报',
        'DA  - 2021/01/15/',
        'PY  - 2021',
        'SP  - 3',
        'UR  - http://localhost:3000/p/qijiang-2020-zhanyi/5',
        'Y2  - 2026/11/30/',
        'ER  - ',
        '',
      ].join('\r\n'),
    );
  });

  it('writes only what the seed report knows', () => {
    expect(toRis(seedReport(), { accessed: ACCESSED })).toBe(
      'TY  - NEWS\r\nID  - qijiang-2020-zhanyi\r\nAU  - 蔡小芹\r\nTI  - 一场战疫展现的綦江担当\r\nY2  - 2026/11/30/\r\nER  - \r\n',
    );
  });

  it.each([
    ['web', { source: '新浪微博' }, 'ELEC'],
    ['broadcast', { source: '央视《新闻联播》' }, 'GEN'],
  ] as const)('types a %s report as %s', (_medium, fields, type) => {
    expect(toRis(newspaper(fields), { accessed: ACCESSED })).toMatch(
      new RegExp(`^TY  - ${type}\r\n`, 'u'),
    );
  });

  it('leaves unknown parts of a partial date empty', () => {
    const ris = toRis(newspaper({ date: '2021-01' }), { accessed: ACCESSED });
    expect(ris).toContain('DA  - 2021/01//\r\nPY  - 2021\r\n');
  });

  it('keeps a multi-line title on one line', () => {
    const ris = toRis(newspaper({ title: '一场战疫\n展现的綦江担当' }), { accessed: ACCESSED });
    expect(ris).toContain('TI  - 一场战疫 展现的綦江担当\r\n');
  });
});

describe('toBibtex', () => {
  it('writes a newspaper as @article with journal, date and urldate', () => {
    expect(toBibtex(newspaper({}), { accessed: ACCESSED, permalink: PERMALINK })).toBe(
      [
        '@article{qijiang-2021-01-15,',
        '  author = {{蔡小芹} and {王军}},',
        '  title = {一场战疫展现的綦江担当},',
        '  journal = {綦江日报},',
        '  entrysubtype = {newspaper},',
        '  date = {2021-01-15},',
        '  pages = {3},',
        '  url = {http://localhost:3000/p/qijiang-2020-zhanyi/5},',
        '  urldate = {2026-11-30}',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('writes a web page as @misc with howpublished', () => {
    const post = newspaper({
      id: 'weibo/2020-02-03',
      source: '新浪微博',
      page: undefined,
      url: 'https://weibo.com/2803301701/example',
    });
    expect(toBibtex(post, { accessed: ACCESSED })).toBe(
      [
        '@misc{weibo_2020-02-03,',
        '  author = {{蔡小芹} and {王军}},',
        '  title = {一场战疫展现的綦江担当},',
        '  howpublished = {新浪微博},',
        '  date = {2021-01-15},',
        '  url = {https://weibo.com/2803301701/example},',
        '  urldate = {2026-11-30}',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('escapes every TeX special character in values, once', () => {
    const report = newspaper({ title: 'R&D {50%} $5 #1 a_b x^2 ~ c:\\d', authors: ['A & B'] });
    const bibtex = toBibtex(report, { accessed: ACCESSED });
    expect(bibtex).toContain(
      '  title = {R\\&D \\{50\\%\\} \\$5 \\#1 a\\_b x\\^{}2 \\~{} c:\\textbackslash{}d},',
    );
    expect(bibtex).toContain('  author = {{A \\& B}},');
  });

  it('keeps the URL verbatim except for braces and backslashes', () => {
    const report = newspaper({ url: 'https://example.com/a_b%20c#p{1}\\' });
    expect(toBibtex(report, { accessed: ACCESSED })).toContain(
      '  url = {https://example.com/a_b%20c#p%7B1%7D%5C},',
    );
  });

  it.each([
    ['qijiang-2020-zhanyi', 'qijiang-2020-zhanyi'],
    ['綦江 2020/战疫', '_2020_'],
    ['綦江', 'report'],
  ])('derives the key %s → %s', (id, key) => {
    expect(toBibtex(newspaper({ id }), { accessed: ACCESSED })).toMatch(
      new RegExp(`^@article\\{${key},\n`, 'u'),
    );
  });
});

describe('toCslJson', () => {
  it('gives the item with literal names and date-parts', () => {
    expect(toCslJson(newspaper({}), { accessed: ACCESSED, permalink: PERMALINK })).toEqual({
      id: 'qijiang-2021-01-15',
      type: 'article-newspaper',
      title: '一场战疫展现的綦江担当',
      author: [{ literal: '蔡小芹' }, { literal: '王军' }],
      issued: { 'date-parts': [[2021, 1, 15]] },
      'container-title': '綦江日报',
      page: '3',
      URL: 'http://localhost:3000/p/qijiang-2020-zhanyi/5',
      accessed: { 'date-parts': [[2026, 11, 30]] },
    });
  });

  it.each([
    ['2021', [2021]],
    ['2021-01', [2021, 1]],
    ['2021-01-15', [2021, 1, 15]],
  ])('gives date-parts for %s as %j', (date, parts) => {
    expect(toCslJson(newspaper({ date }), { accessed: ACCESSED }).issued).toEqual({
      'date-parts': [parts],
    });
  });

  it('has only the fields the seed report knows', () => {
    expect(toCslJson(seedReport(), { accessed: ACCESSED })).toStrictEqual({
      id: 'qijiang-2020-zhanyi',
      type: 'article-newspaper',
      title: '一场战疫展现的綦江担当',
      author: [{ literal: '蔡小芹' }],
      accessed: { 'date-parts': [[2026, 11, 30]] },
    });
  });

  it.each([
    [{ source: '新浪微博' }, 'webpage'],
    [{ source: '央视《新闻联播》' }, 'broadcast'],
  ] as const)('types %j as %s', (fields, type) => {
    expect(toCslJson(newspaper(fields), { accessed: ACCESSED }).type).toBe(type);
  });

  it('survives a JSON round trip unchanged', () => {
    const item = toCslJson(newspaper({}), { accessed: ACCESSED });
    expect(JSON.parse(JSON.stringify(item))).toEqual(item);
  });
});
