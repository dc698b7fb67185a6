// Tests for what every format reads: the medium, sentence ends, dates and blank-free fields.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inferMedium } from '../../src/cite/index.ts';
import {
  endsSentence,
  parsePartialDate,
  readCitable,
  withFullStop,
} from '../../src/cite/medium.ts';
import type { ReportMeta } from '../../src/types.ts';

function meta(fields: Partial<ReportMeta>): ReportMeta {
  return { id: 'r', authors: [], origin: 'r.md', ...fields };
}

describe('inferMedium', () => {
  it.each([
    ['綦江日报', undefined, 'newspaper'],
    ['《人民日报》（海外版）', undefined, 'newspaper'],
    ['新京报', 'https://www.bjnews.com.cn/detail/1.html', 'newspaper'],
    ['三联生活周刊', undefined, 'newspaper'],
    ['广播电视报', undefined, 'newspaper'],
    ['央视《新闻联播》', undefined, 'broadcast'],
    ['CCTV-13 新闻频道', 'https://tv.cctv.com/x.shtml', 'broadcast'],
    ['中央人民广播电台', undefined, 'broadcast'],
    ['湖南卫视', undefined, 'broadcast'],
    ['新浪微博', undefined, 'web'],
    ['人民日报微博', undefined, 'web'],
    ['人民日报客户端', undefined, 'web'],
    ['央视网', undefined, 'web'],
    ['新华社', 'https://www.news.cn/x.htm', 'web'],
    ['新华社', undefined, 'newspaper'],
    [undefined, 'https://example.com/a', 'web'],
    [undefined, undefined, 'newspaper'],
  ] as const)('reads %s with url %s as %s', (source, url, expected) => {
    expect(inferMedium(meta({ source, url }))).toBe(expected);
  });

  it('keeps the medium the front matter gives even when the source says otherwise', () => {
    expect(inferMedium(meta({ source: '綦江日报', medium: 'web' }))).toBe('web');
  });

  it('treats a blank url as no url', () => {
    expect(inferMedium(meta({ url: '  ' }))).toBe('newspaper');
  });
});

describe('endsSentence', () => {
  it('is true exactly when the text ends with a full stop, question or exclamation mark', () => {
    expect(['报道。', 'Report.', '真的？', 'Why?', '好！', 'Go!'].every(endsSentence)).toBe(true);
    expect(['', '报道', '报道，', 'Report;', '。报道', '😷'].some(endsSentence)).toBe(false);
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', '.', '?', '!', '。', '？', '！', '，', '😷') }),
        (text) => {
          expect(endsSentence(text)).toBe(/[.?!。？！]$/u.test(text));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('adds a full stop only where none ends the text', () => {
    expect(withFullStop('綦江日报')).toBe('綦江日报.');
    expect(withFullStop('綦江日报。')).toBe('綦江日报。');
  });
});

describe('parsePartialDate', () => {
  it('takes a day exactly when the calendar has it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (year, month, day) => {
          const iso = [String(year).padStart(4, '0'), month, day]
            .map((part) => String(part).padStart(2, '0'))
            .join('-');
          // The calendar as Date keeps it (years below 100 set apart, which Date.UTC would move).
          const date = new Date(0);
          date.setUTCFullYear(year, month, 0);
          expect(parsePartialDate(iso) !== undefined).toBe(day <= date.getUTCDate());
        },
      ),
      { numRuns: 2000 },
    );
    expect(parsePartialDate('2024-02-29')?.day).toBe(29);
    expect(parsePartialDate('1900-02-29')).toBeUndefined();
    expect(parsePartialDate('2000-02-29')?.day).toBe(29);
  });
});

describe('readCitable', () => {
  it('collapses every run of whitespace in a field to one space, and drops a blank field', () => {
    const field = fc.string({
      unit: fc.constantFrom('报', 'a', ' ', '  ', '\t', '\n', '\u3000', '\u00a0'),
    });
    fc.assert(
      fc.property(field, field, (title, author) => {
        const collapsed = (text: string) => text.replace(/\s+/gu, ' ').trim() || undefined;
        const citable = readCitable(meta({ title, authors: [author] }));
        expect(citable.title).toBe(collapsed(title));
        expect(citable.authors).toEqual(collapsed(author) === undefined ? [] : [collapsed(author)]);
      }),
      { numRuns: 1000 },
    );
  });
});
