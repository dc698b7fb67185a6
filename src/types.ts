// Domain types shared by every layer: reports, paragraphs, queries, hits and highlight spans.

/** What a paragraph is, as the corpus parser understood it. */
export type ParagraphKind = 'body' | 'heading' | 'caption';

/** One paragraph of a report, numbered from 1 within the report. */
export interface Paragraph {
  /** 1-based position in the report. */
  n: number;
  kind: ParagraphKind;
  /** The text exactly as it will be displayed and quoted (never normalised). */
  text: string;
  /** Photo credit of a caption, e.g. `通讯员 罗文 摄`. */
  credit?: string;
  /** The heading path above this paragraph inside the report, e.g. `有速度 › 推出系列“硬核”举措`. */
  heading?: string;
}

/** A report as read from the corpus. Unknown metadata stays undefined; nothing is invented. */
export interface Report {
  id: string;
  title?: string;
  /** ISO date, `YYYY-MM-DD` (or `YYYY-MM` / `YYYY` when only that much is known). */
  date?: string;
  /** The publication, e.g. `央视《新闻联播》`. */
  source?: string;
  authors: string[];
  /** 版次, the page in the printed edition. */
  page?: string;
  /** The newspaper section (栏目). */
  section?: string;
  url?: string;
  /**
   * What kind of publication the source is, when the front matter says so; citations infer it
   * from the source name otherwise.
   */
  medium?: 'newspaper' | 'broadcast' | 'web';
  /** Where the report came from: the corpus-relative file path, with `:line` for JSON Lines. */
  origin: string;
  paragraphs: Paragraph[];
}

/** A part of a paragraph's text, highlighted when `hit` is true. Spans joined give back the text. */
export interface Span {
  text: string;
  hit: boolean;
}

/** An excerpt of a paragraph: spans that join to a substring of it, and whether it was cut. */
export interface Snippet {
  spans: Span[];
  /** The excerpt starts after the paragraph's start (show an ellipsis before it). */
  cutStart: boolean;
  /** The excerpt ends before the paragraph's end (show an ellipsis after it). */
  cutEnd: boolean;
}

/** Report metadata without its paragraphs. */
export type ReportMeta = Omit<Report, 'paragraphs'>;
