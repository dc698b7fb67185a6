// Hostile input for the property tests: query text, numbers, dates and URL encodings.
import fc from 'fast-check';

/** Words the test archive contains, so that generated queries also find things. */
export const ARCHIVE_WORDS = ['疫情', '防控', '疫情防控', '口罩', '武汉', '湖北', '医疗队', '孝感'];

const OPERATORS = [
  '-',
  '－',
  'OR',
  'or',
  '"',
  '“',
  '”',
  '「',
  '」',
  '『',
  '』',
  'source:',
  'from:',
  'to:',
  'SOURCE:新华社',
  'from:2020',
  'to:2020-03',
  ':',
  '--',
];
/** Controls, zero-width characters, bidi marks and unusual spaces. */
const INVISIBLE = [
  '\u0000',
  '\u0007',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u00ad',
  '\u200b',
  '\u200c',
  '\u200d',
  '\u200e',
  '\u200f',
  '\u202a',
  '\u202b',
  '\u202e',
  '\u2066',
  '\u2069',
  '\u061c',
  '\u2060',
  '\ufeff',
  '\t',
  '\n',
  '\r',
  '\u3000',
  '\u00a0',
];
const ASTRAL = ['𠀀', '𪚥', '😀', '👩‍👩‍👧', '𝔘', '\u{10ffff}', '🇨🇳', '𠮷野家'];
const LONE_SURROGATES = ['\ud800', '\udbff', '\udc00', '\udfff', '好\ud83d'];
const MARKUP = ['<script>', '&amp;', "'", '`', '\\', '%', '%25', '+', '&', '=', '#', '?', '/'];

/** One piece of query text: a word, an operator, an invisible or odd character, or noise. */
export const queryPiece: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...ARCHIVE_WORDS) },
  { weight: 2, arbitrary: fc.constantFrom(...OPERATORS) },
  { weight: 2, arbitrary: fc.constantFrom(' ', '  ', '\u3000') },
  fc.constantFrom(...INVISIBLE),
  fc.constantFrom(...ASTRAL),
  fc.constantFrom(...LONE_SURROGATES),
  fc.constantFrom(...MARKUP),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
);

/** Query text: mostly short mixtures, sometimes huge (up to 10,000 characters) or operators only. */
export const queryText: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.array(queryPiece, { maxLength: 20 }).map((parts) => parts.join('')) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(queryPiece, fc.integer({ min: 900, max: 10_000 }))
      .map(([piece, length]) =>
        (piece || '疫').repeat(Math.ceil(length / Math.max(1, piece.length))).slice(0, length),
      ),
  },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.constantFrom('-', 'OR', '"', '“', '」', 'source:', 'from:', 'to:', ' '), {
        maxLength: 40,
      })
      .map((parts) => parts.join('')),
  },
);

/** Values for whole-number parameters: in range, negative, huge, decimal, non-numeric. */
export const numberish: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: -5, max: 120 }).map(String),
  fc.integer({ min: -2_000_000, max: 2_000_000 }).map(String),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.double().map(String),
  fc.constantFrom(
    '',
    ' ',
    ' 5 ',
    '1.5',
    '1e3',
    '0x10',
    '+1',
    '-0',
    '00001',
    'NaN',
    'Infinity',
    '１',
    '٣',
    '5abc',
    '9'.repeat(400),
  ),
);

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Date bounds: real ones and impossible ones (month 13, 30 February, day 0), in every form. */
export const dateish: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 0, max: 13 }))
    .map(([y, m]) => `${y}-${pad(m, 2)}`),
  fc
    .tuple(
      fc.integer({ min: 1000, max: 9999 }),
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 0, max: 32 }),
    )
    .map(([y, m, d]) => `${y}-${pad(m, 2)}-${pad(d, 2)}`),
  fc
    .tuple(fc.constantFrom(1900, 2000, 2020, 2021, 2100), fc.integer({ min: 27, max: 31 }))
    .map(([y, d]) => `${y}-02-${d}`),
  fc.integer({ min: 1000, max: 9999 }).map(String),
  fc.constantFrom('2020-1-5', '20200105', '2020/01/05', '2020-', '-2020', 'yesterday', '２０２０'),
);

/** Whether a date bound is one the archive accepts (an independent oracle). */
export function isValidDate(value: string): boolean {
  const match = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  if (match[2] === undefined) return true;
  const month = Number(match[2]);
  if (month < 1 || month > 12) return false;
  if (match[3] === undefined) return true;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  const day = Number(match[3]);
  return day >= 1 && day <= days;
}

/**
 * Percent-encodes text as a browser would, except that a lone surrogate becomes the bytes of its
 * WTF-8 form (`%ED%A0%80`), which is not UTF-8: bad percent-encoding.
 */
export function encodeLoosely(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) {
      out +=
        `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`.toUpperCase();
    } else {
      out += encodeURIComponent(char);
    }
  }
  return out;
}

/** Percent sequences that do not decode: cut short, not hex, overlong or not UTF-8. */
const BAD_PERCENT = [
  '%E4%B8',
  '%ZZ',
  '%',
  '%2',
  '%C0%AF',
  '%ED%A0%80',
  '%FF',
  '%E4%B8%AD%E6',
  '%%',
];

/** A value as it appears in a URL: encoded properly, inserted raw, or with bad percent-encoding. */
export function inUrl(value: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: value.map(encodeLoosely) },
    { weight: 1, arbitrary: value },
    {
      weight: 2,
      arbitrary: fc
        .tuple(value, fc.constantFrom(...BAD_PERCENT), fc.nat())
        .map(([text, bad, at]) => {
          const encoded = encodeLoosely(text);
          const cut = encoded.length === 0 ? 0 : at % encoded.length;
          return `${encoded.slice(0, cut)}${bad}${encoded.slice(cut)}`;
        }),
    },
  );
}

/** A query string from name/value pairs (names may repeat: `?q=a&q=b`). */
export function queryString(
  names: readonly string[],
  value: fc.Arbitrary<string>,
): fc.Arbitrary<string> {
  const pair = fc.tuple(fc.constantFrom(...names, 'x', 'Q', 'q[]', ''), inUrl(value));
  return fc
    .tuple(fc.array(pair, { maxLength: 6 }), fc.boolean())
    .map(([pairs, leadingAmpersand]) =>
      pairs.length === 0
        ? ''
        : `?${leadingAmpersand ? '&' : ''}${pairs.map(([n, v]) => `${n}=${v}`).join('&')}`,
    );
}
