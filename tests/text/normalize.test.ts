// Normalisation for matching: the folding table, the offset map back to the original, and the
// properties the recall guarantee rests on.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  foldsUnitByUnit,
  normalizeForMatch,
  normalizeWithOffsets,
} from '../../src/text/normalize.ts';

/** Code units that exercise every branch of the folding: marks, expansions, surrogates, scripts. */
const INTERESTING = [
  'a',
  'Z',
  ' ',
  '\u3000',
  '５',
  'ｈ',
  'Ｈ',
  '臺',
  '灣',
  '醫',
  '乾',
  '薴',
  '㈠',
  'Ⅻ',
  'ﬁ',
  'İ',
  'Σ',
  'ｶ',
  'ﾞ',
  '\u0301',
  '\u0308',
  '\u20dd',
  '\ufdfa',
  '\ud800',
  '\udc00',
  '\ud83d',
  '\ude37',
  '😷',
  '𠀀',
  '\u{1d165}',
  '\u0000',
  '疫',
  '。',
];

/** Strings of whole code points across all of Unicode (no lone surrogates). */
const fullUnicodeText = fc.string({ unit: 'binary', maxLength: 40 });
/** Arbitrary UTF-16: any code unit, so lone and reversed surrogates occur. */
const utf16Text = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)),
  maxLength: 40,
});
/** Mostly the interesting units above, so that marks and surrogates meet their neighbours. */
const trickyText = fc.string({
  unit: fc.oneof(
    fc.constantFrom(...INTERESTING),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 30,
});

/** The normaliser's cluster boundaries in `original`: where each folded piece starts, and the end. */
function clusterBoundaries(original: string): number[] {
  const { start } = normalizeWithOffsets(original);
  return [...new Set([...start, original.length])].sort((a, b) => a - b);
}

describe('normalizeForMatch', () => {
  it.each([
    ['full-width digits', '５月２８日', '5月28日'],
    ['full-width letters', 'ｈｔｔｐ', 'http'],
    ['full-width capitals', 'ＣＯＶＩＤ－１９', 'covid-19'],
    ['upper case', 'Wuhan COVID-19', 'wuhan covid-19'],
    ['traditional characters', '臺灣醫療隊', '台湾医疗队'],
    ['simplified text unchanged', '支援湖北医疗队', '支援湖北医疗队'],
    ['a combining acute composed', 'cafe\u0301', 'café'],
    ['a combining ring composed and lowered', 'A\u030a', 'å'],
    ['parenthesised ideograph expanded', '㈠', '(一)'],
    ['roman numeral expanded', 'Ⅻ', 'xii'],
    ['ideographic space', '武汉\u3000加油', '武汉 加油'],
    ['a lone high surrogate', 'a\ud800b', 'a\ufffdb'],
    ['a lone low surrogate', '\udc00', '\ufffd'],
    ['an emoji kept', '😷口罩', '😷口罩'],
    ['an astral ideograph kept', '𠀀年', '𠀀年'],
    ['folding per character, never by phrase', '乾隆', '干隆'],
    ['the empty string', '', ''],
    ['a leading U+FEFF kept when the rest folds', '\ufeffＡ', '\ufeffa'],
  ])('folds %s: %j → %j', (_name, input, expected) => {
    expect(normalizeForMatch(input)).toBe(expected);
  });

  it('returns the very same string when nothing folds', () => {
    const text = '武汉疫情防控工作。';
    expect(normalizeForMatch(text)).toBe(text);
  });

  it('keeps every unit of a text that expands beyond four times its length', () => {
    // U+FDFA folds to 18 code units; a long run of it must not be cut at a scratch buffer's size.
    const text = '\ufdfa'.repeat(300);
    const folded = normalizeForMatch(text);
    expect(folded.length).toBe(300 * 18);
    expect(folded).toBe(normalizeWithOffsets(text).text);
  });

  it('agrees with normalizeWithOffsets on whole-code-point strings', () => {
    fc.assert(
      fc.property(fullUnicodeText, (text) => {
        expect(normalizeForMatch(text)).toBe(normalizeWithOffsets(text).text);
      }),
      { numRuns: 2000 },
    );
  });

  it('folds 薴 all the way to 苎, so that normalised text normalises to itself', () => {
    expect(normalizeForMatch('薴')).toBe('苎');
  });

  it('is idempotent: normalising normalised text changes nothing', () => {
    fc.assert(
      fc.property(fullUnicodeText, (text) => {
        const once = normalizeForMatch(text);
        expect(normalizeForMatch(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with normalizeWithOffsets on arbitrary UTF-16 with lone surrogates', () => {
    fc.assert(
      fc.property(utf16Text, (text) => {
        expect(normalizeForMatch(text)).toBe(normalizeWithOffsets(text).text);
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with normalizeWithOffsets on marks, expansions and surrogates in any order', () => {
    fc.assert(
      fc.property(trickyText, (text) => {
        expect(normalizeForMatch(text)).toBe(normalizeWithOffsets(text).text);
      }),
      { numRuns: 2000 },
    );
  });

  it('never yields a lone surrogate', () => {
    fc.assert(
      fc.property(fc.oneof(utf16Text, trickyText), (text) => {
        expect(normalizeForMatch(text).isWellFormed()).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('folds a substring cut on cluster boundaries to the matching part of the folded whole', () => {
    // The basis of the recall guarantee: a query copied from a paragraph folds to a substring of
    // the paragraph's folded text, so the index (built on folded text) finds the paragraph.
    const withCut = fc.oneof(fullUnicodeText, utf16Text, trickyText).chain((text) => {
      const boundaries = clusterBoundaries(text);
      return fc.tuple(
        fc.constant(text),
        fc.constantFrom(...boundaries),
        fc.constantFrom(...boundaries),
      );
    });
    fc.assert(
      fc.property(withCut, ([text, a, b]) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const whole = normalizeWithOffsets(text);
        const firstUnitAt = (offset: number) => {
          const i = whole.start.findIndex((s) => s >= offset);
          return i === -1 ? whole.text.length : i;
        };
        const part = normalizeForMatch(text.slice(from, to));
        expect(part).toBe(whole.text.slice(firstUnitAt(from), firstUnitAt(to)));
        expect(whole.text.includes(part)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('normalizeWithOffsets', () => {
  it.each([
    ['one unit each', 'ＡＢ', 'ab', [0, 1], [1, 2]],
    ['traditional characters', '臺灣', '台湾', [0, 1], [1, 2]],
    ['a base and its mark', 'e\u0301x', 'éx', [0, 2], [2, 3]],
    ['an expansion', '㈠x', '(一)x', [0, 0, 0, 1], [1, 1, 1, 2]],
    ['a surrogate pair', '😷a', '😷a', [0, 0, 2], [2, 2, 3]],
    ['a lone surrogate', 'x\ud800', 'x\ufffd', [0, 1], [1, 2]],
    ['a leading U+FEFF, kept', '\ufeffＡ', '\ufeffa', [0, 1], [1, 2]],
    ['U+FEFF alone', '\ufeff', '\ufeff', [0], [1]],
    ['nothing', '', '', [], []],
  ])('maps %s back to the original: %j', (_name, input, text, start, end) => {
    const result = normalizeWithOffsets(input);
    expect(result.text).toBe(text);
    expect([...result.start]).toEqual(start);
    expect([...result.end]).toEqual(end);
  });

  it('maps every folded unit to a cluster of the original, the clusters tiling it in order', () => {
    fc.assert(
      fc.property(fc.oneof(fullUnicodeText, utf16Text, trickyText), (original) => {
        const { text, start, end } = normalizeWithOffsets(original);
        expect(start.length).toBe(text.length);
        expect(end.length).toBe(text.length);
        let covered = 0;
        let i = 0;
        while (i < text.length) {
          const from = start[i]!;
          const to = end[i]!;
          // The next cluster begins where the previous one ended: nothing skipped, nothing twice.
          expect(from).toBe(covered);
          expect(to).toBeGreaterThan(from);
          let j = i;
          while (j < text.length && start[j] === from) {
            expect(end[j]).toBe(to);
            j++;
          }
          // The units of one cluster are exactly what that piece of the original folds to.
          expect(text.slice(i, j)).toBe(normalizeForMatch(original.slice(from, to)));
          covered = to;
          i = j;
        }
        expect(covered).toBe(original.length);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('foldsUnitByUnit', () => {
  it.each([
    ['CJK text with full-width marks', '綦江区，复工复产。', true],
    ['full-width letters and traditional characters', 'ＣＯＶＩＤ臺灣', true],
    ['nothing', '', true],
    ['a base and its mark', 'cafe\u0301', false],
    ['an expansion', '㈠项', false],
    ['a surrogate pair', '😷口罩', false],
  ])('says %s folds unit by unit: %s', (_name, text, expected) => {
    expect(foldsUnitByUnit(text)).toBe(expected);
  });

  it('is true only where the offset map is the identity', () => {
    fc.assert(
      fc.property(fc.oneof(fullUnicodeText, utf16Text, trickyText), (original) => {
        if (!foldsUnitByUnit(original)) return;
        const { text, start, end } = normalizeWithOffsets(original);
        expect(text.length).toBe(original.length);
        expect([...start]).toEqual(Array.from({ length: original.length }, (_, i) => i));
        expect([...end]).toEqual(Array.from({ length: original.length }, (_, i) => i + 1));
      }),
      { numRuns: 2000 },
    );
  });
});
