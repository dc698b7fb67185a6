// APA 7 reference entries for reports: newspaper articles, web posts and broadcast transcripts alike.
import type { ReportMeta } from '../types.ts';
import {
  readCitable,
  withFullStop,
  type CitableReport,
  type CiteOptions,
  type PartialDate,
} from './medium.ts';

// Decisions APA leaves to the writer for this archive:
// - Names are printed as written (`蔡小芹`), never inverted or reduced to initials: Chinese names
//   have no given-name initials to take, and guessing which part of a Latin name is the surname
//   would invent metadata.
// - Authors are separated by `, ` with `, & ` before the last, even for two, as APA's "comma
//   before the ampersand" rule and the reference managers' APA styles do; past 20 authors, the
//   first 19, `. . .` and the last (APA 7 §9.8).
// - No author: the title moves to the author position (§9.12). No title: `[Untitled]`, APA's
//   bracketed description (§9.22) in its most neutral wording.
// - A title ending in `?` or `!` (either width) keeps it instead of a full stop (§9.19).
// - The 版次 of a newspaper follows the paper's name as in APA's print-newspaper example
//   (`The Washington Post, A1.`); other media have no page.
// - The URL is the report's own, else the archive permalink, and ends the entry without a full
//   stop (§9.35). Titles and sources are plain text: italics are the view's business.

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

function formatApaDate(date: PartialDate | undefined): string {
  if (date === undefined) return '(n.d.)';
  if (date.month === undefined) return `(${date.year})`;
  const month = MONTHS[date.month - 1] ?? '';
  if (date.day === undefined) return `(${date.year}, ${month})`;
  return `(${date.year}, ${month} ${date.day})`;
}

function formatApaAuthors(authors: readonly string[]): string {
  const last = authors[authors.length - 1];
  if (authors.length <= 1 || last === undefined) return authors.join('');
  if (authors.length > 20) return `${authors.slice(0, 19).join(', ')}, . . . ${last}`;
  return `${authors.slice(0, -1).join(', ')}, & ${last}`;
}

/** An APA 7 reference entry: `Author. (2021, January 15). Title. Source, 3. URL` */
export function formatApa(report: ReportMeta, opts: CiteOptions): string {
  return apaOf(readCitable(report, opts));
}

/** {@link formatApa} of a report already read by {@link readCitable}. */
export function apaOf(citable: CitableReport): string {
  const title = withFullStop(citable.title ?? '[Untitled]');
  const date = `${formatApaDate(citable.date)}.`;
  const parts =
    citable.authors.length > 0
      ? [withFullStop(formatApaAuthors(citable.authors)), date, title]
      : [title, date];
  if (citable.source !== undefined) {
    const page =
      citable.medium === 'newspaper' && citable.page !== undefined ? `, ${citable.page}` : '';
    parts.push(withFullStop(`${citable.source}${page}`));
  }
  if (citable.accessPath !== undefined) parts.push(citable.accessPath);
  return parts.join(' ');
}
