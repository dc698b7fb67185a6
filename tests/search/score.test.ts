// Ranking with score bounds, held against scoring every match in full by the documented formula.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Archive } from '../../src/index/archive.ts';
import { parseQuery, relatedWords } from '../../src/search/query.ts';
import {
  ALIGNED_BOOST,
  HEADING_BOOST,
  TITLE_BOOST,
  bm25,
  countOccurrences,
  idf,
  proximityBoost,
} from '../../src/search/rank.ts';
import { search } from '../../src/search/search.ts';
import { buildTestArchive, makeReport } from '../helpers/archive.ts';

// Few pieces, so that literals repeat within paragraphs (frequencies above 1), overlap (防控防控)
// and share bigrams with other words (疫情 in 疫情防控).
const PIECES = [
  '疫情',
  '防控',
  '疫情防控',
  '防控防控',
  '武汉',
  '医疗队',
  '湖北',
  '的',
  '。',
  '工作',
];
const QUERIES = ['疫情防控', '防控', '疫情', '控防控', '医疗队', '武汉', '湖北的', '工作'];
const DATES = ['2020-01-01', '2020-03-01', '2021', undefined];

const paragraph = fc.record({
  text: fc
    .array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 12 })
    .map((p) => p.join('')),
  heading: fc.boolean(),
});
const report = fc.record({
  paragraphs: fc.array(paragraph, { minLength: 1, maxLength: 3 }),
  title: fc.constantFrom('', '疫情防控工作', '武汉加油', '湖北'),
  date: fc.constantFrom(...DATES),
});
const case_ = fc.record({
  reports: fc.array(report, { minLength: 1, maxLength: 12 }),
  terms: fc.uniqueArray(fc.constantFrom(...QUERIES), { minLength: 1, maxLength: 3 }),
  // Whether the first two terms are one clause, `A OR B`.
  or: fc.boolean(),
  limit: fc.integer({ min: 1, max: 6 }),
});

/**
 * Every exact match of a query of bare terms, some clauses `A OR B`, scored in full and sorted as
 * search sorts: every term counts in the score (0 where absent), and proximity spans the clauses.
 */
function bruteForce(archive: Archive, query: string): { id: number; score: number }[] {
  const clauses = parseQuery(query).clauses;
  const terms = clauses.flat();
  const facts = archive.facts;
  const n = archive.paragraphCount;
  const ids = Array.from({ length: n }, (_, id) => id);
  const matches = ids.filter((id) =>
    clauses.every((clause) => clause.some((t) => archive.normOf(id).includes(t.norm))),
  );
  const scored = matches.map((id) => {
    const text = archive.normOf(id);
    const length = archive.wordCountOf(id);
    let score = 0;
    for (const term of terms) {
      const df = ids.filter((other) => archive.normOf(other).includes(term.norm)).length;
      let termScore = 0;
      termScore += bm25(
        countOccurrences(text, term.norm),
        idf(n, df),
        length,
        archive.averageWordCount,
      );
      const words = relatedWords(term);
      if (words.length > 0 && Array.from(archive.withAllWords(words)).includes(id))
        termScore *= ALIGNED_BOOST;
      score += termScore;
    }
    if (clauses.length > 1)
      score *= proximityBoost(
        text,
        clauses.map((clause) => clause.map((t) => t.norm)),
      );
    if (archive.kindOf(id) === 'heading') score *= HEADING_BOOST;
    const title = facts.titles[archive.reportOfParagraph(id)]!;
    return { id, score: score * (terms.some((t) => title.includes(t.norm)) ? TITLE_BOOST : 1) };
  });
  const key = (id: number) => facts.dateKeys[archive.reportOfParagraph(id)]!;
  const reportId = (id: number) => archive.report(archive.reportOfParagraph(id)).id;
  return scored.sort(
    (a, b) =>
      b.score - a.score ||
      key(b.id) - key(a.id) ||
      (reportId(a.id) < reportId(b.id) ? -1 : reportId(a.id) > reportId(b.id) ? 1 : a.id - b.id),
  );
}

describe('ranking with score bounds', () => {
  it('counts a long literal once where its rarest bigram occurs twice, and twice where it does', async () => {
    const archive = await buildTestArchive([
      makeReport('a', ['疫情防控疫情防疫', '防控疫情防控,疫情防控', '疫情防控']),
    ]);
    const scores = search(archive, '疫情防控').hits.map((hit) => [hit.id, hit.score]);
    expect(scores).toEqual(bruteForce(archive, '疫情防控').map((hit) => [hit.id, hit.score]));
    expect(scores.map(([id]) => id)).toEqual([1, 2, 0]);
  });

  it('returns the same page, scores included, as scoring every match in full', async () => {
    await fc.assert(
      fc.asyncProperty(case_, async ({ reports, terms, or, limit }) => {
        const archive = await buildTestArchive(
          reports.map((spec, r) =>
            makeReport(
              `r${String(r).padStart(2, '0')}`,
              spec.paragraphs.map((p) => ({ text: p.text, kind: p.heading ? 'heading' : 'body' })),
              { title: spec.title, ...(spec.date ? { date: spec.date } : {}) },
            ),
          ),
        );
        const query =
          or && terms.length >= 2 ? `${terms[0]} OR ${terms.slice(1).join(' ')}` : terms.join(' ');
        const expected = bruteForce(archive, query);
        for (let offset = 0; offset < Math.min(expected.length, 4); offset += 2) {
          const result = search(archive, query, { limit, offset });
          expect(result.exactTotal).toBe(expected.length);
          const exact = result.hits.filter((hit) => hit.match === 'exact');
          expect(exact.map((hit) => ({ id: hit.id, score: hit.score }))).toEqual(
            expected.slice(offset, offset + limit),
          );
        }
      }),
      { numRuns: 80 },
    );
  });
});
