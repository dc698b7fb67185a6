// What a report is as a citable work: its medium, and the cleaned facts every citation format reads.
import type { ReportMeta } from '../types.ts';

/** The kind of publication a report appeared in, as the citation formats distinguish them. */
export type Medium = 'newspaper' | 'broadcast' | 'web';

/** What the caller knows about the act of citing, as opposed to the report cited. */
export interface CiteOptions {
  /** permalink of the cited paragraph (or report) in the archive */
  permalink?: string;
  /** access date, YYYY-MM-DD, for online forms */
  accessed: string;
  /** 1-based paragraph number being cited, if any */
  paragraph?: number;
}

/** A date known to the year, the month or the day; `iso` is its `YYYY[-MM[-DD]]` spelling. */
export interface PartialDate {
  year: number;
  month?: number;
  day?: number;
  iso: string;
}

/**
 * A report's metadata as the formats use it: blank strings are gone, the date is parsed, and the
 * medium is decided once, so no format can disagree with another about what is known.
 */
export interface CitableReport {
  id: string;
  title?: string;
  authors: string[];
  date?: PartialDate;
  source?: string;
  page?: string;
  medium: Medium;
  /** The report's own URL, else the archive permalink: where a reader can check the citation. */
  accessPath?: string;
}

// Platform words come first: `人民日报微博` and `人民日报客户端` are web posts although they
// name a newspaper, and `央视网` is a website although it names a broadcaster.
const WEB_SOURCE = /微博|微信|公众号|客户端|网站|网$|\.(?:com|cn|net|org)\b/iu;
// Newspapers before broadcasters, so that `广播电视报` (a printed TV guide) stays a paper.
// 周刊 is a weekly magazine more often than a newspaper, but of the three media it is closest
// to print periodicals; set `medium` in the front matter when that is wrong.
const NEWSPAPER_SOURCE = /日报|晚报|时报|早报|晨报|周报|周刊|报$/u;
const BROADCAST_SOURCE = /新闻联播|电视|广播|电台|卫视|CCTV|央视/iu;

/** Strips book-title marks and a trailing parenthetical so `《人民日报》（海外版）` reads as `人民日报`. */
function bareSourceName(source: string): string {
  return source
    .replace(/[《》〈〉]/gu, '')
    .replace(/\s*[（(][^）)]*[）)]\s*$/u, '')
    .trim();
}

/** The report's medium: the front matter's word if given, else a guess from the source name and URL. */
export function inferMedium(report: ReportMeta): Medium {
  if (report.medium !== undefined) return report.medium;
  const source = bareSourceName(report.source ?? '');
  const hasUrl = webUrl(report.url) !== undefined;
  if (source !== '') {
    if (WEB_SOURCE.test(source)) return 'web';
    if (NEWSPAPER_SOURCE.test(source)) return 'newspaper';
    if (BROADCAST_SOURCE.test(source)) return 'broadcast';
  }
  return hasUrl ? 'web' : 'newspaper';
}

/** Days in `month` (1–12) of `year`, Gregorian. */
function daysInMonth(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

/**
 * Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; anything else, including impossible dates such as
 * `2021-02-30`, gives undefined, because printing a malformed date would mislead a reader.
 */
export function parsePartialDate(text: string | undefined): PartialDate | undefined {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/u.exec((text ?? '').trim());
  if (match === null) return undefined;
  const [iso, yearText, monthText, dayText] = match;
  const year = Number(yearText);
  if (monthText === undefined) return { year, iso };
  const month = Number(monthText);
  if (month < 1 || month > 12) return undefined;
  if (dayText === undefined) return { year, month, iso };
  const day = Number(dayText);
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day, iso };
}

/** The access date as a full date; a caller passing anything else has a bug, so it throws. */
export function parseAccessDate(accessed: string): PartialDate & { month: number; day: number } {
  const date = parsePartialDate(accessed);
  if (date?.month === undefined || date.day === undefined) {
    throw new RangeError(
      `baoku: citation access date must be YYYY-MM-DD, got ${JSON.stringify(accessed)}`,
    );
  }
  return { ...date, month: date.month, day: date.day };
}

/** A report URL worth citing: http(s) only; anything else (`javascript:`, a bare path) is dropped. */
function webUrl(text: string | undefined): string | undefined {
  const url = present(text);
  return url !== undefined && /^https?:\/\/[^\s]+$/iu.test(url) ? url : undefined;
}

function present(text: string | undefined): string | undefined {
  let trimmed = (text ?? '').trim();
  // Most fields hold no whitespace but single spaces: then there is nothing to collapse.
  if (COLLAPSIBLE_SPACE.test(trimmed)) trimmed = trimmed.replace(/\s+/gu, ' ');
  return trimmed === '' ? undefined : trimmed;
}

/** Whitespace that {@link present} rewrites: any but a space, or a run of spaces. */
const COLLAPSIBLE_SPACE = /[^\S ]| {2}/u;

/** Reads a report's metadata once for citing; unknown or blank fields stay undefined. */
export function readCitable(
  report: ReportMeta,
  opts?: Pick<CiteOptions, 'permalink'>,
): CitableReport {
  const citable: CitableReport = {
    id: report.id,
    authors: report.authors.map((name) => present(name)).filter((name) => name !== undefined),
    medium: inferMedium(report),
  };
  const title = present(report.title);
  const date = parsePartialDate(report.date);
  const source = present(report.source);
  const page = present(report.page);
  const accessPath = webUrl(report.url) ?? present(opts?.permalink);
  if (title !== undefined) citable.title = title;
  if (date !== undefined) citable.date = date;
  if (source !== undefined) citable.source = source;
  if (page !== undefined) citable.page = page;
  if (accessPath !== undefined) citable.accessPath = accessPath;
  return citable;
}

/** True when text already ends a sentence, so a format must not add its own full stop. */
export function endsSentence(text: string): boolean {
  // The last code unit alone: an anchored regular expression would try every position of the text.
  switch (text.charCodeAt(text.length - 1)) {
    case 0x2e: // .
    case 0x3f: // ?
    case 0x21: // !
    case 0x3002: // 。
    case 0xff1f: // ？
    case 0xff01: // ！
      return true;
    default:
      return false;
  }
}

/** Text followed by a full stop unless it already ends with one, `?` or `!` (either width). */
export function withFullStop(text: string): string {
  return endsSentence(text) ? text : `${text}.`;
}
