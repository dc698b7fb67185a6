// The JSON shape of search results and reports, shared by /api/search and `baoku search --json`.
import { formatAll } from '../cite/index.ts';
import type { HitMatch, SearchHit, SearchResult } from '../search/search.ts';
import type { NearHit, ShownParagraph, TitleHit } from '../search/report-hits.ts';
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
export interface ApiHit extends ApiShownParagraph {
  report_id: string;
  match: HitMatch;
  /** The report's title with the query's literals marked, as `snippet` marks the text. */
  title_snippet: string;
  report: ApiReport;
}

/** A report's metadata in the API; unknown fields are null, so every hit has the same keys. */
interface ApiReport {
  title: string | null;
  date: string | null;
  source: string | null;
  authors: string[];
  page: string | null;
}

type Citations = ReturnType<typeof citationsOf>;

/** A paragraph shown with a report-level hit, as the API returns it. */
interface ApiShownParagraph {
  paragraph: number;
  kind: string;
  text: string;
  snippet: string;
  spans: Span[];
  snippet_cut: { start: boolean; end: boolean };
  url: string;
  citations: Citations;
}

function apiReport(report: ReportMeta): ApiReport {
  const { title, date, source, authors, page } = report;
  return {
    title: title ?? null,
    date: date ?? null,
    source: source ?? null,
    authors,
    page: page ?? null,
  };
}

function toApiShown(
  report: ReportMeta,
  shown: ShownParagraph,
  links: LinkContext,
): ApiShownParagraph {
  return {
    paragraph: shown.paragraph,
    kind: shown.kind,
    text: shown.text,
    // The escaped HTML, hits in <mark>: the same markup as the pages show.
    snippet: snippetMarkup(shown.snippet),
    spans: shown.snippet.spans,
    snippet_cut: { start: shown.snippet.cutStart, end: shown.snippet.cutEnd },
    url: `${links.baseUrl}${paragraphPath(report.id, shown.paragraph)}`,
    citations: citationsOf(report, shown.paragraph, links),
  };
}

function toApiTitleHit(hit: TitleHit, links: LinkContext) {
  return {
    report_id: hit.reportId,
    match: hit.match,
    ...(hit.share === undefined ? {} : { share: hit.share }),
    title_snippet: snippetMarkup(hit.title),
    report: apiReport(hit.report),
    url: `${links.baseUrl}${reportPath(hit.reportId)}`,
    lead: hit.lead === null ? null : toApiShown(hit.report, hit.lead, links),
  };
}

function toApiNearHit(hit: NearHit, links: LinkContext) {
  return {
    report_id: hit.reportId,
    where: hit.where,
    share: hit.share,
    title_snippet: snippetMarkup(hit.title),
    report: apiReport(hit.report),
    url: `${links.baseUrl}${reportPath(hit.reportId)}`,
    paragraph: hit.paragraph === null ? null : toApiShown(hit.report, hit.paragraph, links),
  };
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
  const { url, citations, ...paragraph } = toApiShown(hit.report, hit, links);
  return {
    report_id: hit.reportId,
    ...paragraph,
    match: hit.match,
    title_snippet: snippetMarkup(hit.title),
    report: apiReport(hit.report),
    url,
    citations,
  };
}

/** The JSON of a search result. */
export function toApiResult(result: SearchResult, links: LinkContext) {
  return {
    query: result.query,
    total: result.total,
    exact_total: result.exactTotal,
    title_total: result.titleTotal,
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
    titles: {
      total: result.titles.total,
      related: result.titles.related,
      hits: result.titles.hits.map((hit) => toApiTitleHit(hit, links)),
    },
    near: result.near.map((hit) => toApiNearHit(hit, links)),
  };
}
