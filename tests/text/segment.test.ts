// The segmenter: jieba words with HMM, tokens that join back to the input, and dictionary loading.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.ts';
import { normalizeForMatch } from '../../src/text/normalize.ts';
import {
  distinctWords,
  initSegmenter,
  isWordToken,
  segment,
  segmenterInfo,
} from '../../src/text/segment.ts';
import { useTempDirs, writeFiles } from '../helpers/tmp.ts';

const makeTempDir = useTempDirs('baoku-segment-');

const SENTENCES = [
  '翁中会说2020年要支援湖北医疗队。',
  '渝黔高速安稳路口检查点,工作人员正在为过往人员测体温。',
  '1月23日,全市新冠肺炎疫情防控工作电视电话会议召开;',
  'COVID-19 疫情 covid19 5月28日',
  '中华为国争光,华为捐款。',
];

describe('segment', () => {
  it('keeps the name 翁中会 and the number 2020 whole (HMM finds words not in the dictionary)', () => {
    initSegmenter(null);
    expect(segment('翁中会说2020年')).toEqual(['翁中会', '说', '2020', '年']);
  });

  it('cuts a phrase into dictionary words', () => {
    initSegmenter(null);
    expect(segment('支援湖北医疗队')).toEqual(['支援', '湖北', '医疗队']);
  });

  it('returns no tokens for the empty string', () => {
    initSegmenter(null);
    expect(segment('')).toEqual([]);
  });

  it('keeps punctuation and spaces as tokens, so tokens join back to the input', () => {
    initSegmenter(null);
    expect(segment('武汉, 加油!')).toEqual(['武汉', ',', ' ', '加油', '!']);
  });

  it('gives tokens that join back to the input for sentences and their pieces', () => {
    initSegmenter(null);
    const pieces = fc
      .array(fc.constantFrom(...SENTENCES), { minLength: 1, maxLength: 4 })
      .chain((parts) => {
        const text = normalizeForMatch(parts.join(''));
        return fc.tuple(fc.constant(text), fc.nat(text.length), fc.nat(text.length));
      });
    fc.assert(
      fc.property(pieces, ([text, a, b]) => {
        const piece = text.slice(Math.min(a, b), Math.max(a, b));
        expect(segment(piece).join('')).toBe(piece);
      }),
      { numRuns: 300 },
    );
  });

  it('gives tokens that join back to any normalised text', () => {
    initSegmenter(null);
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (raw) => {
        const text = normalizeForMatch(raw);
        expect(segment(text).join('')).toBe(text);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('isWordToken', () => {
  it.each([
    ['湖北', true],
    ['2020', true],
    ['covid', true],
    ['😷', false],
    [',', false],
    ['。', false],
    [' ', false],
    ['-', false],
  ])('says %j is a word: %s', (token, expected) => {
    expect(isWordToken(token)).toBe(expected);
  });
});

describe('distinctWords', () => {
  it('lists each word token once, in first-seen order, without punctuation', () => {
    initSegmenter(null);
    expect(distinctWords('湖北,武汉。湖北')).toEqual(['湖北', '武汉']);
  });
});

describe('initSegmenter', () => {
  it('refuses a missing user dictionary with a UsageError naming the file, and keeps working', async () => {
    initSegmenter(null);
    const missing = `${await makeTempDir()}/no-such-userdict.utf8`;
    let thrown: unknown;
    try {
      initSegmenter(missing);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UsageError);
    expect((thrown as Error).message).toBe(`baoku: user dictionary not found: ${missing}`);
    expect(segment('湖北医疗队')).toEqual(['湖北', '医疗队']);
  });

  it('loads a user dictionary, records it, and goes back to the defaults when asked', async () => {
    const dir = await makeTempDir();
    await writeFiles(dir, { 'userdict.utf8': '湖北医疗队 100000 n\n' });
    const defaults = initSegmenter(null);
    const withDict = initSegmenter(`${dir}/userdict.utf8`);
    expect(segment('支援湖北医疗队')).toEqual(['支援', '湖北医疗队']);
    expect(withDict.userDict).toBe(`${dir}/userdict.utf8`);
    expect(withDict.dictionarySha256).not.toBe(defaults.dictionarySha256);
    expect(segmenterInfo()).toBe(withDict);

    const back = initSegmenter(null);
    expect(segment('支援湖北医疗队')).toEqual(['支援', '湖北', '医疗队']);
    expect(back.dictionarySha256).toBe(defaults.dictionarySha256);
    expect(back.userDict).toBeNull();
  });

  it('describes the segmenter by name, version and a SHA-256 of its dictionaries', () => {
    const info = initSegmenter(null);
    expect(info.name).toBe('nodejieba');
    expect(info.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(info.dictionarySha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
