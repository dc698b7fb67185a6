// SearchResult → the props of the results views: links, facets, pagination.
import { UNKNOWN_SOURCE, UNKNOWN_YEAR } from '../index/report-facts.ts';
import type { SearchResult } from '../search/search.ts';
import type { ShownParagraph } from '../search/report-hits.ts';
import type {
  FacetView,
  PagerView,
  ResultsView,
  SearchForm,
  ShownParagraphView,
} from '../../views/types.ts';
import { paragraphPath, reportPath } from './api.tsx';

/** The canonical URL of a search (empty parameters left out), for links and the address bar. */
export function searchHref(form: SearchForm, page = 1): string {
  const params = new URLSearchParams();
  params.set('q', form.q);
  if (form.source) params.set('source', form.source);
  if (form.title) params.set('title', form.title);
  if (form.from) params.set('from', form.from);
  if (form.to) params.set('to', form.to);
  if (form.sort !== 'relevance') params.set('sort', form.sort);
  if (page > 1) params.set('page', String(page));
  return `/search?${params.toString()}`;
}

/** How many sources the facet list shows: the most frequent, the unknown source last. */
export const MAX_FACETS = 12;

/** Negative when source `a` (label, count) is listed before `b`: more paragraphs first, then by name. */
function compareSources(a: readonly [string, number], b: readonly [string, number]): number {
  if (a[0] === UNKNOWN_SOURCE) return 1;
  if (b[0] === UNKNOWN_SOURCE) return -1;
  return b[1] - a[1] || (a[0] < b[0] ? -1 : 1);
}

function sourceFacets(result: SearchResult, form: SearchForm): FacetView[] {
  // The first MAX_FACETS in order, kept sorted as they come: a common term has hundreds of
  // sources, and sorting them all for a dozen cost more than the rest of the view.
  const shown: [string, number][] = [];
  const counts = result.facets.source;
  for (const label in counts) {
    const entry: [string, number] = [label, counts[label]!];
    if (shown.length === MAX_FACETS && compareSources(entry, shown[MAX_FACETS - 1]!) > 0) continue;
    let at = shown.length;
    while (at > 0 && compareSources(entry, shown[at - 1]!) < 0) at--;
    shown.splice(at, 0, entry);
    if (shown.length > MAX_FACETS) shown.pop();
  }
  return shown.map(([label, count]) => ({
    label,
    count,
    // An unknown source cannot be filtered for: it is counted, not linked.
    href: label === UNKNOWN_SOURCE ? null : searchHref({ ...form, source: label }),
    active: form.source === label,
  }));
}

function yearFacets(result: SearchResult, form: SearchForm): FacetView[] {
  return Object.entries(result.facets.year)
    .sort((a, b) => (a[0] === UNKNOWN_YEAR ? 1 : b[0] === UNKNOWN_YEAR ? -1 : a[0] < b[0] ? 1 : -1))
    .map(([label, count]) => ({
      label,
      count,
      href:
        label === UNKNOWN_YEAR
          ? null
          : searchHref({ ...form, from: `${label}-01-01`, to: `${label}-12-31` }),
      active: form.from === `${label}-01-01` && form.to === `${label}-12-31`,
    }));
}

function pager(form: SearchForm, page: number, total: number, limit: number): PagerView | null {
  const pages = Math.ceil(total / limit);
  if (pages <= 1) return null;
  const first = Math.max(1, Math.min(page - 4, pages - 8));
  const last = Math.min(pages, first + 8);
  const numbers = [];
  for (let n = first; n <= last; n++) numbers.push({ number: n, href: searchHref(form, n) });
  return {
    current: page,
    pages: numbers,
    // Past the last page (an old link after a re-index), "previous" goes to the last page.
    ...(page > 1 ? { prev: searchHref(form, Math.min(page - 1, pages)) } : {}),
    ...(page < pages ? { next: searchHref(form, page + 1) } : {}),
  };
}

/** What a page past the last one says: which page was asked for, and where the last one is. */
function pastEnd(form: SearchForm, page: number, total: number, limit: number) {
  const pages = Math.ceil(total / limit);
  return { page, pages, lastHref: searchHref(form, pages) };
}

function shownParagraphView(reportId: string, shown: ShownParagraph): ShownParagraphView {
  return {
    paragraph: shown.paragraph,
    snippet: shown.snippet,
    paragraphHref: paragraphPath(reportId, shown.paragraph),
  };
}

/**
 * The search that lists every report whose title holds the query, when more hold it than are
 * shown: a query of one bare term without spaces or quotes (which `title:` takes as it is).
 */
function allTitlesHref(result: SearchResult, form: SearchForm): string | null {
  if (result.titles.total <= result.titles.hits.length || result.terms.length !== 1) return null;
  const [term] = result.terms;
  if (term!.phrase || result.excluded.length > 0 || /[\s"“”「」『』]/u.test(term!.term))
    return null;
  return searchHref({ ...form, q: '', title: term!.term });
}

/** The results view of one page of a search. */
export function buildResultsView(
  result: SearchResult,
  form: SearchForm,
  page: number,
  limit: number,
): ResultsView {
  const query = encodeURIComponent(form.q);
  return {
    form,
    total: result.total,
    exactTotal: result.exactTotal,
    titleTotal: result.titleTotal,
    relatedTotal: result.relatedTotal,
    titles: {
      total: result.titles.total,
      related: result.titles.related,
      hits: result.titles.hits.map((hit) => ({
        match: hit.match,
        ...(hit.share === undefined ? {} : { percent: Math.round(hit.share * 100) }),
        reportId: hit.reportId,
        report: hit.report,
        title: hit.title,
        reportHref: `${reportPath(hit.reportId)}?q=${query}`,
        lead: hit.lead === null ? null : shownParagraphView(hit.reportId, hit.lead),
      })),
      allHref: allTitlesHref(result, form),
    },
    near: result.near.map((hit) => ({
      reportId: hit.reportId,
      report: hit.report,
      where: hit.where,
      percent: Math.round(Math.min(1, hit.share) * 100),
      title: hit.title,
      reportHref: reportPath(hit.reportId),
      paragraph: hit.paragraph === null ? null : shownParagraphView(hit.reportId, hit.paragraph),
    })),
    reports: result.reports,
    terms: result.terms,
    excluded: result.excluded,
    notices: result.notices,
    ...(result.empty ? { empty: result.empty } : {}),
    hits: result.hits.map((hit) => ({
      reportId: hit.reportId,
      paragraph: hit.paragraph,
      kind: hit.kind,
      snippet: hit.snippet,
      title: hit.title,
      match: hit.match,
      ...(hit.heading ? { heading: hit.heading } : {}),
      report: hit.report,
      paragraphHref: paragraphPath(hit.reportId, hit.paragraph),
      reportHref: `${reportPath(hit.reportId)}?q=${query}#p${hit.paragraph}`,
    })),
    firstIndex: result.offset + 1,
    facets: { source: sourceFacets(result, form), year: yearFacets(result, form) },
    pager: pager(form, page, result.total, limit),
    ...(result.hits.length === 0 && result.total > 0
      ? { pastEnd: pastEnd(form, page, result.total, limit) }
      : {}),
    tookMs: result.tookMs,
  };
}
