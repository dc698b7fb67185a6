// Snippets: every occurrence of the query's literals in a paragraph, and an excerpt that shows them.
import type { Snippet, Span } from '../types.ts';
import { foldsUnitByUnit, normalizeWithOffsets } from '../text/normalize.ts';

/** A highlighted range of the original paragraph, in UTF-16 code units, end exclusive. */
export interface HitRange {
  start: number;
  end: number;
  /**
   * Which literals the range holds: bit i for the i-th literal given to {@link findHitRanges}
   * (the first 32 of them). An excerpt prefers the window that shows the most of them.
   */
  literals?: number;
}

/** How long an excerpt is, in characters (UTF-16 code units). */
export const DEFAULT_SNIPPET_LENGTH = 120;

const SENTENCE_END = new Set(['。', '！', '？', '!', '?', '；', ';', '…', '\n']);
const CLAUSE_END = new Set([...SENTENCE_END, '，', ',', '、', '：', ':']);

/**
 * Every occurrence of every (normalised) literal in the paragraph, as merged ranges of the
 * ORIGINAL text. A traditional-script query thus highlights the simplified original.
 * `norm`, when given, is the paragraph's `normalizeForMatch(text)` as the index keeps it: where
 * the text folds unit by unit, offsets in it are offsets in the text, and no map is needed.
 */
export function findHitRanges(
  text: string,
  literals: readonly string[],
  norm?: string,
): HitRange[] {
  const aligned = norm !== undefined && norm.length === text.length && foldsUnitByUnit(text);
  const mapped = aligned ? null : normalizeWithOffsets(text);
  const haystack = mapped === null ? norm! : mapped.text;
  const ranges: HitRange[] = [];
  for (const [index, literal] of literals.entries()) {
    if (literal.length === 0) continue;
    const bit = index < 32 ? 1 << index : 0;
    for (let at = haystack.indexOf(literal); at !== -1; at = haystack.indexOf(literal, at + 1)) {
      ranges.push(
        mapped === null
          ? { start: at, end: at + literal.length, literals: bit }
          : {
              start: mapped.start[at]!,
              end: mapped.end[at + literal.length - 1]!,
              literals: bit,
            },
      );
    }
  }
  ranges.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: HitRange[] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range.start <= last.end) {
      last.end = Math.max(last.end, range.end);
      last.literals = (last.literals ?? 0) | (range.literals ?? 0);
    } else merged.push({ ...range });
  }
  return merged;
}

/** Splits `text[from, to)` into spans, marking the ranges that fall inside. */
export function spansOf(
  text: string,
  ranges: readonly HitRange[],
  from = 0,
  to = text.length,
): Span[] {
  const spans: Span[] = [];
  let at = from;
  for (const range of ranges) {
    const start = Math.max(range.start, from);
    const end = Math.min(range.end, to);
    if (end <= start) continue;
    if (start > at) spans.push({ text: text.slice(at, start), hit: false });
    spans.push({ text: text.slice(start, end), hit: true });
    at = end;
  }
  if (at < to) spans.push({ text: text.slice(at, to), hit: false });
  return spans;
}

function isLowSurrogate(text: string, i: number): boolean {
  const unit = text.charCodeAt(i);
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/** Set bits of a 32-bit mask. */
function bitCount(mask: number): number {
  let n = 0;
  for (let m = mask >>> 0; m !== 0; m &= m - 1) n++;
  return n;
}

/** How far an excerpt may stretch past its length to show more of the query's different words. */
const SNIPPET_STRETCH = 1.5;

/**
 * The window of `length` units that shows the most different literals, and of those the most hits
 * (the earliest such): for 防控 綦江, a window with both words rather than one with 防控 three times.
 */
function densestWindow(ranges: readonly HitRange[], length: number): { at: number; kinds: number } {
  let best = 0;
  let bestCount = 0;
  let bestKinds = 0;
  for (let i = 0; i < ranges.length; i++) {
    let count = 0;
    let mask = 0;
    for (let j = i; j < ranges.length && ranges[j]!.end <= ranges[i]!.start + length; j++) {
      count++;
      mask |= ranges[j]!.literals ?? 0;
    }
    const kinds = bitCount(mask);
    if (kinds > bestKinds || (kinds === bestKinds && count > bestCount)) {
      bestKinds = kinds;
      bestCount = count;
      best = i;
    }
  }
  return { at: best, kinds: bestKinds };
}

/**
 * Picks the {@link densestWindow} of `length` units, or of up to {@link SNIPPET_STRETCH} times that
 * when only the longer one shows a word the shorter leaves out. Then moves its edges to sentence
 * (or clause) boundaries close by when the hits stay inside.
 */
function chooseWindow(text: string, ranges: readonly HitRange[], wanted: number): [number, number] {
  let length = wanted;
  const window = densestWindow(ranges, length);
  let bestStart = window.at;
  let present = 0;
  for (const range of ranges) present |= range.literals ?? 0;
  if (window.kinds < bitCount(present)) {
    const stretched = Math.floor(wanted * SNIPPET_STRETCH);
    const wider = densestWindow(ranges, stretched);
    if (wider.kinds > window.kinds) {
      bestStart = wider.at;
      length = stretched;
    }
  }
  const first = ranges[bestStart];
  if (!first) {
    // No hits: the paragraph's start, without cutting a surrogate pair in two.
    const end = Math.min(text.length, length);
    return [0, end < text.length && isLowSurrogate(text, end) ? end + 1 : end];
  }
  let lastEnd = first.end;
  for (let j = bestStart; j < ranges.length && ranges[j]!.end <= first.start + length; j++) {
    lastEnd = ranges[j]!.end;
  }
  lastEnd = Math.min(lastEnd, first.start + length);
  // Centre the hits, then snap to a boundary: a sentence start is the most readable place to begin.
  const slack = Math.max(0, length - (lastEnd - first.start));
  let start = Math.max(0, Math.min(first.start - Math.floor(slack / 2), text.length - length));
  start = snapStart(text, start, first.start);
  let end = Math.min(text.length, start + length);
  end = Math.max(end, lastEnd);
  end = snapEnd(text, end, lastEnd, start + length);
  if (start > 0 && isLowSurrogate(text, start)) start--;
  if (end < text.length && isLowSurrogate(text, end)) end++;
  return [start, end];
}

function snapStart(text: string, start: number, firstHit: number): number {
  if (start === 0) return 0;
  for (const boundaries of [SENTENCE_END, CLAUSE_END]) {
    for (let i = start; i < firstHit; i++) {
      if (boundaries.has(text[i - 1]!)) return i;
    }
  }
  return start;
}

function snapEnd(text: string, end: number, lastHit: number, limit: number): number {
  if (end >= text.length) return text.length;
  for (const boundaries of [SENTENCE_END, CLAUSE_END]) {
    for (let i = Math.min(limit, text.length); i >= lastHit; i--) {
      if (boundaries.has(text[i - 1]!)) return i;
    }
  }
  return end;
}

/**
 * An excerpt of about `length` characters (up to {@link SNIPPET_STRETCH} times that to show more of
 * the query's different words) around the hits. Characters are never changed, added or dropped:
 * the spans join to a substring of the paragraph.
 */
export function buildSnippet(
  text: string,
  ranges: readonly HitRange[],
  length: number = DEFAULT_SNIPPET_LENGTH,
): Snippet {
  if (text.length <= length) {
    return { spans: spansOf(text, ranges), cutStart: false, cutEnd: false };
  }
  const [start, end] = chooseWindow(text, ranges, length);
  return {
    spans: spansOf(text, ranges, start, end),
    cutStart: start > 0,
    cutEnd: end < text.length,
  };
}
