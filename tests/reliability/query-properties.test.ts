// Property tests of the query parser and search on hostile text: they answer or refuse with a
// QueryError, never crash, and what they answer keeps its invariants.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { QueryError } from '../../src/errors.ts';
import type { Archive } from '../../src/index/archive.ts';
import { buildArchive } from '../../src/index/build.ts';
import { MAX_QUERY_LENGTH, MAX_TERMS, parseQuery } from '../../src/search/query.ts';
import { search } from '../../src/search/search.ts';
import type { Report } from '../../src/types.ts';
import { queryText } from './arbitraries.ts';

/** Controls, zero-width characters and bidi marks: never part of a searched term. */
const INVISIBLE = /[\p{Cc}\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;
const BOUND = /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/;

let archive: Archive;

beforeAll(async () => {
  const texts = [
    '区里召开会议，研究部署疫情防控工作。',
    '支援湖北医疗队队员平安归来，武汉市民戴着口罩夹道欢迎。',
    '孝感的防控措施持续加码。',
    '𠀀𪚥 罕见字与 emoji 😀 一起出现的段落。',
  ];
  const reports: Report[] = texts.map((text, i) => ({
    id: `r${i + 1}`,
    title: `报道${i + 1}`,
    date: `2020-0${i + 1}-15`,
    source: i % 2 === 0 ? '新华社' : '綦江日报',
    authors: [],
    origin: `r${i + 1}.md`,
    paragraphs: [{ n: 1, kind: 'body', text }],
  }));
  archive = (await buildArchive(reports, { userDict: null, workers: 0 })).archive;
});

/** Runs `fn`; a QueryError with a message is an answer, any other throw fails the property. */
function refusedOr<T>(fn: () => T): T | QueryError {
  try {
    return fn();
  } catch (error) {
    expect(error).toBeInstanceOf(QueryError);
    expect((error as Error).message.length).toBeGreaterThan(0);
    return error as QueryError;
  }
}

describe('parseQuery on hostile text', () => {
  it('parses or refuses with a QueryError, and what it parses holds no invisible terms', () => {
    fc.assert(
      fc.property(queryText, (input) => {
        const parsed = refusedOr(() => parseQuery(input));
        if (input.length > MAX_QUERY_LENGTH) {
          expect(parsed).toBeInstanceOf(QueryError);
          expect((parsed as Error).message).toContain('查询太长');
          return;
        }
        if (parsed instanceof QueryError) {
          expect((parsed as Error).message).toMatch(/日期无效|查询词太多/);
          return;
        }
        const terms = [...parsed.clauses.flat(), ...parsed.exclude];
        expect(terms.length).toBeLessThanOrEqual(MAX_TERMS);
        for (const clause of parsed.clauses) expect(clause.length).toBeGreaterThan(0);
        for (const term of terms) {
          expect(term.norm.trim()).not.toBe('');
          expect(term.norm).not.toMatch(INVISIBLE);
        }
        if (parsed.filters.from !== undefined) expect(parsed.filters.from).toMatch(BOUND);
        if (parsed.filters.to !== undefined) expect(parsed.filters.to).toMatch(BOUND);
        expect(parseQuery(input)).toEqual(parsed);
      }),
      { numRuns: 800 },
    );
  });
});

describe('search on hostile text', () => {
  it('answers or refuses with a QueryError, with counts that add up', () => {
    fc.assert(
      fc.property(
        queryText,
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 1, max: 100 }),
        fc.constantFrom('relevance' as const, 'date' as const),
        (input, offset, limit, sort) => {
          const result = refusedOr(() => search(archive, input, { offset, limit, sort }));
          if (result instanceof QueryError) return;
          expect(result.total).toBe(result.exactTotal + result.relatedTotal);
          expect(result.hits.length).toBe(Math.max(0, Math.min(limit, result.total - offset)));
          for (const hit of result.hits) {
            expect(hit.snippet.spans.map((span) => span.text).join('').length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
