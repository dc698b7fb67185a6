// The query language: terms (AND), "phrases", -exclusions, OR, and source:/from:/to: filters.
import { QueryError } from '../errors.ts';
import { normalizeForMatch } from '../text/normalize.ts';
import { isWordToken, segment } from '../text/segment.ts';

/** One literal to match: a bare term or a quoted phrase. */
export interface QueryTerm {
  /** As typed (without quotes). */
  raw: string;
  /** Normalised for matching. */
  norm: string;
  phrase: boolean;
  /** Its jieba words (word tokens only), for ranking and related matches. */
  words: string[];
}

/** Filters on report metadata. */
export interface QueryFilters {
  /** A substring of the report's source, normalised. */
  source?: string;
  /** A substring of the report's title, normalised. */
  title?: string;
  /** Inclusive ISO date bounds (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`). */
  from?: string;
  to?: string;
}

/** A parsed query. Every clause must match; a clause matches when any of its terms does. */
export interface ParsedQuery {
  clauses: QueryTerm[][];
  exclude: QueryTerm[];
  filters: QueryFilters;
  /** What was read leniently, in words a user understands. */
  notices: string[];
}

/** Longest query accepted, in characters. */
export const MAX_QUERY_LENGTH = 1000;
/** Most terms (including exclusions) in one query. */
export const MAX_TERMS = 32;

const OPENING_QUOTES: Record<string, string> = {
  '"': '"',
  '＂': '＂',
  '“': '”',
  '”': '”',
  '「': '」',
  '『': '』',
};
const SPACE = /[\s\u3000]/;
// Controls, zero-width characters and bidi marks: invisible, never meant as search text.
const INVISIBLE = /[\p{Cc}\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/gu;
const FILTER = /^(source|title|from|to):(.*)$/i;
const DATE = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/;

interface Token {
  text: string;
  quoted: boolean;
  negated: boolean;
}

function tokenize(input: string, notices: string[]): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    while (i < input.length && SPACE.test(input[i]!)) i++;
    if (i >= input.length) break;
    let negated = false;
    if (input[i] === '-' || input[i] === '－') {
      negated = true;
      i++;
      if (i >= input.length || SPACE.test(input[i]!)) {
        notices.push('忽略了单独的“-”（排除词要紧跟在减号后面，如 -孝感）');
        continue;
      }
    }
    const close = OPENING_QUOTES[input[i]!];
    if (close !== undefined) {
      const end = input.indexOf(close, i + 1);
      const stop = end === -1 ? input.length : end;
      if (end === -1) notices.push('引号没有闭合，已把引号后的全部内容当作短语');
      tokens.push({ text: input.slice(i + 1, stop), quoted: true, negated });
      i = stop + 1;
      continue;
    }
    let j = i;
    while (j < input.length && !SPACE.test(input[j]!)) j++;
    tokens.push({ text: input.slice(i, j), quoted: false, negated });
    i = j;
  }
  return tokens;
}

/** Normalises a date bound (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`), or throws a readable QueryError. */
export function readDate(name: string, value: string): string {
  const match = DATE.exec(value);
  const year = match ? Number(match[1]) : NaN;
  const month = match?.[2] ? Number(match[2]) : undefined;
  const day = match?.[3] ? Number(match[3]) : undefined;
  const valid =
    match !== null &&
    (month === undefined || (month >= 1 && month <= 12)) &&
    (day === undefined || (day >= 1 && day <= new Date(Date.UTC(year, month!, 0)).getUTCDate()));
  if (!valid) {
    throw new QueryError(`日期无效：${name}:${value}（请写作 2020、2020-03 或 2020-03-31）`);
  }
  const pad = (n: number) => String(n).padStart(2, '0');
  // The year as typed (four digits): bounds compare as strings, so 0999 must not become 999.
  return [match![1]!, ...(month ? [pad(month)] : []), ...(day ? [pad(day)] : [])].join('-');
}

/**
 * The jieba words of `term` that related matches must hold and that align it: those of two or
 * more characters. A single character says little about word boundaries, and requiring one (its
 * every occurrence counts) would intersect lists of most of the archive for nothing.
 */
export function relatedWords(term: QueryTerm): string[] {
  return term.words.filter((word) => [...word].length >= 2);
}

/** Builds a term: normalised, with its jieba words. Null when nothing searchable is left. */
export function makeTerm(raw: string, phrase: boolean): QueryTerm | null {
  const norm = normalizeForMatch(raw);
  if (norm.trim().length === 0) return null;
  const words = phrase ? [] : segment(norm).filter(isWordToken);
  return { raw, norm, phrase, words };
}

/**
 * Parses a query. Lenient where intent is clear (a missing closing quote, a stray operator), with a
 * notice; throws {@link QueryError} for what cannot be read (too long, an impossible date).
 */
export function parseQuery(input: string): ParsedQuery {
  if (input.length > MAX_QUERY_LENGTH) {
    throw new QueryError(`查询太长：${input.length} 个字符，上限是 ${MAX_QUERY_LENGTH} 个`);
  }
  const notices: string[] = [];
  const cleaned = input.replace(INVISIBLE, ' ');
  // Tabs and line breaks are controls too, but only spaces to the reader: no notice for them.
  const spaced = (text: string) => text.replace(/\s+/g, ' ').trim();
  if (spaced(cleaned) !== spaced(input)) {
    notices.push('去掉了查询中的控制字符或不可见字符');
  }
  const clauses: QueryTerm[][] = [];
  const exclude: QueryTerm[] = [];
  const filters: QueryFilters = {};
  let pendingOr = false;

  for (const token of tokenize(cleaned, notices)) {
    if (!token.quoted && !token.negated && token.text === 'OR') {
      if (clauses.length === 0 || pendingOr) notices.push('忽略了位置不对的 OR');
      else pendingOr = true;
      continue;
    }
    const filter = token.quoted || token.negated ? null : FILTER.exec(token.text);
    if (filter) {
      const name = filter[1]!.toLowerCase() as 'source' | 'title' | 'from' | 'to';
      const value = filter[2]!;
      if (value.length === 0) {
        notices.push(`忽略了空的筛选条件 ${name}:`);
      } else if (name === 'source' || name === 'title') {
        filters[name] = normalizeForMatch(value);
      } else {
        filters[name] = readDate(name, value);
      }
      continue;
    }
    const term = makeTerm(token.text, token.quoted);
    if (term === null) {
      if (token.quoted) notices.push('忽略了空短语');
      continue;
    }
    if (token.negated) {
      if (pendingOr) notices.push('忽略了位置不对的 OR');
      exclude.push(term);
    } else if (pendingOr) {
      clauses[clauses.length - 1]!.push(term);
    } else {
      clauses.push([term]);
    }
    pendingOr = false;
    if (clauses.flat().length + exclude.length > MAX_TERMS) {
      throw new QueryError(`查询词太多：上限是 ${MAX_TERMS} 个`);
    }
  }
  if (pendingOr) notices.push('忽略了末尾的 OR');
  return { clauses, exclude, filters, notices };
}
