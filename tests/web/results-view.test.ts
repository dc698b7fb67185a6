// The results view of a search: which source facets it lists, and in what order.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { UNKNOWN_SOURCE } from '../../src/index/report-facts.ts';
import { search, type SearchResult } from '../../src/search/search.ts';
import { buildResultsView, MAX_FACETS } from '../../src/web/results.ts';
import { archiveOfTexts } from '../helpers/archive.ts';

describe('buildResultsView: source facets', () => {
  let result: SearchResult;
  beforeAll(async () => {
    result = search(await archiveOfTexts(['疫情防控']), '疫情');
  });

  const view = (source: Record<string, number>) =>
    buildResultsView(
      { ...result, facets: { source, year: {} } },
      { q: '疫情', sort: 'relevance' },
      1,
      20,
    );

  it(`lists the ${MAX_FACETS} sources with most paragraphs, ties by name, the unknown source last`, () => {
    const names = fc.constantFrom(
      UNKNOWN_SOURCE,
      ...Array.from({ length: 40 }, (_, i) => `来源${String.fromCharCode(0x4e00 + i)}`),
      '2020',
      '12',
      'CCTV',
    );
    fc.assert(
      fc.property(
        fc.dictionary(names, fc.integer({ min: 1, max: 6 }), {
          minKeys: 6,
          maxKeys: 44,
          size: 'max',
        }),
        (source) => {
          const expected = Object.entries(source)
            .filter(([label]) => label !== UNKNOWN_SOURCE)
            .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
          if (source[UNKNOWN_SOURCE] !== undefined)
            expected.push([UNKNOWN_SOURCE, source[UNKNOWN_SOURCE]]);
          const shown = view(source).facets.source.map((facet) => [facet.label, facet.count]);
          expect(shown).toEqual(expected.slice(0, MAX_FACETS));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('links every source but the unknown one', () => {
    const facets = view({ 綦江日报: 3, [UNKNOWN_SOURCE]: 5 }).facets.source;
    expect(facets.map((facet) => [facet.label, facet.href])).toEqual([
      ['綦江日报', '/search?q=%E7%96%AB%E6%83%85&source=%E7%B6%A6%E6%B1%9F%E6%97%A5%E6%8A%A5'],
      [UNKNOWN_SOURCE, null],
    ]);
  });
});
