// Props shared by the views: plain data prepared by the web layer (views never call search).
import type { Snippet, Span, ReportMeta, ParagraphKind } from '../src/types.ts';

/** A link in the page: text and where it goes. */
export interface Link {
  href: string;
  label: string;
}

/** The archive's size, for the home page. */
export interface ArchiveSummary {
  reports: number;
  paragraphs: number;
  firstDate?: string;
  lastDate?: string;
}

/** The search form's current values. */
export interface SearchForm {
  q: string;
  source?: string;
  title?: string;
  from?: string;
  to?: string;
  sort: 'relevance' | 'date';
}

/** One hit as the results list shows it. */
export interface HitView {
  reportId: string;
  paragraph: number;
  kind: ParagraphKind;
  snippet: Snippet;
  /** The report's title, the query's words marked where it holds them. */
  title: Snippet;
  match: 'exact' | 'title' | 'related';
  heading?: string;
  report: ReportMeta;
  paragraphHref: string;
  reportHref: string;
}

/** A paragraph shown beside a report-level hit: the one to cite. */
export interface ShownParagraphView {
  paragraph: number;
  snippet: Snippet;
  paragraphHref: string;
}

/** A report whose title holds the whole query. */
export interface TitleHitView {
  /** `exact`: the title holds the query; `related`: each of its terms' words; `near`: much of it. */
  match: 'exact' | 'related' | 'near';
  /** For a near title: the share of the query's character pairs it holds, in percent. */
  percent?: number;
  reportId: string;
  report: ReportMeta;
  title: Snippet;
  reportHref: string;
  lead: ShownParagraphView | null;
}

/** A title or paragraph that holds much of the query: shown apart, never counted. */
export interface NearHitView {
  reportId: string;
  report: ReportMeta;
  where: 'title' | 'paragraph';
  /** Share of the query's character pairs it holds, in percent. */
  percent: number;
  title: Snippet;
  reportHref: string;
  paragraph: ShownParagraphView | null;
}

/** A facet value with its count and the filtered search it links to. */
export interface FacetView {
  label: string;
  count: number;
  /** The filtered search; null for a value that cannot be filtered for (an unknown source). */
  href: string | null;
  active: boolean;
}

/** Pagination: page links, current page, previous and next. */
export interface PagerView {
  current: number;
  pages: { number: number; href: string }[];
  prev?: string;
  next?: string;
}

/** Everything the results fragment shows. */
export interface ResultsView {
  form: SearchForm;
  total: number;
  exactTotal: number;
  titleTotal: number;
  relatedTotal: number;
  /** Reports whose title holds the query; `allHref` lists them all (a query of one term), else null. */
  titles: { total: number; related: number; hits: TitleHitView[]; allHref: string | null };
  near: NearHitView[];
  reports: number;
  terms: { term: string; phrase: boolean; words: string[]; pinyin?: string[] }[];
  excluded: string[];
  notices: string[];
  empty?: string;
  error?: string;
  hits: HitView[];
  firstIndex: number;
  facets: { source: FacetView[]; year: FacetView[] };
  pager: PagerView | null;
  /** Set when the page asked for lies past the last page of results. */
  pastEnd?: { page: number; pages: number; lastHref: string };
  tookMs: number;
}

/** A paragraph of a report page, with highlight spans. */
export interface ParagraphView {
  n: number;
  kind: ParagraphKind;
  spans: Span[];
  credit?: string;
  heading?: string;
  href: string;
}

/** The citations of one paragraph. */
export interface CitationView {
  gbt7714: string;
  gbt7714Online: string;
  apa: string;
  mla: string;
  quote: string;
  downloads: Link[];
  /** What the report's metadata lacks for a complete citation (e.g. 来源, 日期), to warn about. */
  missing: string[];
}
