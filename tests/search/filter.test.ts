// Source and date filters over lists of hits: the byte-per-report map that long lists use and the
// report-by-report check of short ones keep the same ids, those a plain reading of the dates keeps.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Archive } from '../../src/index/archive.ts';
import { applyFilter, ReportFilter } from '../../src/search/search.ts';
import type { QueryFilters } from '../../src/search/query.ts';
import type { Report } from '../../src/types.ts';
import { buildTestArchive, makeReport } from '../helpers/archive.ts';

const SOURCES = ['綦江日报', '央视《新闻联播》', 'CCTV 网', undefined] as const;

/** A date as a report may carry it: a day, a month, a year, or none. */
function dateOf(i: number): string | undefined {
  const year = 2018 + (i % 4);
  const month = String(1 + ((i * 7) % 12)).padStart(2, '0');
  const day = String(1 + ((i * 13) % 28)).padStart(2, '0');
  switch (i % 5) {
    case 0:
      return `${year}`;
    case 1:
      return `${year}-${month}`;
    case 4:
      return undefined;
    default:
      return `${year}-${month}-${day}`;
  }
}

/** Reports of one to three paragraphs each, with sources and dates of every kind. */
function reports(): Report[] {
  return Array.from({ length: 120 }, (_, i) =>
    makeReport(
      `r${i}`,
      Array.from({ length: 1 + (i % 3) }, (_, p) => `第${i}篇第${p}段`),
      { source: SOURCES[i % SOURCES.length], date: dateOf(i) },
    ),
  );
}

/**
 * Whether a report with `date` and `source` passes `filters`, read from the strings: a date stands
 * for every day it may mean, and is kept when one of those days is inside the range.
 */
function keeps(report: Report, filters: QueryFilters): boolean {
  if (filters.source !== undefined && !(report.source ?? '').includes(filters.source)) return false;
  if (!filters.from && !filters.to) return true;
  if (!report.date) return false;
  const pad = (date: string, fill: string) => (date + `-${fill}-${fill}`).slice(0, 10);
  const first = pad(report.date, '00');
  const last = pad(report.date, '99');
  return (
    (!filters.from || last >= pad(filters.from, '00')) &&
    (!filters.to || first <= pad(filters.to, '99'))
  );
}

const dateBound = fc.oneof(
  fc.constant(undefined),
  // The reports' own dates, so that bounds fall on their first and last days.
  fc.integer({ min: 0, max: 119 }).map(dateOf),
  fc.integer({ min: 2017, max: 2022 }).map(String),
  fc
    .record({ y: fc.integer({ min: 2017, max: 2022 }), m: fc.integer({ min: 1, max: 12 }) })
    .map(({ y, m }) => `${y}-${String(m).padStart(2, '0')}`),
  fc
    .record({
      y: fc.integer({ min: 2017, max: 2022 }),
      m: fc.integer({ min: 1, max: 12 }),
      d: fc.integer({ min: 1, max: 31 }),
    })
    .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
);

const filters: fc.Arbitrary<QueryFilters> = fc
  .record({
    source: fc.constantFrom(undefined, '綦江', '央视', 'CCTV', '网', '报'),
    from: dateBound,
    to: dateBound,
  })
  .filter((f) => f.source !== undefined || f.from !== undefined || f.to !== undefined)
  .map((f) => Object.fromEntries(Object.entries(f).filter(([, value]) => value !== undefined)));

describe('applyFilter', () => {
  let archive: Archive;
  let all: Report[];
  beforeAll(async () => {
    all = reports();
    archive = await buildTestArchive(all);
  });

  /** Ids of a random subset of the archive's paragraphs, ascending. */
  const subsets = () =>
    fc
      .uniqueArray(fc.integer({ min: 0, max: archive.paragraphCount - 1 }), { maxLength: 200 })
      .map((ids) => Uint32Array.from(ids.sort((a, b) => a - b)));

  it('keeps the same ids by the map and report by report, as the dates and sources say', () => {
    fc.assert(
      fc.property(filters, subsets(), (wanted, ids) => {
        const filter = new ReportFilter(archive.facts, wanted);
        const expected = [...ids].filter((id) =>
          keeps(all[archive.reportOfParagraph(id)]!, wanted),
        );
        // Copied out: both ways write into the same scratch buffer.
        const byMap = [...applyFilter(archive, ids, filter, true)];
        const byReport = [...applyFilter(archive, ids, filter, false)];
        expect(byMap).toEqual(expected);
        expect(byReport).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every id when there is no filter', () => {
    const ids = Uint32Array.from({ length: archive.paragraphCount }, (_, id) => id);
    expect(applyFilter(archive, ids, null)).toBe(ids);
  });

  it('leaves out undated reports as soon as a date bound is given, by either way', () => {
    const ids = Uint32Array.from({ length: archive.paragraphCount }, (_, id) => id);
    const filter = new ReportFilter(archive.facts, { from: '1900' });
    for (const byMap of [true, false]) {
      const kept = [...applyFilter(archive, ids, filter, byMap)];
      const undated = kept.filter((id) => all[archive.reportOfParagraph(id)]!.date === undefined);
      expect(undated).toEqual([]);
      expect(kept.length).toBeGreaterThan(0);
    }
  });
});
