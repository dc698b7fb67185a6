// Tests for the GB/T 7714-2015 entries: exact strings per medium, omissions without stray marks.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatAll,
  formatApa,
  formatGbt7714,
  formatGbt7714Online,
  formatMla,
  formatQuoteWithCitation,
} from '../../src/cite/index.ts';
import type { ReportMeta } from '../../src/types.ts';

const ACCESSED = '2026-11-30';
const PERMALINK = 'http://localhost:3000/p/qijiang-2020-zhanyi/5';

function seedReport(): ReportMeta {
  return {
    id: 'qijiang-2020-zhanyi',
    title: '一场战疫展现的綦江担当',
    authors: ['蔡小芹'],
    medium: 'newspaper',
    origin: 'qijiang-2020-zhanyi.md',
  };
}

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

function xinwenLianbo(): ReportMeta {
  return {
    id: 'xwlb-2020-01-24',
    title: '习近平主持召开中央政治局常委会会议',
    authors: [],
    source: '央视《新闻联播》',
    date: '2020-01-24',
    url: 'https://tv.cctv.com/2020/01/24/VIDEexample.shtml',
    origin: 'xwlb.jsonl:3',
  };
}

function weiboPost(): ReportMeta {
  return {
    id: 'weibo-2020-02-03',
    title: '武汉火神山医院正式交付',
    authors: ['人民日报'],
    source: '新浪微博',
    date: '2020-02-03',
    url: 'https://weibo.com/2803301701/example',
    origin: 'weibo.jsonl:1',
  };
}

describe('formatGbt7714 for the seed report', () => {
  it('prints author, title and [N] only, as nothing else is known', () => {
    expect(formatGbt7714(seedReport(), { accessed: ACCESSED })).toBe(
      '蔡小芹. 一场战疫展现的綦江担当[N].',
    );
  });

  it('leaves no stray comma or empty parentheses', () => {
    const entry = formatGbt7714(seedReport(), { accessed: ACCESSED, permalink: PERMALINK });
    expect(entry).not.toMatch(/, |\(\)/u);
  });

  it('gives the online form with the access date and the archive permalink', () => {
    expect(formatGbt7714Online(seedReport(), { accessed: ACCESSED, permalink: PERMALINK })).toBe(
      '蔡小芹. 一场战疫展现的綦江担当[N/OL]. [2026-11-30]. http://localhost:3000/p/qijiang-2020-zhanyi/5.',
    );
  });
});

describe('formatGbt7714 for newspapers', () => {
  it.each([
    ['everything known', {}, '蔡小芹. 一场战疫展现的綦江担当[N]. 綦江日报, 2021-01-15(3).'],
    [
      'no author starts at the title',
      { authors: [] },
      '一场战疫展现的綦江担当[N]. 綦江日报, 2021-01-15(3).',
    ],
    [
      'no source drops the paper name',
      { source: undefined },
      '蔡小芹. 一场战疫展现的綦江担当[N]. 2021-01-15(3).',
    ],
    [
      'no date drops the date',
      { date: undefined },
      '蔡小芹. 一场战疫展现的綦江担当[N]. 綦江日报(3).',
    ],
    [
      'no page drops the 版次',
      { page: undefined },
      '蔡小芹. 一场战疫展现的綦江担当[N]. 綦江日报, 2021-01-15.',
    ],
    [
      'no paper and no date drop the whole source item',
      { source: undefined, date: undefined },
      '蔡小芹. 一场战疫展现的綦江担当[N].',
    ],
    [
      'a month-only date is printed as known',
      { date: '2021-01' },
      '蔡小芹. 一场战疫展现的綦江担当[N]. 綦江日报, 2021-01(3).',
    ],
    [
      'an impossible date is left out',
      { date: '2021-02-30' },
      '蔡小芹. 一场战疫展现的綦江担当[N]. 綦江日报(3).',
    ],
    [
      'blank fields count as unknown',
      { source: ' ', page: '', authors: ['', '蔡小芹'] },
      '蔡小芹. 一场战疫展现的綦江担当[N]. 2021-01-15.',
    ],
    [
      'no title is marked as unknown',
      { title: undefined },
      '蔡小芹. [题名不详][N]. 綦江日报, 2021-01-15(3).',
    ],
    [
      'two authors are separated by a comma',
      { authors: ['蔡小芹', '王军'] },
      '蔡小芹, 王军. 一场战疫展现的綦江担当[N]. 綦江日报, 2021-01-15(3).',
    ],
    [
      'three authors are all printed',
      { authors: ['刘裕国', '杨柳', '张洋'] },
      '刘裕国, 杨柳, 张洋. 一场战疫展现的綦江担当[N]. 綦江日报, 2021-01-15(3).',
    ],
    [
      'four authors give the first three and 等',
      { authors: ['刘裕国', '杨柳', '张洋', '王军'] },
      '刘裕国, 杨柳, 张洋, 等. 一场战疫展现的綦江担当[N]. 綦江日报, 2021-01-15(3).',
    ],
    [
      'four Latin names give et al. without a doubled full stop',
      { authors: ['MYBURG A A', 'GRATTAPAGLIA D', 'TUSKAN G A', 'HELLSTEN U'] },
      'MYBURG A A, GRATTAPAGLIA D, TUSKAN G A, et al. 一场战疫展现的綦江担当[N]. 綦江日报, 2021-01-15(3).',
    ],
    [
      'a title ending in ？ keeps it before the type code',
      { title: '疫情何时结束？' },
      '蔡小芹. 疫情何时结束？[N]. 綦江日报, 2021-01-15(3).',
    ],
    [
      'a source ending in ! takes no extra full stop',
      { source: 'Yahoo!', date: undefined, page: undefined },
      '蔡小芹. 一场战疫展现的綦江担当[N]. Yahoo!',
    ],
  ] satisfies [string, Partial<ReportMeta>, string][])('%s', (_behaviour, fields, expected) => {
    expect(formatGbt7714(newspaper(fields), { accessed: ACCESSED })).toBe(expected);
  });

  it('gives the online form with the paper’s own URL before the permalink', () => {
    const report = newspaper({ url: 'http://paper.people.com.cn/rmrb/html/2021-01/15/a.htm' });
    expect(formatGbt7714Online(report, { accessed: ACCESSED, permalink: PERMALINK })).toBe(
      '蔡小芹. 一场战疫展现的綦江担当[N/OL]. 綦江日报, 2021-01-15(3)[2026-11-30]. http://paper.people.com.cn/rmrb/html/2021-01/15/a.htm.',
    );
  });

  it('falls back to the print form online when there is no URL and no permalink', () => {
    expect(formatGbt7714Online(newspaper({}), { accessed: ACCESSED })).toBe(
      '蔡小芹. 一场战疫展现的綦江担当[N]. 綦江日报, 2021-01-15(3).',
    );
  });

  it('never prints a URL in the print form', () => {
    const report = newspaper({ url: 'http://paper.people.com.cn/a.htm' });
    expect(formatGbt7714(report, { accessed: ACCESSED, permalink: PERMALINK })).toBe(
      '蔡小芹. 一场战疫展现的綦江担当[N]. 綦江日报, 2021-01-15(3).',
    );
  });
});

describe('formatGbt7714 for broadcasts', () => {
  it('cites a 新闻联播 item in print as [Z] with the programme and date', () => {
    expect(formatGbt7714(xinwenLianbo(), { accessed: ACCESSED })).toBe(
      '习近平主持召开中央政治局常委会会议[Z]. 央视《新闻联播》, 2020-01-24.',
    );
  });

  it('cites a 新闻联播 item read online as [EB/OL] with its URL', () => {
    expect(formatGbt7714Online(xinwenLianbo(), { accessed: ACCESSED, permalink: PERMALINK })).toBe(
      '习近平主持召开中央政治局常委会会议[EB/OL]. 央视《新闻联播》, 2020(2020-01-24)[2026-11-30]. https://tv.cctv.com/2020/01/24/VIDEexample.shtml.',
    );
  });

  it('stays [Z] online when there is nothing online to point to', () => {
    const report = { ...xinwenLianbo(), url: undefined };
    expect(formatGbt7714Online(report, { accessed: ACCESSED })).toBe(
      '习近平主持召开中央政治局常委会会议[Z]. 央视《新闻联播》, 2020-01-24.',
    );
  });
});

describe('formatGbt7714 for web pages', () => {
  it('cites a Weibo post as [EB/OL] with publisher, year, date, access date and URL', () => {
    expect(formatGbt7714(weiboPost(), { accessed: ACCESSED })).toBe(
      '人民日报. 武汉火神山医院正式交付[EB/OL]. 新浪微博, 2020(2020-02-03)[2026-11-30]. https://weibo.com/2803301701/example.',
    );
  });

  it('gives the same entry in print and online, as EB/OL always carries its path', () => {
    const opts = { accessed: ACCESSED, permalink: PERMALINK };
    expect(formatGbt7714Online(weiboPost(), opts)).toBe(formatGbt7714(weiboPost(), opts));
  });

  it.each([
    [
      'no source gives the standard’s bare (date)[access]',
      { source: undefined },
      '人民日报. 武汉火神山医院正式交付[EB/OL]. (2020-02-03)[2026-11-30]. https://weibo.com/2803301701/example.',
    ],
    [
      'a year-only date is printed once',
      { date: '2020' },
      '人民日报. 武汉火神山医院正式交付[EB/OL]. 新浪微博, 2020[2026-11-30]. https://weibo.com/2803301701/example.',
    ],
    [
      'no date keeps only the access date',
      { date: undefined },
      '人民日报. 武汉火神山医院正式交付[EB/OL]. 新浪微博[2026-11-30]. https://weibo.com/2803301701/example.',
    ],
    [
      'no source and no date leave [access] alone',
      { source: undefined, date: undefined },
      '人民日报. 武汉火神山医院正式交付[EB/OL]. [2026-11-30]. https://weibo.com/2803301701/example.',
    ],
    [
      'no URL uses the permalink',
      { url: undefined },
      '人民日报. 武汉火神山医院正式交付[EB/OL]. 新浪微博, 2020(2020-02-03)[2026-11-30]. http://localhost:3000/p/qijiang-2020-zhanyi/5.',
    ],
  ] satisfies [string, Partial<ReportMeta>, string][])('%s', (_behaviour, fields, expected) => {
    const report = { ...weiboPost(), ...fields };
    expect(formatGbt7714(report, { accessed: ACCESSED, permalink: PERMALINK })).toBe(expected);
  });

  it('rejects an access date that is not YYYY-MM-DD, naming it', () => {
    expect(() => formatGbt7714(weiboPost(), { accessed: '30/11/2026' })).toThrow(
      'baoku: citation access date must be YYYY-MM-DD, got "30/11/2026"',
    );
  });
});

describe('formatQuoteWithCitation', () => {
  it('quotes the paragraph in 「」, then the print entry, then the permalink', () => {
    const text = '面对突如其来的新冠肺炎疫情，綦江迅速行动。';
    expect(
      formatQuoteWithCitation(text, seedReport(), { accessed: ACCESSED, permalink: PERMALINK }),
    ).toBe(
      '「面对突如其来的新冠肺炎疫情，綦江迅速行动。」\n' +
        '蔡小芹. 一场战疫展现的綦江担当[N].\n' +
        'http://localhost:3000/p/qijiang-2020-zhanyi/5',
    );
  });

  it('leaves out the permalink line when there is no permalink', () => {
    expect(formatQuoteWithCitation('綦江迅速行动。', seedReport(), { accessed: ACCESSED })).toBe(
      '「綦江迅速行动。」\n蔡小芹. 一场战疫展现的綦江担当[N].',
    );
  });
});

describe('citations over any combination of metadata', () => {
  // Field values are drawn from realistic pieces (titles ending in ？, ！ or 。, names with a final
  // full stop, blanks) and from random text free of the marks under test, present or absent.
  const safeText = fc.string({
    unit: fc.constantFrom('綦', '江', '报', '网', 'A', 'b', ' ', '？', '！', '《', '》', '·'),
    maxLength: 8,
  });
  const optional = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
    fc.option(arb, { nil: undefined });
  const metadata: fc.Arbitrary<ReportMeta> = fc.record({
    id: fc.constantFrom('r1', 'qijiang-2020-zhanyi'),
    origin: fc.constant('r.md'),
    title: optional(
      fc.oneof(
        fc.constantFrom('一场战疫展现的綦江担当', '疫情何时结束？', '加油！', '完。', ''),
        safeText,
      ),
    ),
    authors: fc.array(
      fc.oneof(fc.constantFrom('蔡小芹', 'Online Computer Library Center, Inc.', ' '), safeText),
      {
        maxLength: 5,
      },
    ),
    source: optional(
      fc.oneof(fc.constantFrom('綦江日报', '央视《新闻联播》', '新浪微博', 'Yahoo!', ''), safeText),
    ),
    date: optional(fc.constantFrom('2021', '2021-01', '2021-01-15', '2021-13', 'not a date', '')),
    page: optional(fc.constantFrom('3', 'A3', '', ' ')),
    url: optional(fc.constantFrom('https://example.com/a', '')),
    medium: optional(fc.constantFrom('newspaper' as const, 'broadcast' as const, 'web' as const)),
  });
  const options = fc.record({
    accessed: fc.constant(ACCESSED),
    permalink: optional(fc.constantFrom(PERMALINK, '')),
  });

  it('gives through formatAll, the report read once, what each format gives alone', () => {
    fc.assert(
      fc.property(metadata, options, (report, opts) => {
        expect(formatAll(report, opts)).toEqual({
          gbt7714: formatGbt7714(report, opts),
          gbt7714Online: formatGbt7714Online(report, opts),
          apa: formatApa(report, opts),
          mla: formatMla(report, opts),
        });
      }),
    );
  });

  it('never prints doubled, empty or dangling punctuation, nor starts with a full stop', () => {
    fc.assert(
      fc.property(metadata, options, (report, opts) => {
        for (const entry of [formatGbt7714(report, opts), formatGbt7714Online(report, opts)]) {
          expect(entry).not.toMatch(/, ,|\.\.|\(\)|\[\]|, \.|^\.|\. ,|^,|,\(|,\[|\s{2}/u);
          expect(entry).toMatch(/[.?!。？！]$/u);
        }
      }),
    );
  });
});
