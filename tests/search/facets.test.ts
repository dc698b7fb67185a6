// Counts of a search (reports, and paragraphs by source and by year), held against the hits
// themselves: every hit of a small archive fits on one page.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UNKNOWN_SOURCE, UNKNOWN_YEAR } from '../../src/index/report-facts.ts';
import { MAX_LIMIT, search, type SearchOptions } from '../../src/search/search.ts';
import { buildTestArchive, reportsOfSpecs } from '../helpers/archive.ts';

// Words that make exact and related matches (疫情防控 is related to a paragraph of 疫情 and 防控).
const PIECES = ['疫情', '防控', '疫情防控', '工作', '会议', '。', '，'];
// 綦江 is rare: its few hits look their reports up one by one rather than through a map of all.
const piece = fc.oneof(
  { weight: 30, arbitrary: fc.constantFrom(...PIECES) },
  { weight: 1, arbitrary: fc.constant('綦江') },
);
const paragraph = fc.array(piece, { minLength: 1, maxLength: 8 }).map((pieces) => pieces.join(''));
const report = fc.record({
  paragraphs: fc.array(paragraph, { minLength: 1, maxLength: 4 }),
  date: fc.option(fc.constantFrom('2019-05-01', '2020-02', '2020-03-15', '2021'), {
    nil: undefined,
  }),
  source: fc.option(fc.constantFrom('綦江日报', '新华社', '央视网'), { nil: undefined }),
});
const corpus = fc.array(report, { minLength: 1, maxLength: 16 }).map(reportsOfSpecs);
const QUERIES = ['疫情', '疫情防控', '防控 工作', '会议 OR 工作', '疫情 -会议', '。', '綦江'];
const FILTERS: SearchOptions['filters'][] = [
  {},
  { source: '新华社' },
  { from: '2020' },
  { to: '2020-02' },
  { from: '2020-03', source: '央视' },
];

describe('facets', () => {
  it('count the reports, sources and years of every hit, exact and related, within the filters', async () => {
    await fc.assert(
      fc.asyncProperty(corpus, fc.boolean(), async (reports, answers) => {
        // With answers, a filtered one-term query counts through the filter without listing hits.
        const archive = await buildTestArchive(reports, answers ? { answerMinParagraphs: 2 } : {});
        for (const query of QUERIES) {
          for (const filters of FILTERS) {
            const result = search(archive, query, { filters, limit: MAX_LIMIT });
            expect(result.hits.length).toBe(result.total);
            const bySource: Record<string, number> = {};
            const byYear: Record<string, number> = {};
            for (const { report } of result.hits) {
              const source = report.source ?? UNKNOWN_SOURCE;
              const year = report.date?.slice(0, 4) ?? UNKNOWN_YEAR;
              bySource[source] = (bySource[source] ?? 0) + 1;
              byYear[year] = (byYear[year] ?? 0) + 1;
            }
            expect(result.reports).toBe(new Set(result.hits.map((hit) => hit.reportId)).size);
            expect(result.facets).toEqual({ source: bySource, year: byYear });
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
