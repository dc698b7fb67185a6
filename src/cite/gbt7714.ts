// GB/T 7714-2015 reference entries for a report, in print and online forms, and the quote-with-citation text.
import type { ReportMeta } from '../types.ts';
import {
  endsSentence,
  parseAccessDate,
  readCitable,
  withFullStop,
  type CitableReport,
  type CiteOptions,
} from './medium.ts';

// Layouts used, all with the half-width `. , [ ] ( )` of the standard's examples:
//
//   newspaper (§4.4 连续出版物中的析出文献, with the §8.8.4 出版日期(版次) of a paper):
//     作者. 题名[N]. 报纸名, 出版日期(版次).
//     作者. 题名[N/OL]. 报纸名, 出版日期(版次)[引用日期]. 获取和访问路径.
//   web page (§4.6 电子资源; the brief's "§4.8" is 4.6 in the 2015 text):
//     作者. 题名[EB/OL]. 出版者, 出版年(更新或修改日期)[引用日期]. 获取和访问路径.
//     §8.4.1.3 lets an electronic resource drop the unknown 出版地, so the source stands alone
//     as 出版者 (the standard's own example: `Open University Press, 2011: 105[2014-06-16]. http…`).
//     The full date goes in the parentheses §7 reserves for 更新或修改日期; with a year only, the
//     year is printed once. With no source the 出版项 goes too and the entry reads
//     `题名[EB/OL]. (2008-05-04)[2013-03-08]. http…` exactly as the standard's examples do.
//     An EB/OL entry always carries its access path, so for a web page the print form and the
//     online form are one and the same.
//   broadcast: Appendix B has no code for broadcasts and a transcript is not a printed paper, so
//     the print form uses `Z` (其他). A daily programme such as 《新闻联播》 is a serial dated like a
//     paper, so its items take the §4.4 layout without a 版次: `题名[Z]. 央视《新闻联播》, 2020-01-24.`
//     Read online, the transcript is a web page published by the broadcaster, and the standard's
//     `EB` (电子公告) with carrier `OL` is what its own examples use for such pages; `Z/OL` would tell
//     a reader less. The online form therefore uses the web-page layout above.
//
// Missing metadata is left out, never guessed: no author starts the entry at the title (§8.1.3
// allows this in the numeric system); the 出处项 of a newspaper disappears when neither paper nor
// date is known, and the 版次 with it. A missing title, which no layout can do without, is marked
// `[题名不详]` after the standard's own `[出版地不详]` / `[出版者不详]`. The type code always
// follows the title, so a title ending in `？` or `！` needs no full stop of its own: `…吗？[N].`

const UNKNOWN_TITLE = '[题名不详]';

/** `A, B, C`, and past three names the first three then `, 等` (`, et al.` for Latin names), §8.1.2. */
function formatCreators(authors: readonly string[]): string {
  if (authors.length <= 3) return authors.join(', ');
  const firstThree = authors.slice(0, 3);
  const etAl = firstThree.some((name) => /\p{Script=Han}/u.test(name)) ? '等' : 'et al.';
  return `${firstThree.join(', ')}, ${etAl}`;
}

/** Joins the entry's items with the standard's `. ` and ends it with one full stop (§7). */
function joinItems(items: readonly string[]): string {
  let entry = '';
  for (const item of items) {
    if (item === '') continue;
    if (entry === '') entry = item;
    else entry += endsSentence(entry) ? ` ${item}` : `. ${item}`;
  }
  return withFullStop(entry);
}

function titleWithCode(report: CitableReport, code: string): string {
  return `${report.title ?? UNKNOWN_TITLE}[${code}]`;
}

/** `报纸名, 出版日期(版次)`, with whatever part of it is known; the 版次 needs a paper or a date. */
function serialSource(report: CitableReport, withPage: boolean): string {
  const sourceAndDate = [report.source, report.date?.iso]
    .filter((part) => part !== undefined)
    .join(', ');
  if (sourceAndDate === '' || !withPage || report.page === undefined) return sourceAndDate;
  return `${sourceAndDate}(${report.page})`;
}

function newspaperEntry(report: CitableReport, accessed: string | undefined): string {
  const creators = formatCreators(report.authors);
  if (accessed === undefined || report.accessPath === undefined) {
    return joinItems([creators, titleWithCode(report, 'N'), serialSource(report, true)]);
  }
  return joinItems([
    creators,
    titleWithCode(report, 'N/OL'),
    `${serialSource(report, true)}[${accessed}]`,
    report.accessPath,
  ]);
}

function electronicEntry(report: CitableReport, accessed: string): string {
  const { source, date } = report;
  const modified = date === undefined ? '' : `(${date.iso})`;
  let publication: string;
  if (source === undefined) publication = `${modified}[${accessed}]`;
  else if (date === undefined) publication = `${source}[${accessed}]`;
  else if (date.month === undefined) publication = `${source}, ${date.year}[${accessed}]`;
  else publication = `${source}, ${date.year}${modified}[${accessed}]`;
  return joinItems([
    formatCreators(report.authors),
    titleWithCode(report, 'EB/OL'),
    publication,
    report.accessPath ?? '',
  ]);
}

function broadcastEntry(report: CitableReport): string {
  return joinItems([
    formatCreators(report.authors),
    titleWithCode(report, 'Z'),
    serialSource(report, false),
  ]);
}

/** GB/T 7714-2015 entry for citing the report as printed (or broadcast); web pages keep their URL. */
export function formatGbt7714(report: ReportMeta, opts: CiteOptions): string {
  return gbt7714Of(readCitable(report, opts), opts);
}

/** {@link formatGbt7714} of a report already read by {@link readCitable} with `opts`. */
export function gbt7714Of(citable: CitableReport, opts: CiteOptions): string {
  switch (citable.medium) {
    case 'newspaper':
      return newspaperEntry(citable, undefined);
    case 'broadcast':
      return broadcastEntry(citable);
    case 'web':
      return electronicEntry(citable, parseAccessDate(opts.accessed).iso);
  }
}

/**
 * GB/T 7714-2015 entry for citing the report as read online, with [引用日期] and the report's URL
 * (the archive permalink when it has none). With no URL and no permalink there is nothing online to
 * point to, so the entry is the print form rather than an `/OL` entry without its access path.
 */
export function formatGbt7714Online(report: ReportMeta, opts: CiteOptions): string {
  return gbt7714OnlineOf(readCitable(report, opts), opts);
}

/** {@link formatGbt7714Online} of a report already read by {@link readCitable} with `opts`. */
export function gbt7714OnlineOf(citable: CitableReport, opts: CiteOptions): string {
  if (citable.accessPath === undefined && citable.medium !== 'web') {
    return gbt7714Of(citable, opts);
  }
  const accessed = parseAccessDate(opts.accessed).iso;
  switch (citable.medium) {
    case 'newspaper':
      return newspaperEntry(citable, accessed);
    case 'broadcast':
    case 'web':
      return electronicEntry(citable, accessed);
  }
}

/**
 * The text a journalist pastes: the paragraph in 「」, the print-form GB/T 7714 entry, and the
 * archive permalink on its own line (left out when there is none).
 */
export function formatQuoteWithCitation(
  paragraphText: string,
  report: ReportMeta,
  opts: CiteOptions,
): string {
  const lines = [`「${paragraphText}」`, formatGbt7714(report, opts)];
  const permalink = opts.permalink?.trim() ?? '';
  if (permalink !== '') lines.push(permalink);
  return lines.join('\n');
}
