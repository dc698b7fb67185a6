// The query language: terms, phrases in four kinds of quotes, exclusions, OR, filters, leniency.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QueryError } from '../../src/errors.ts';
import {
  MAX_QUERY_LENGTH,
  MAX_TERMS,
  parseQuery,
  type ParsedQuery,
} from '../../src/search/query.ts';

/** A parsed query reduced to what a reader checks: raw text of each term, phrases marked "…". */
function outline(parsed: ParsedQuery) {
  const show = (term: { raw: string; phrase: boolean }) =>
    term.phrase ? `"${term.raw}"` : term.raw;
  return {
    clauses: parsed.clauses.map((clause) => clause.map(show)),
    exclude: parsed.exclude.map(show),
    filters: parsed.filters,
    notices: parsed.notices,
  };
}

const NO_FILTERS = {};

describe('parseQuery', () => {
  it.each([
    ['two terms (AND)', '防控 湖北', [['防控'], ['湖北']], []],
    ['an ideographic space between terms', '防控\u3000湖北', [['防控'], ['湖北']], []],
    [
      'a straight-quoted phrase with a space and punctuation',
      '"支援 湖北，医疗队"',
      [['"支援 湖北，医疗队"']],
      [],
    ],
    ['a curly-quoted phrase', '“湖北 医疗队”', [['"湖北 医疗队"']], []],
    ['a corner-bracketed phrase', '「武汉，加油」', [['"武汉，加油"']], []],
    ['a full-width quoted phrase', '＂武汉 加油＂', [['"武汉 加油"']], []],
    ['a white-corner-bracketed phrase', '『抗疫 一线』', [['"抗疫 一线"']], []],
    ['a closing curly quote used to open', '”湖北”', [['"湖北"']], []],
    ['an exclusion', '武汉 -孝感', [['武汉']], ['孝感']],
    ['a full-width minus exclusion', '武汉 －孝感', [['武汉']], ['孝感']],
    ['an excluded phrase', '疫情 -"孝感 市"', [['疫情']], ['"孝感 市"']],
    ['OR inside one clause', '武汉 OR 孝感', [['武汉', '孝感']], []],
    ['OR chained, then AND', '武汉 OR 孝感 OR 黄冈 防控', [['武汉', '孝感', '黄冈'], ['防控']], []],
    ['a lower-case or as a word', '武汉 or 孝感', [['武汉'], ['or'], ['孝感']], []],
    ['a hyphen inside a term', 'covid-19', [['covid-19']], []],
  ])('reads %s: %j', (_name, input, clauses, exclude) => {
    expect(outline(parseQuery(input))).toEqual({
      clauses,
      exclude,
      filters: NO_FILTERS,
      notices: [],
    });
  });

  it('normalises terms and cuts bare terms into jieba words', () => {
    expect(parseQuery('臺灣醫療隊').clauses).toEqual([
      [{ raw: '臺灣醫療隊', norm: '台湾医疗队', phrase: false, words: ['台湾', '医疗队'] }],
    ]);
  });

  it('keeps a phrase whole: normalised, without jieba words', () => {
    expect(parseQuery('“ＣＯＶＩＤ－１９ 疫情”').clauses).toEqual([
      [{ raw: 'ＣＯＶＩＤ－１９ 疫情', norm: 'covid-19 疫情', phrase: true, words: [] }],
    ]);
  });

  it.each([
    ['source', 'source:央视 疫情', { source: '央视' }],
    ['a normalised source', 'SOURCE:ＣＣＴＶ 疫情', { source: 'cctv' }],
    [
      'from and to as full dates',
      '疫情 from:2020-01-01 to:2020-03-31',
      { from: '2020-01-01', to: '2020-03-31' },
    ],
    ['a year and a month', '疫情 from:2020 to:2020-3', { from: '2020', to: '2020-03' }],
    ['an unpadded day', '疫情 to:2020-2-9', { to: '2020-02-09' }],
    ['a leap day', '疫情 from:2020-02-29', { from: '2020-02-29' }],
    ['an early year, kept four digits wide', '疫情 from:0999', { from: '0999' }],
  ])('reads the filter %s', (_name, input, filters) => {
    const parsed = parseQuery(input);
    expect(parsed.filters).toEqual(filters);
    expect(parsed.clauses.map((clause) => clause.map((term) => term.raw))).toEqual([['疫情']]);
    expect(parsed.notices).toEqual([]);
  });

  it('keeps a quoted filter as a phrase to search for', () => {
    expect(outline(parseQuery('"source:央视"'))).toEqual({
      clauses: [['"source:央视"']],
      exclude: [],
      filters: NO_FILTERS,
      notices: [],
    });
  });

  describe('reads leniently, with a notice', () => {
    it.each([
      [
        'an unclosed quote',
        '武汉 "支援 湖北',
        [['武汉'], ['"支援 湖北"']],
        [],
        ['引号没有闭合，已把引号后的全部内容当作短语'],
      ],
      [
        'an unclosed corner bracket',
        '「支援湖北',
        [['"支援湖北"']],
        [],
        ['引号没有闭合，已把引号后的全部内容当作短语'],
      ],
      [
        'a lone minus',
        '武汉 - 孝感',
        [['武汉'], ['孝感']],
        [],
        ['忽略了单独的“-”（排除词要紧跟在减号后面，如 -孝感）'],
      ],
      [
        'a minus at the end',
        '武汉 -',
        [['武汉']],
        [],
        ['忽略了单独的“-”（排除词要紧跟在减号后面，如 -孝感）'],
      ],
      ['OR alone', 'OR', [], [], ['忽略了位置不对的 OR']],
      [
        'OR first and last',
        'OR 武汉 OR',
        [['武汉']],
        [],
        ['忽略了位置不对的 OR', '忽略了末尾的 OR'],
      ],
      ['OR twice', '武汉 OR OR 孝感', [['武汉', '孝感']], [], ['忽略了位置不对的 OR']],
      ['OR before an exclusion', '武汉 OR -孝感', [['武汉']], ['孝感'], ['忽略了位置不对的 OR']],
      [
        'only operators',
        'OR - OR',
        [],
        [],
        [
          '忽略了单独的“-”（排除词要紧跟在减号后面，如 -孝感）',
          '忽略了位置不对的 OR',
          '忽略了位置不对的 OR',
        ],
      ],
      ['an empty phrase', '武汉 ""', [['武汉']], [], ['忽略了空短语']],
      ['a phrase of spaces', '武汉 “  ”', [['武汉']], [], ['忽略了空短语']],
      ['an empty filter', '武汉 source:', [['武汉']], [], ['忽略了空的筛选条件 source:']],
      [
        'control characters',
        '武\u0000汉\u0007',
        [['武'], ['汉']],
        [],
        ['去掉了查询中的控制字符或不可见字符'],
      ],
      [
        'zero-width and bidi characters',
        '武汉\u200b\u202e孝感',
        [['武汉'], ['孝感']],
        [],
        ['去掉了查询中的控制字符或不可见字符'],
      ],
    ])('%s: %j', (_name, input, clauses, exclude, notices) => {
      expect(outline(parseQuery(input))).toEqual({
        clauses,
        exclude,
        filters: NO_FILTERS,
        notices,
      });
    });

    it('treats tabs and line breaks as spaces, without a notice', () => {
      expect(outline(parseQuery('\t武汉\n孝感\r\n'))).toEqual({
        clauses: [['武汉'], ['孝感']],
        exclude: [],
        filters: NO_FILTERS,
        notices: [],
      });
    });

    it('gives nothing to search for an empty or blank query', () => {
      for (const input of ['', '   ', '\u3000']) {
        expect(outline(parseQuery(input))).toEqual({
          clauses: [],
          exclude: [],
          filters: NO_FILTERS,
          notices: [],
        });
      }
    });
  });

  describe('refuses what it cannot read', () => {
    it(`refuses a query of more than ${MAX_QUERY_LENGTH} characters`, () => {
      expect(() => parseQuery('疫'.repeat(10_000))).toThrow(
        new QueryError(`查询太长：10000 个字符，上限是 ${MAX_QUERY_LENGTH} 个`),
      );
    });

    it(`accepts a query of exactly ${MAX_QUERY_LENGTH} characters`, () => {
      expect(parseQuery('疫'.repeat(MAX_QUERY_LENGTH)).clauses).toHaveLength(1);
    });

    it.each([
      ['from:2020-02-30'],
      ['to:2021-02-29'],
      ['from:2020-13'],
      ['from:2020-00'],
      ['to:2020-01-32'],
      ['from:20-01-01'],
      ['to:yesterday'],
      ['from:2020/01/01'],
    ])('refuses the impossible date %s with a QueryError naming it', (input) => {
      expect(() => parseQuery(`疫情 ${input}`)).toThrow(
        new QueryError(`日期无效：${input}（请写作 2020、2020-03 或 2020-03-31）`),
      );
    });

    it(`refuses more than ${MAX_TERMS} terms`, () => {
      const terms = Array.from({ length: MAX_TERMS + 1 }, (_, i) => `词${i}`).join(' ');
      expect(() => parseQuery(terms)).toThrow(new QueryError(`查询词太多：上限是 ${MAX_TERMS} 个`));
    });
  });

  it('either parses or throws a QueryError for any text up to 1000 characters', () => {
    const syntax = fc.constantFrom(
      '"',
      '“',
      '”',
      '「',
      '」',
      '『',
      '』',
      '-',
      '－',
      ' ',
      'OR',
      'source:',
      'from:',
      'to:',
      '2020-02-30',
      '\u0000',
      '\u200b',
    );
    const input = fc.oneof(
      fc.string({ maxLength: 1000 }),
      fc.string({ unit: 'binary', maxLength: 1000 }),
      fc.string({
        unit: fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)),
        maxLength: 1000,
      }),
      fc
        .array(fc.oneof(syntax, fc.constantFrom('武汉', '臺灣', 'a', '疫情')), { maxLength: 60 })
        .map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(input, (text) => {
        try {
          const parsed = parseQuery(text);
          expect(Array.isArray(parsed.clauses)).toBe(true);
          for (const term of [...parsed.clauses.flat(), ...parsed.exclude])
            expect(term.norm.trim()).not.toBe('');
        } catch (error) {
          expect(error).toBeInstanceOf(QueryError);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
