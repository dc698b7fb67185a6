// The JSON shape of search results and reports, shared by /api/search and `baoku search --json`.
import { formatAll } from '../cite/index.ts';
import type { SearchHit, SearchResult } from '../search/search.ts';
import type { ReportMeta, Span } from '../types.ts';
import { snippetMarkup } from '../../views/Snippet.tsx';

/** Where permalinks point and what day citations say they were read. */
export interface LinkContext {
  /** Origin of the archive, e.g. `http://localhost:3000`; empty for site-relative links. */
  baseUrl: string;
  /** Access date for online citations, `YYYY-MM-DD`. */
  accessed: string;
}

/** The permalink path of a paragraph. */
export function paragraphPath(reportId: string, n: number): string {
  return `/p/${encodeURIComponent(reportId)}/${n}`;
}

/** The path of a report page. */
export function reportPath(reportId: string): string {
  return `/r/${encodeURIComponent(reportId)}`;
}

/** A hit as the JSON API returns it. */
export interface ApiHit {
  report_id: string;
  paragraph: number;
  kind: string;
  text: string;
  snippet: string;
  spans: Span[];
  snippet_cut: { start: boolean; end: boolean };
  match: 'exact' | 'related';
  /** Unknown fields are null, so every hit has the same keys. */
  report: {
    title: string | null;
    date: string | null;
    source: string | null;
    authors: string[];
    page: string | null;
  };
  url: string;
  citations: { gbt7714: string; gbt7714_online: string; apa: string; mla: string };
}

/** Citations of one paragraph in every format baoku offers. */
export function citationsOf(report: ReportMeta, n: number, links: LinkContext) {
  const options = {
    permalink: `${links.baseUrl}${paragraphPath(report.id, n)}`,
    accessed: links.accessed,
    paragraph: n,
  };
  const { gbt7714, gbt7714Online, apa, mla } = formatAll(report, options);
  return { gbt7714, gbt7714_online: gbt7714Online, apa, mla };
}

function toApiHit(hit: SearchHit, links: LinkContext): ApiHit {
  const { title, date, source, authors, page } = hit.report;
  return {
    report_id: hit.reportId,
    paragraph: hit.paragraph,
    kind: hit.kind,
    text: hit.text,
    // The escaped HTML, hits in <mark>: the same markup as the pages show.
    snippet: snippetMarkup(hit.snippet),
    spans: hit.snippet.spans,
    snippet_cut: { start: hit.snippet.cutStart, end: hit.snippet.cutEnd },
    match: hit.match,
    report: {
      title: title ?? null,
      date: date ?? null,
      source: source ?? null,
      authors,
      page: page ?? null,
    },
    url: `${links.baseUrl}${paragraphPath(hit.reportId, hit.paragraph)}`,
    citations: citationsOf(hit.report, hit.paragraph, links),
  };
}

/** The JSON of a search result. */
export function toApiResult(result: SearchResult, links: LinkContext) {
  return {
    query: result.query,
    total: result.total,
    exact_total: result.exactTotal,
    related_total: result.relatedTotal,
    reports: result.reports,
    took_ms: Math.round(result.tookMs * 100) / 100,
    offset: result.offset,
    limit: result.limit,
    sort: result.sort,
    segmented: result.terms.map((term) => ({
      term: term.term,
      phrase: term.phrase,
      words: term.words,
      ...(term.pinyin ? { pinyin: term.pinyin } : {}),
    })),
    excluded: result.excluded,
    filters: result.filters,
    notices: result.notices,
    ...(result.empty ? { empty: result.empty } : {}),
    facets: result.facets,
    hits: result.hits.map((hit) => toApiHit(hit, links)),
  };
}
