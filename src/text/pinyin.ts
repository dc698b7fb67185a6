// Pinyin keys for words that are hard to type: `qijiang` → 綦江.
import { pinyin } from 'pinyin-pro';

const HAN_WORD = /^\p{Script=Han}{2,8}$/u;
const LATIN_KEY = /^[a-z]{2,40}$/;

/** The toneless pinyin of a Han word, syllables joined (`綦江` → `qijiang`), or null for other words. */
export function pinyinKey(word: string): string | null {
  if (!HAN_WORD.test(word)) return null;
  const syllables = pinyin(word, { toneType: 'none', type: 'array', v: true });
  const key = syllables.join('').toLowerCase();
  return LATIN_KEY.test(key) ? key : null;
}

/** Whether a (normalised) query term could be pinyin: plain Latin letters only. */
export function looksLikePinyin(term: string): boolean {
  return LATIN_KEY.test(term);
}

/** How many words one pinyin key may stand for in a query (the most frequent first). */
export const PINYIN_WORDS_PER_KEY = 8;

/**
 * Builds the map from pinyin key to corpus words, most frequent first, from words and the number of
 * paragraphs each occurs in.
 */
export function buildPinyinMap(wordFrequencies: Iterable<[string, number]>): Map<string, string[]> {
  const byKey = new Map<string, [string, number][]>();
  for (const [word, frequency] of wordFrequencies) {
    const key = pinyinKey(word);
    if (key === null) continue;
    let words = byKey.get(key);
    if (!words) byKey.set(key, (words = []));
    words.push([word, frequency]);
  }
  const map = new Map<string, string[]>();
  for (const [key, words] of byKey) {
    words.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    map.set(
      key,
      words.slice(0, PINYIN_WORDS_PER_KEY).map(([word]) => word),
    );
  }
  return map;
}
