// Hits that stand for a report (its title holds the query) and near misses, with their highlights.
import type { ArchiveStore } from '../index/archive.ts';
import type { ParagraphKind, ReportMeta, Snippet } from '../types.ts';
import type { NearMiss } from './near.ts';
import { buildSnippet, findHitRanges } from './snippet.ts';

/** A paragraph shown with a report-level hit: the paragraph to cite, with its highlights. */
export interface ShownParagraph {
  id: number;
  /** 1-based paragraph number in its report. */
  paragraph: number;
  kind: ParagraphKind;
  text: string;
  snippet: Snippet;
}

/** A report whose title holds every term of the query. */
export interface TitleHit {
  /**
   * Whether the title holds the query's literals (`exact`), each term's words (`related`), or
   * much of the query's character pairs (`near`: a near miss, shown first for a headline).
   */
  match: 'exact' | 'related' | 'near';
  /** For a near title: the share of the query's pairs it holds (0–1). */
  share?: number;
  reportId: string;
  report: ReportMeta;
  /** The report's title, the query's literals marked. */
  title: Snippet;
  /** Its lead paragraph (the first body paragraph), for citing; null for a report of none. */
  lead: ShownParagraph | null;
}

/** A title or paragraph that holds much of the query but not all: shown apart, never counted. */
export interface NearHit {
  reportId: string;
  report: ReportMeta;
  /** Where the query's character pairs were found: the report's title or one of its paragraphs. */
  where: 'title' | 'paragraph';
  /** The weighted share of the query's pairs it holds (0–1, a little more for a dense one). */
  share: number;
  /** The report's title, the shared pairs marked. */
  title: Snippet;
  /** The paragraph that holds them, or for a title its lead paragraph. */
  paragraph: ShownParagraph | null;
}

/** A near miss's score as the share shown: at most 1, to three places. */
function shareOf(score: number): number {
  return Math.round(Math.min(1, score) * 1000) / 1000;
}

/** The title of report `r` as a snippet, `literals` (normalised) marked. */
export function titleSnippet(store: ArchiveStore, r: number, literals: readonly string[]): Snippet {
  const title = store.report(r).title ?? '';
  return buildSnippet(
    title,
    findHitRanges(title, literals, store.facts.titles[r]),
    title.length + 1,
  );
}

/** Paragraphs looked at for a lead: a report may open with a heading or a photo caption. */
const LEAD_WITHIN = 8;

/** Paragraph `id` as shown beside a report-level hit, `literals` marked in an excerpt. */
export function shownParagraph(
  store: ArchiveStore,
  id: number,
  literals: readonly string[],
  snippetLength: number,
): ShownParagraph {
  const record = store.paragraph(id);
  return {
    id,
    paragraph: record.n,
    kind: record.kind,
    text: record.text,
    snippet: buildSnippet(
      record.text,
      findHitRanges(record.text, literals, store.normOf(id)),
      snippetLength,
    ),
  };
}

/** The id of report `r`'s lead paragraph: its first body paragraph, else its first; null for none. */
export function leadParagraph(store: ArchiveStore, r: number): number | null {
  const { first, count } = store.paragraphRange(r);
  if (count === 0) return null;
  for (let id = first; id < first + Math.min(count, LEAD_WITHIN); id++) {
    if (store.kindOf(id) === 'body') return id;
  }
  return first;
}

/** A title hit of report `r`. */
export function toTitleHit(
  store: ArchiveStore,
  r: number,
  match: TitleHit['match'],
  literals: readonly string[],
  snippetLength: number,
  score?: number,
): TitleHit {
  const report = store.report(r);
  const lead = leadParagraph(store, r);
  return {
    match,
    ...(score === undefined ? {} : { share: shareOf(score) }),
    reportId: report.id,
    report,
    title: titleSnippet(store, r, literals),
    lead: lead === null ? null : shownParagraph(store, lead, literals, snippetLength),
  };
}

/** A near miss as shown, `pairs` (the query's character pairs) marked. */
export function toNearHit(
  store: ArchiveStore,
  miss: NearMiss,
  pairs: readonly string[],
  snippetLength: number,
): NearHit {
  const report = store.report(miss.report);
  const id = miss.id ?? leadParagraph(store, miss.report);
  return {
    reportId: report.id,
    report,
    where: miss.id === null ? 'title' : 'paragraph',
    share: shareOf(miss.score),
    title: titleSnippet(store, miss.report, pairs),
    paragraph: id === null ? null : shownParagraph(store, id, pairs, snippetLength),
  };
}
