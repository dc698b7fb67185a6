// MLA 9 works-cited entries for reports: author, “title,” and the source as the container.
import type { ReportMeta } from '../types.ts';
import {
  endsSentence,
  parseAccessDate,
  readCitable,
  withFullStop,
  type CitableReport,
  type CiteOptions,
  type PartialDate,
} from './medium.ts';

// Decisions MLA leaves to the writer for this archive:
// - Names are printed as written, never inverted (see apa.ts for why); two authors are joined with
//   `, and ` as MLA's template and the reference managers' MLA styles print them; three or more
//   give the first and `, et al.`.
// - The source is the container; its date and, for newspapers, the 版次 as `p. 3` follow it. A
//   broadcast or web page has no page.
// - An untitled report simply has no title element: MLA omits what does not apply, and a made-up
//   description would be invented metadata.
// - The URL (the report's own, else the archive permalink) ends with a full stop, and an access
//   date follows it only when the report is undated, where MLA 9 recommends one.

const MONTHS = [
  'Jan.',
  'Feb.',
  'Mar.',
  'Apr.',
  'May',
  'June',
  'July',
  'Aug.',
  'Sept.',
  'Oct.',
  'Nov.',
  'Dec.',
] as const;

function formatMlaDate(date: PartialDate): string {
  if (date.month === undefined) return String(date.year);
  const month = MONTHS[date.month - 1] ?? '';
  if (date.day === undefined) return `${month} ${date.year}`;
  return `${date.day} ${month} ${date.year}`;
}

function formatMlaAuthors(authors: readonly string[]): string {
  const [first, second] = authors;
  if (first === undefined) return '';
  if (second === undefined) return first;
  if (authors.length === 2) return `${first}, and ${second}`;
  return `${first}, et al.`;
}

function formatMlaPage(page: string): string {
  return /[-–—,]/u.test(page) ? `pp. ${page}` : `p. ${page}`;
}

/** An MLA 9 works-cited entry: `Author. “Title.” Source, 15 Jan. 2021, p. 3. URL.` */
export function formatMla(report: ReportMeta, opts: CiteOptions): string {
  return mlaOf(readCitable(report, opts), opts);
}

/** {@link formatMla} of a report already read by {@link readCitable} with `opts`. */
export function mlaOf(citable: CitableReport, opts: CiteOptions): string {
  const parts: string[] = [];
  if (citable.authors.length > 0) parts.push(withFullStop(formatMlaAuthors(citable.authors)));
  if (citable.title !== undefined) {
    const title = citable.title;
    parts.push(`“${endsSentence(title) ? title : `${title}.`}”`);
  }
  const container = [
    citable.source,
    citable.date === undefined ? undefined : formatMlaDate(citable.date),
    citable.medium === 'newspaper' && citable.page !== undefined
      ? formatMlaPage(citable.page)
      : undefined,
  ].filter((element) => element !== undefined);
  if (container.length > 0) parts.push(withFullStop(container.join(', ')));
  if (citable.accessPath !== undefined) {
    parts.push(withFullStop(citable.accessPath));
    if (citable.date === undefined) {
      parts.push(`Accessed ${formatMlaDate(parseAccessDate(opts.accessed))}.`);
    }
  }
  return parts.join(' ');
}
