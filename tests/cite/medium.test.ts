// Tests for inferMedium: the front matter's word wins, else the source name and the URL decide.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inferMedium } from '../../src/cite/index.ts';
import { endsSentence, withFullStop } from '../../src/cite/medium.ts';
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
