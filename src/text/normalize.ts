// Normalisation for matching: NFKC, lower case, traditional → simplified. Display never uses it.
import * as OpenCC from 'opencc-js/t2cn';

/** A normalised text with, for each of its UTF-16 code units, the span of the original it came from. */
export interface NormalizedText {
  text: string;
  /** `start[i]`: original offset where normalised unit `i` comes from. */
  start: Uint32Array;
  /** `end[i]`: original offset just after it. */
  end: Uint32Array;
}

const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });

/**
 * Script folding is done character by character, never by phrase: a term must fold the same way
 * alone as inside a paragraph, or a query could miss text that contains it (乾 alone vs 乾隆).
 */
function simplifyCodePoints(s: string): string {
  let out = '';
  for (const ch of s) {
    const simplified = toSimplified(ch);
    out += simplified.length === ch.length ? simplified : ch;
  }
  return out;
}

function foldUncached(cluster: string): string {
  // A lone surrogate becomes U+FFFD, as UTF-16 decoding does, so both normalisers agree.
  // Folding repeats until nothing changes (薴 → 苧 → 苎; lower case can undo NFKC composition), so
  // that normalised text normalises to itself.
  let folded = cluster.toWellFormed();
  for (let round = 0; round < 4; round++) {
    const next = simplifyCodePoints(folded.normalize('NFKC').toLowerCase());
    if (next === folded) break;
    folded = next;
  }
  return folded;
}

// FOLD[u]: the single code unit that BMP unit `u` folds to, or 0 when it folds to several units
// (㈠ → (一)), is a surrogate, or is NUL. IS_MARK[u]: `u` is a combining mark. Built on first use
// (a third of a second), or ahead of it by prepareNormalizer.
let FOLD = new Uint16Array(0);
let IS_MARK = new Uint8Array(0);

/**
 * Builds the folding tables now rather than at the first normalisation: loading an index calls it
 * while it waits for its files, so that the first search does not pay for it.
 */
export function prepareNormalizer(): void {
  if (FOLD.length > 0) return;
  const fold = new Uint16Array(0x10000);
  const isMark = new Uint8Array(0x10000);
  for (let u = 1; u < 0x10000; u++) {
    if (u >= 0xd800 && u <= 0xdfff) continue;
    const ch = String.fromCharCode(u);
    if (/\p{M}/u.test(ch)) isMark[u] = 1;
    const folded = foldUncached(ch);
    if (folded.length === 1) fold[u] = folded.charCodeAt(0);
  }
  FOLD = fold;
  IS_MARK = isMark;
}

/**
 * End of the cluster at `i`: one code point plus the combining marks that follow it, so that
 * `e` + U+0301 folds like `é`. A lone unit with a table entry is the common case.
 */
function clusterEnd(s: string, i: number): number {
  let j = i + (s.codePointAt(i)! > 0xffff ? 2 : 1);
  while (j < s.length) {
    const unit = s.charCodeAt(j);
    if (IS_MARK[unit] === 0 && (unit < 0xd800 || unit > 0xdbff)) break;
    const cp = s.codePointAt(j)!;
    if (!/\p{M}/u.test(String.fromCodePoint(cp))) break;
    j += cp > 0xffff ? 2 : 1;
  }
  return j;
}

/** Whether the unit at `i` folds alone, through the table. */
function foldsAlone(s: string, i: number): boolean {
  const unit = s.charCodeAt(i);
  return FOLD[unit] !== 0 && (i + 1 >= s.length || IS_MARK[s.charCodeAt(i + 1)] === 0);
}

/**
 * Whether every code unit of `text` folds alone, to one unit: then {@link normalizeForMatch} maps
 * it unit for unit, and an offset in the normalised text is the same offset in `text`. Most
 * paragraphs are such (CJK text, full-width punctuation); a surrogate pair, a combining mark or
 * a character that folds to several units makes it false.
 */
export function foldsUnitByUnit(text: string): boolean {
  prepareNormalizer();
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (FOLD[unit] === 0 || IS_MARK[unit] === 1) return false;
  }
  return true;
}

/**
 * Normalises text for matching, keeping a map back to the original offsets.
 * Indexing and querying both fold through this rule (see {@link normalizeForMatch}).
 */
export function normalizeWithOffsets(original: string): NormalizedText {
  prepareNormalizer();
  const n = original.length;
  let { units, start, end } = withOffsets;
  if (units.length < n * 4) {
    units = withOffsets.units = new Uint16Array(n * 4);
    start = withOffsets.start = new Uint32Array(n * 4);
    end = withOffsets.end = new Uint32Array(n * 4);
  }
  let out = 0;
  for (let i = 0; i < n;) {
    if (foldsAlone(original, i)) {
      units[out] = FOLD[original.charCodeAt(i)]!;
      start[out] = i;
      end[out++] = i + 1;
      i += 1;
      continue;
    }
    const j = clusterEnd(original, i);
    const folded = foldUncached(original.slice(i, j));
    // A few characters fold to many units (U+FDFA to 18): grow rather than write past the end.
    if (out + folded.length > units.length) {
      const size = Math.max(units.length * 2, out + folded.length);
      const grow = <T extends Uint16Array | Uint32Array>(array: T, bigger: T): T => (
        bigger.set(array),
        bigger
      );
      units = withOffsets.units = grow(units, new Uint16Array(size));
      start = withOffsets.start = grow(start, new Uint32Array(size));
      end = withOffsets.end = grow(end, new Uint32Array(size));
    }
    for (let k = 0; k < folded.length; k++) {
      units[out] = folded.charCodeAt(k);
      start[out] = i;
      end[out++] = j;
    }
    i = j;
  }
  return { text: decodeUnits(units, out), start: start.slice(0, out), end: end.slice(0, out) };
}

/** Buffers that {@link normalizeWithOffsets} reuses from call to call (it copies out what it returns). */
const withOffsets = {
  units: new Uint16Array(4096),
  start: new Uint32Array(4096),
  end: new Uint32Array(4096),
};

const buffer = { units: new Uint16Array(4096) };

/** Normalises text for matching, like {@link normalizeWithOffsets} but without the offset map. */
export function normalizeForMatch(original: string): string {
  prepareNormalizer();
  const n = original.length;
  let units = buffer.units;
  if (units.length < n * 4) units = buffer.units = new Uint16Array(n * 4);
  let changed = false;
  let out = 0;
  for (let i = 0; i < n;) {
    const unit = original.charCodeAt(i);
    if (foldsAlone(original, i)) {
      const folded = FOLD[unit]!;
      if (folded !== unit) changed = true;
      units[out++] = folded;
      i += 1;
      continue;
    }
    const j = clusterEnd(original, i);
    const cluster = original.slice(i, j);
    const folded = foldUncached(cluster);
    if (folded !== cluster) changed = true;
    // A few characters fold to many units (U+FDFA to 18): grow rather than write past the end,
    // which a typed array would silently drop.
    if (out + folded.length > units.length) {
      const grown = new Uint16Array(Math.max(units.length * 2, out + folded.length));
      grown.set(units.subarray(0, out));
      units = buffer.units = grown;
    }
    for (let k = 0; k < folded.length; k++) units[out++] = folded.charCodeAt(k);
    i = j;
  }
  if (!changed) return original;
  return decodeUnits(units, out);
}

// ignoreBOM keeps a leading U+FEFF: by default the decoder drops it, and the folded text would
// then be a unit short of its offset map.
const utf16 = new TextDecoder('utf-16le', { ignoreBOM: true });

function decodeUnits(units: Uint16Array, length: number): string {
  return utf16.decode(units.subarray(0, length));
}
