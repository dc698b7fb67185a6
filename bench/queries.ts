// The fixed query set: seeded queries in nine classes, drawn from the real reports.
import { seededRandom } from '../src/random.ts';
import { normalizeForMatch } from '../src/text/normalize.ts';
import { pinyinKey } from '../src/text/pinyin.ts';
import { segment } from '../src/text/segment.ts';
import type { Report } from '../src/types.ts';

/** The kinds of query that are reported separately. */
export const QUERY_CLASSES = [
  'char',
  'word2',
  'rare',
  'cross',
  'and',
  'phrase',
  'filter',
  'pinyin',
  'none',
  'near',
] as const;

export type QueryClass = (typeof QUERY_CLASSES)[number];

/** What each class holds, for the tables. */
export const CLASS_LABELS: Record<QueryClass, string> = {
  char: 'single character',
  word2: 'common 2-character word',
  rare: 'rarer 3–4-character word or name',
  cross: 'substring across a word boundary',
  and: '2–3 terms (AND)',
  phrase: '"phrase" (4–8 characters)',
  filter: 'term + source:/from:/to:',
  pinyin: 'pinyin',
  none: 'no hits',
  near: 'headline with one character wrong (near misses)',
};

/** One benchmark query: its class and the text a user would type. */
export interface BenchQuery {
  cls: QueryClass;
  text: string;
}

const HAN = /^\p{Script=Han}+$/u;
const SEARCHABLE = /^[\p{L}\p{N}]+$/u;
const COMMON_WORDS = [
  '疫情',
  '防控',
  '武汉',
  '湖北',
  '发展',
  '经济',
  '中国',
  '国家',
  '工作',
  '建设',
  '医院',
  '人民',
];
const PINYIN_KEYS = [
  'wuhan',
  'hubei',
  'qijiang',
  'beijing',
  'yiqing',
  'fangkong',
  'shanghai',
  'xinwen',
];
const SAMPLE_PARAGRAPHS = 4000;

interface SampledParagraph {
  norm: string;
  words: string[];
}

/**
 * Builds `count` distinct queries, as evenly over the classes as the corpus allows, from a seeded
 * sample of the reports' paragraphs. The same reports and seed always give the same list.
 */
export function buildQuerySet(
  reports: readonly Report[],
  count: number,
  seed: number,
): BenchQuery[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));

  const texts = reports.flatMap((report) => report.paragraphs.map((p) => p.text));
  const seen = new Uint8Array(0x10000);
  for (const text of texts) {
    const norm = normalizeForMatch(text);
    for (let i = 0; i < norm.length; i++) seen[norm.charCodeAt(i)] = 1;
  }
  const sample: SampledParagraph[] = [];
  for (let i = 0; i < Math.min(SAMPLE_PARAGRAPHS, texts.length); i++) {
    const norm = normalizeForMatch(pick(texts));
    sample.push({ norm, words: segment(norm).filter((w) => SEARCHABLE.test(w)) });
  }
  const frequency = new Map<string, number>();
  for (const { words } of sample) {
    for (const word of new Set(words)) frequency.set(word, (frequency.get(word) ?? 0) + 1);
  }
  const byFrequency = [...frequency].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const common2 = [
    ...COMMON_WORDS.filter((w) => frequency.has(w)),
    ...byFrequency
      .filter(([w]) => w.length === 2 && HAN.test(w))
      .slice(0, 300)
      .map(([w]) => w),
  ];
  const rare = byFrequency
    .filter(([w, n]) => n <= 2 && w.length >= 3 && w.length <= 4 && HAN.test(w))
    .map(([w]) => w);
  const pinyinWords = byFrequency
    .filter(([w, n]) => n >= 2 && w.length <= 3 && HAN.test(w))
    .map(([w]) => w);
  const absent: string[] = [];
  for (let u = 0x4e00; u <= 0x9fa5; u++) if (!seen[u]) absent.push(String.fromCharCode(u));
  const sources = [
    ...new Set(
      reports
        .map((r) => normalizeForMatch(r.source ?? '').match(/^[\p{L}\p{N}]{2,6}/u)?.[0])
        .filter((s): s is string => !!s),
    ),
  ];
  const headlines = reports
    .map((r) => r.title ?? '')
    .filter((title) => [...title].filter((ch) => HAN.test(ch)).length >= 8);
  const commonPhrasePinyin = PINYIN_KEYS.filter((key) =>
    pinyinWords.some((w) => pinyinKey(w) === key),
  );

  const generators: Record<QueryClass, () => string | null> = {
    near: () => {
      // A headline as a journalist misremembers it: one of its Han characters another.
      if (headlines.length === 0) return null;
      const chars = [...pick(headlines)];
      const places = chars.flatMap((ch, i) => (HAN.test(ch) ? [i] : []));
      const at = pick(places);
      const { norm } = pick(sample);
      const other = norm[Math.floor(random() * norm.length)];
      if (other === undefined || !HAN.test(other) || other === chars[at]) return null;
      chars[at] = other;
      return chars.join('');
    },
    char: () => {
      const { norm } = pick(sample);
      const ch = norm[Math.floor(random() * norm.length)];
      return ch !== undefined && HAN.test(ch) ? ch : null;
    },
    word2: () => pick(common2),
    rare: () => (rare.length > 0 ? pick(rare) : null),
    cross: () => {
      const { words } = pick(sample);
      const i = Math.floor(random() * (words.length - 1));
      const left = words[i];
      const right = words[i + 1];
      if (!left || !right || left.length < 2 || !HAN.test(left) || !HAN.test(right)) return null;
      // Part of the left word (never all of it) joined to the start of the right one.
      return (
        left.slice(-between(1, left.length - 1)) +
        right.slice(0, between(1, Math.min(2, right.length)))
      );
    },
    and: () => {
      const words = [...new Set(pick(sample).words.filter((w) => w.length >= 2 && HAN.test(w)))];
      const n = between(2, 3);
      if (words.length < n) return null;
      const chosen = new Set<string>();
      while (chosen.size < n) chosen.add(pick(words));
      return [...chosen].join(' ');
    },
    phrase: () => {
      const { norm } = pick(sample);
      const length = between(4, 8);
      const start = Math.floor(random() * Math.max(1, norm.length - length));
      const text = norm.slice(start, start + length);
      return text.length === length && SEARCHABLE.test(text) ? `"${text}"` : null;
    },
    filter: () => {
      const term = random() < 0.7 ? pick(common2) : rare.length > 0 ? pick(rare) : pick(common2);
      const year = between(2004, 2024);
      const roll = random();
      if (roll < 0.35 && sources.length > 0) return `${term} source:${pick(sources)}`;
      if (roll < 0.55) return `${term} from:${year}`;
      if (roll < 0.75) return `${term} to:${year}-${String(between(1, 12)).padStart(2, '0')}`;
      return `${term} from:${Math.min(year, 2022)} to:${Math.min(year, 2022) + between(0, 2)}`;
    },
    pinyin: () => {
      if (random() < 0.1 && commonPhrasePinyin.length > 0) return pick(commonPhrasePinyin);
      return pinyinWords.length > 0 ? pinyinKey(pick(pinyinWords)) : null;
    },
    none: () => {
      // Characters that occur nowhere in the real text, so no recombined paragraph holds them either.
      if (absent.length === 0) return null;
      const roll = random();
      if (roll < 0.4) return pick(absent) + pick(absent);
      if (roll < 0.7) return pick(common2) + pick(absent);
      return pick(absent) + pick(common2) + pick(absent);
    },
  };

  const perClass = Math.ceil(count / QUERY_CLASSES.length);
  const chosen = new Set<string>();
  const byClass = QUERY_CLASSES.map((cls) => {
    const queries: BenchQuery[] = [];
    for (let attempt = 0; queries.length < perClass && attempt < perClass * 200; attempt++) {
      const text = generators[cls]();
      if (text === null || text.length === 0 || chosen.has(text)) continue;
      chosen.add(text);
      queries.push({ cls, text });
    }
    return queries;
  });
  // Interleave the classes, so that no class runs alone while caches are cold or warm.
  const all: BenchQuery[] = [];
  for (let i = 0; all.length < count && i < perClass; i++) {
    for (const queries of byClass) {
      const query = queries[i];
      if (query && all.length < count) all.push(query);
    }
  }
  return all;
}
