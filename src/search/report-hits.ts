// Hits that stand for a report (its title holds the query) and near misses, with their highlights.
import type { ArchiveStore } from '../index/archive.ts';
import type { ParagraphKind, ReportMeta, Snippet } from '../types.ts';
import {
  bestPerReport,
  HEADLINE_PAIRS,
  nearParagraphs,
  nearTitles,
  type NearMiss,
  type NearMissOptions,
} from './near.ts';
import { rankTitles, titleSimilarity } from './titles.ts';
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

/** Near titles join the title hits only when fewer paragraphs than this hold the query. */
const NEAR_TITLES_BELOW = 10;

/** What {@link reportLevelHits} needs of a search. */
export interface ReportLevelInput {
  /** The literals the query was matched by, and those and its terms' words. */
  exactLiterals: readonly string[];
  relatedLiterals: readonly string[];
  /** The query's character pairs (queryPairs of `exactLiterals`). */
  pairs: readonly string[];
  /** Ascending reports whose titles hold the query, and those holding its words, allowed by the filters. */
  titleReports: Uint32Array;
  relatedTitleReports: Uint32Array;
  /** What near misses leave out. */
  misses: NearMissOptions;
  /** Title hits to show (0 past the first page), and near misses to look for (0 when enough matched). */
  titlesShown: number;
  nearShown: number;
  /** Paragraphs that hold the query. */
  exactParagraphs: number;
  snippetLength: number;
}

/**
 * The title hits shown above the paragraphs and the near misses shown below them. The titles:
 * the best of those holding the query, then of those holding its words and, for what may be a
 * headline misremembered ({@link HEADLINE_PAIRS} pairs or more, no title holding it, fewer than
 * {@link NEAR_TITLES_BELOW} paragraphs), of the titles nearest it, those sharing the most
 * character pairs with it. The near misses: the titles and paragraphs sharing the most of the
 * query's pairs, one a report, of reports not among the title hits.
 */
export function reportLevelHits(
  store: ArchiveStore,
  input: ReportLevelInput,
): { titleHits: TitleHit[]; near: NearHit[] } {
  const { exactLiterals, relatedLiterals, pairs, titlesShown, nearShown, snippetLength } = input;
  const best = rankTitles(
    store,
    input.titleReports,
    input.relatedTitleReports,
    exactLiterals,
    titlesShown,
  );
  const exact = best.filter((title) => title.match === 'exact');
  const titleHits = exact.map(({ report }) =>
    toTitleHit(store, report, 'exact', exactLiterals, snippetLength),
  );
  const shown = new Set(exact.map(({ report }) => report));
  const left = titlesShown - exact.length;
  // A headline misremembered: long, no title holds it, and few paragraphs (it is no phrase of them).
  const headline =
    pairs.length >= HEADLINE_PAIRS &&
    exact.length === 0 &&
    input.exactParagraphs < NEAR_TITLES_BELOW;
  // Worked out once for both places they may be shown in.
  const titleMisses =
    (left > 0 && headline) || nearShown > 0
      ? nearTitles(store, pairs, input.misses, 2 * Math.max(left, nearShown))
      : [];
  const others = best
    .filter((title) => title.match === 'related')
    .map(({ report, near }) => ({
      hit: toTitleHit(store, report, 'related', relatedLiterals, snippetLength),
      near,
      report,
    }));
  if (headline) {
    for (const miss of titleMisses.slice(0, left)) {
      others.push({
        hit: toTitleHit(store, miss.report, 'near', pairs, snippetLength, miss.score),
        near: titleSimilarity(store, miss.report, exactLiterals),
        report: miss.report,
      });
    }
  }
  // Stable: a related title before a near one of the same similarity.
  others.sort((a, b) => b.near - a.near);
  for (const other of others.slice(0, left)) {
    titleHits.push(other.hit);
    shown.add(other.report);
  }
  if (nearShown === 0) return { titleHits, near: [] };
  const paragraphs = nearParagraphs(store, pairs, input.misses, 2 * nearShown);
  const misses = bestPerReport(
    [...titleMisses, ...paragraphs].filter((miss) => !shown.has(miss.report)),
    nearShown,
  );
  return { titleHits, near: misses.map((miss) => toNearHit(store, miss, pairs, snippetLength)) };
}
