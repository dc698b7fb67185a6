// Snippets: hit ranges in the original text, spans, and excerpts cut around the hits.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSnippet, findHitRanges, spansOf, type HitRange } from '../../src/search/snippet.ts';
import { normalizeForMatch } from '../../src/text/normalize.ts';
import type { Snippet } from '../../src/types.ts';

describe('findHitRanges', () => {
  it.each([
    ['one literal', '支援湖北医疗队', ['湖北'], [{ start: 2, end: 4 }]],
    [
      'every occurrence',
      '湖北,湖北',
      ['湖北'],
      [
        { start: 0, end: 2 },
        { start: 3, end: 5 },
      ],
    ],
    ['overlapping literals merged', '支援湖北医疗队', ['湖北医', '医疗队'], [{ start: 2, end: 7 }]],
    ['touching literals merged', '支援湖北医疗队', ['湖北', '医疗队'], [{ start: 2, end: 7 }]],
    ['overlapping occurrences of one literal', '哈哈哈', ['哈哈'], [{ start: 0, end: 3 }]],
    ['a simplified literal in traditional text', '臺灣醫療隊', ['台湾'], [{ start: 0, end: 2 }]],
    ['a literal in full-width text', '５月２８日', ['28'], [{ start: 2, end: 4 }]],
    [
      'a lower-case literal in upper-case text',
      'COVID-19疫情',
      ['covid-19'],
      [{ start: 0, end: 8 }],
    ],
    [
      'a composed literal over a base and its mark',
      'cafe\u0301 ok',
      ['café'],
      [{ start: 0, end: 5 }],
    ],
    ['a literal after an astral character', '😷口罩', ['口罩'], [{ start: 2, end: 4 }]],
    ['part of an expansion, as the whole character', '㈠项', ['一'], [{ start: 0, end: 1 }]],
    [
      'a literal after an expansion, in text that folds to the same length',
      '㈠湖北e\u0301e\u0301',
      ['湖北'],
      [{ start: 1, end: 3 }],
    ],
    ['no literal found', '支援湖北', ['武汉'], []],
    ['the empty literal ignored', '支援湖北', [''], []],
  ])('finds %s', (_name, text, literals, expected) => {
    const where = (ranges: HitRange[]) => ranges.map(({ start, end }) => ({ start, end }));
    expect(where(findHitRanges(text, literals))).toEqual(expected);
    // The same with the normalised text the index keeps, which spares the offset map where it can.
    expect(where(findHitRanges(text, literals, normalizeForMatch(text)))).toEqual(expected);
  });

  it('says which literals each range holds, merged ranges all of theirs', () => {
    expect(findHitRanges('綦江防控，防控綦江区', ['防控', '綦江', '武汉'])).toEqual([
      { start: 0, end: 4, literals: 0b11 },
      { start: 5, end: 9, literals: 0b11 },
    ]);
    expect(findHitRanges('湖北，武汉，湖北', ['武汉', '湖北'])).toEqual([
      { start: 0, end: 2, literals: 0b10 },
      { start: 3, end: 5, literals: 0b01 },
      { start: 6, end: 8, literals: 0b10 },
    ]);
  });
});

describe('spansOf', () => {
  it('splits the text into plain and hit spans that join back to it', () => {
    expect(spansOf('支援湖北医疗队', [{ start: 2, end: 4 }])).toEqual([
      { text: '支援', hit: false },
      { text: '湖北', hit: true },
      { text: '医疗队', hit: false },
    ]);
  });

  it('clips hits to the part asked for', () => {
    expect(spansOf('支援湖北医疗队', [{ start: 1, end: 3 }], 2, 5)).toEqual([
      { text: '湖', hit: true },
      { text: '北医', hit: false },
    ]);
  });

  it('gives one plain span when nothing is hit', () => {
    expect(spansOf('支援湖北', [])).toEqual([{ text: '支援湖北', hit: false }]);
  });
});

const joinSpans = (snippet: Snippet) => snippet.spans.map((span) => span.text).join('');

/** Where in `text` the excerpt may start: it is found there, and the cut flags agree. */
function excerptPositions(text: string, snippet: Snippet): number[] {
  const joined = joinSpans(snippet);
  const positions: number[] = [];
  for (let i = 0; i + joined.length <= text.length; i++) {
    const fits = text.startsWith(joined, i) && i > 0 === snippet.cutStart;
    if (fits && i + joined.length < text.length === snippet.cutEnd) positions.push(i);
  }
  return positions;
}

describe('buildSnippet', () => {
  it('shows the most different literals before the most hits of one', () => {
    // 綦江 and one 防控 fit in a window; 防控 three times fits in another, later one.
    const text = `綦江${'甲'.repeat(10)}防控${'乙'.repeat(30)}防控丙防控丁防控${'戊'.repeat(20)}`;
    const snippet = buildSnippet(text, findHitRanges(text, ['防控', '綦江']), 20);
    const hits = snippet.spans.filter((span) => span.hit).map((span) => span.text);
    expect(hits).toEqual(['綦江', '防控']);
    expect(snippet.cutStart).toBe(false);
    // Without the second literal the densest window wins, as before.
    const dense = buildSnippet(text, findHitRanges(text, ['防控']), 20);
    expect(dense.spans.filter((span) => span.hit).map((span) => span.text)).toEqual([
      '防控',
      '防控',
      '防控',
    ]);
  });

  it('stretches the excerpt, by half at most, when only that shows every different word', () => {
    // 綦江 and 防控 are 23 units apart: a 20-unit window shows one of them, a 30-unit one both.
    const text = `綦江${'甲'.repeat(21)}防控${'乙'.repeat(40)}`;
    const hitsOf = (snippet: Snippet) =>
      snippet.spans.filter((span) => span.hit).map((span) => span.text);
    const both = buildSnippet(text, findHitRanges(text, ['防控', '綦江']), 20);
    expect(hitsOf(both)).toEqual(['綦江', '防控']);
    expect(joinSpans(both).length).toBeLessThanOrEqual(30);
    // Further apart than half as much again, the words do not stretch it.
    const far = `綦江${'甲'.repeat(40)}防控${'乙'.repeat(40)}`;
    const one = buildSnippet(far, findHitRanges(far, ['防控', '綦江']), 20);
    expect(hitsOf(one)).toHaveLength(1);
    expect(joinSpans(one).length).toBeLessThanOrEqual(21);
    // One word alone never stretches it.
    const alone = buildSnippet(text, findHitRanges(text, ['防控']), 20);
    expect(joinSpans(alone).length).toBeLessThanOrEqual(21);
  });

  it.each([
    [
      'keeps a short paragraph whole',
      '支援湖北医疗队',
      ['湖北'],
      120,
      {
        spans: [
          { text: '支援', hit: false },
          { text: '湖北', hit: true },
          { text: '医疗队', hit: false },
        ],
        cutStart: false,
        cutEnd: false,
      },
    ],
    [
      'cuts a long paragraph to the sentence around the hit',
      '第一句话很长很长。第二句提到湖北医疗队的事。第三句又很长很长很长。',
      ['湖北'],
      16,
      {
        spans: [
          { text: '第二句提到', hit: false },
          { text: '湖北', hit: true },
          { text: '医疗队的事。', hit: false },
        ],
        cutStart: true,
        cutEnd: true,
      },
    ],
    [
      'starts at the paragraph start when the hit is there',
      '湖北一二三四五六七八九十',
      ['湖北'],
      8,
      {
        spans: [
          { text: '湖北', hit: true },
          { text: '一二三四五六', hit: false },
        ],
        cutStart: false,
        cutEnd: true,
      },
    ],
    [
      'ends at the paragraph end when the hit is there',
      '一二三四五六七八九十。湖北',
      ['湖北'],
      8,
      {
        spans: [
          { text: '六七八九十。', hit: false },
          { text: '湖北', hit: true },
        ],
        cutStart: true,
        cutEnd: false,
      },
    ],
    [
      'shows the start of a paragraph without hits',
      '一二三四五六七八九十',
      [],
      4,
      { spans: [{ text: '一二三四', hit: false }], cutStart: false, cutEnd: true },
    ],
    [
      'never ends inside a surrogate pair, even without hits',
      '一二三😷五六',
      [],
      4,
      { spans: [{ text: '一二三😷', hit: false }], cutStart: false, cutEnd: true },
    ],
    [
      'never starts inside a surrogate pair',
      '一二三😷五六',
      ['五'],
      3,
      {
        spans: [
          { text: '😷', hit: false },
          { text: '五', hit: true },
          { text: '六', hit: false },
        ],
        cutStart: true,
        cutEnd: false,
      },
    ],
    [
      'counts touching occurrences as one hit when choosing the window',
      '湖北一二三四五六七八九十武汉武汉武汉十一十二',
      ['湖北', '武汉'],
      8,
      {
        spans: [
          { text: '湖北', hit: true },
          { text: '一二三四五六', hit: false },
        ],
        cutStart: false,
        cutEnd: true,
      },
    ],
    [
      'chooses the window with the most hits',
      '湖北一二三四五六七八九十武汉，武汉，武汉十一十二',
      ['湖北', '武汉'],
      8,
      {
        spans: [
          { text: '武汉', hit: true },
          { text: '，', hit: false },
          { text: '武汉', hit: true },
          { text: '，', hit: false },
          { text: '武汉', hit: true },
        ],
        cutStart: true,
        cutEnd: true,
      },
    ],
  ])('%s', (_name, text, literals, length, expected) => {
    expect(buildSnippet(text, findHitRanges(text, literals), length)).toEqual(expected);
  });

  /** Paragraph text from pieces with sentence marks, astral characters and traditional forms. */
  const paragraph = fc
    .array(
      fc.oneof(
        fc.constantFrom(
          '湖北',
          '医疗队',
          '臺灣',
          '台湾',
          '。',
          '，',
          '！',
          '😷',
          '𠀀',
          'COVID',
          ' ',
          '\n',
          'e\u0301',
          '㈠',
        ),
        fc.string({
          unit: fc.constantFrom('一', '二', '三', 'a', 'b'),
          minLength: 1,
          maxLength: 12,
        }),
      ),
      { maxLength: 40 },
    )
    .map((pieces) => pieces.join(''));
  const literal = fc.constantFrom(
    '湖北',
    '台湾',
    '医疗队',
    '😷',
    'covid',
    '一二',
    'a',
    '。',
    'é',
    '湖北医疗队',
  );
  const snippetCase = fc.record({
    text: paragraph,
    literals: fc.array(literal, { maxLength: 3 }),
    length: fc.integer({ min: 1, max: 60 }),
  });

  it('finds the same ranges with the kept normalised text as with the offset map', () => {
    fc.assert(
      fc.property(snippetCase, ({ text, literals }) => {
        const norms = literals.map(normalizeForMatch);
        expect(findHitRanges(text, norms, normalizeForMatch(text))).toEqual(
          findHitRanges(text, norms),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('gives spans that join to a substring of the paragraph, cut flags telling where', () => {
    fc.assert(
      fc.property(snippetCase, ({ text, literals, length }) => {
        const snippet = buildSnippet(
          text,
          findHitRanges(text, literals.map(normalizeForMatch)),
          length,
        );
        expect(excerptPositions(text, snippet).length).toBeGreaterThan(0);
        if (!snippet.cutStart && !snippet.cutEnd) expect(joinSpans(snippet)).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps hits inside the text, never empty, never adjacent to another hit, and never cuts a character', () => {
    fc.assert(
      fc.property(snippetCase, ({ text, literals, length }) => {
        const ranges = findHitRanges(text, literals.map(normalizeForMatch));
        for (const [i, range] of ranges.entries()) {
          expect(range.start).toBeGreaterThanOrEqual(0);
          expect(range.end).toBeGreaterThan(range.start);
          expect(range.end).toBeLessThanOrEqual(text.length);
          if (i > 0) expect(range.start).toBeGreaterThan(ranges[i - 1]!.end);
        }
        const { spans } = buildSnippet(text, ranges, length);
        for (const [i, span] of spans.entries()) {
          expect(span.text.length).toBeGreaterThan(0);
          expect(span.text.isWellFormed()).toBe(true);
          if (i > 0) expect(span.hit && spans[i - 1]!.hit).toBe(false);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('marks as hit exactly the characters that the hit ranges cover', () => {
    fc.assert(
      fc.property(snippetCase, ({ text, literals, length }) => {
        const ranges: HitRange[] = findHitRanges(text, literals.map(normalizeForMatch));
        const snippet = buildSnippet(text, ranges, length);
        const marksMatch = (offset: number) => {
          let at = offset;
          for (const span of snippet.spans) {
            for (let i = at; i < at + span.text.length; i++) {
              if (ranges.some((range) => range.start <= i && i < range.end) !== span.hit)
                return false;
            }
            at += span.text.length;
          }
          return true;
        };
        expect(excerptPositions(text, snippet).some(marksMatch)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('highlights every hit in a normalised match: a hit span folds to text holding a literal', () => {
    fc.assert(
      fc.property(snippetCase, ({ text, literals, length }) => {
        const norms = literals.map(normalizeForMatch);
        const { spans, cutStart, cutEnd } = buildSnippet(text, findHitRanges(text, norms), length);
        for (const [i, span] of spans.entries()) {
          if (!span.hit) continue;
          // A hit clipped by the window's edge may hold only part of a literal.
          const clipped = (i === 0 && cutStart) || (i === spans.length - 1 && cutEnd);
          if (clipped) continue;
          expect(
            norms.some(
              (literal) => literal.length > 0 && normalizeForMatch(span.text).includes(literal),
            ),
          ).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
