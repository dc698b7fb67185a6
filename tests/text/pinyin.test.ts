// Pinyin keys: toneless syllables of Han words, and the key → corpus words map.
import { describe, expect, it } from 'vitest';
import {
  buildPinyinMap,
  looksLikePinyin,
  pinyinKey,
  PINYIN_WORDS_PER_KEY,
} from '../../src/text/pinyin.ts';

describe('pinyinKey', () => {
  it.each([
    ['綦江', 'qijiang'],
    ['湖北', 'hubei'],
    ['重庆', 'chongqing'],
    ['女儿', 'nver'],
    ['江', null],
    ['一二三四五六七八九', null],
    ['綦江2', null],
    ['covid', null],
  ])('gives %j the key %j', (word, key) => {
    expect(pinyinKey(word)).toBe(key);
  });
});

describe('looksLikePinyin', () => {
  it.each([
    ['qijiang', true],
    ['ji', true],
    ['q', false],
    ['qi jiang', false],
    ['qijiang2', false],
    ['綦江', false],
  ])('says %j could be pinyin: %s', (term, expected) => {
    expect(looksLikePinyin(term)).toBe(expected);
  });
});

describe('buildPinyinMap', () => {
  it('lists the words of a key most frequent first, ties in code-unit order', () => {
    const map = buildPinyinMap([
      ['綦江', 1],
      ['旗江', 5],
      ['齐江', 1],
      ['湖北', 2],
      ['江', 9],
    ]);
    expect([...map]).toEqual([
      ['qijiang', ['旗江', '綦江', '齐江']],
      ['hubei', ['湖北']],
    ]);
  });

  it(`keeps at most ${PINYIN_WORDS_PER_KEY} words per key`, () => {
    const words: [string, number][] = [
      '其江',
      '奇江',
      '齐江',
      '旗江',
      '棋江',
      '骑江',
      '歧江',
      '祁江',
      '綦江',
      '琪江',
    ].map((word, i) => [word, 100 - i]);
    const map = buildPinyinMap(words);
    expect(map.get('qijiang')).toEqual(words.slice(0, PINYIN_WORDS_PER_KEY).map(([word]) => word));
  });
});
