// Machine-readable exports of a report for reference managers: RIS, BibTeX (biblatex) and CSL-JSON.
import type { ReportMeta } from '../types.ts';
import {
  parseAccessDate,
  readCitable,
  type CiteOptions,
  type Medium,
  type PartialDate,
} from './medium.ts';

// Unlike the formatted entries, the exports carry every known field, the page included for any
// medium: they are data for another program, which decides what to print.

// RIS types: NEWS (newspaper) and ELEC (web page) are the spec's own. RIS has no broadcast type,
// and NEWS would make reference managers file a transcript as a newspaper article, so a broadcast
// is GEN (generic), which they import with its title, programme (T2) and date intact.
const RIS_TYPE: Record<Medium, string> = { newspaper: 'NEWS', web: 'ELEC', broadcast: 'GEN' };

/** RIS dates are `YYYY/MM/DD/` with empty parts for what is unknown. */
function risDate(date: PartialDate): string {
  const pad = (n: number | undefined): string =>
    n === undefined ? '' : String(n).padStart(2, '0');
  return `${date.year}/${pad(date.month)}/${pad(date.day)}/`;
}

/** An RIS record, CRLF line endings as the RIS specification prescribes, ending `ER  - `. */
export function toRis(report: ReportMeta, opts: CiteOptions): string {
  const citable = readCitable(report, opts);
  const lines: string[] = [];
  const tag = (name: string, value: string | undefined): void => {
    // A field is one line; a line break inside a value would start a bogus tag.
    if (value !== undefined) lines.push(`${name}  - ${value.replace(/\s+/gu, ' ').trim()}`);
  };
  tag('TY', RIS_TYPE[citable.medium]);
  tag('ID', citable.id);
  for (const author of citable.authors) tag('AU', author);
  tag('TI', citable.title);
  tag('T2', citable.source);
  if (citable.date !== undefined) {
    tag('DA', risDate(citable.date));
    tag('PY', String(citable.date.year));
  }
  tag('SP', citable.page);
  tag('UR', citable.accessPath);
  tag('Y2', risDate(parseAccessDate(opts.accessed)));
  lines.push('ER  - ');
  return `${lines.join('\r\n')}\r\n`;
}

const BIBTEX_SPECIALS: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  '%': '\\%',
  '&': '\\&',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '^': '\\^{}',
  '~': '\\~{}',
};

/** Escapes the characters TeX treats specially, in one pass so no escape is escaped again. */
export function escapeBibtex(value: string): string {
  return value.replace(/[\\{}%&$#_^~]/gu, (char) => BIBTEX_SPECIALS[char] ?? char);
}

/** A BibTeX key from the report id: runs of characters outside `[A-Za-z0-9_-]` become one `_`. */
export function bibtexKey(id: string): string {
  const key = id.replace(/[^A-Za-z0-9_-]+/gu, '_');
  return /[A-Za-z0-9]/u.test(key) ? key : 'report';
}

// biblatex's `url` is a verbatim field: TeX escapes would become part of the link, so the URL is
// left as is except for the braces and backslash that would unbalance the entry, which are
// percent-encoded as a browser would send them anyway.
function bibtexUrl(url: string): string {
  return url.replace(/[{}\\]/gu, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * A BibTeX entry for biblatex (the brief's `urldate` is biblatex's field, and so is `date`, which
 * keeps a newspaper's day; classic BibTeX's year/month cannot): `@article` with `journal` and
 * `entrysubtype = {newspaper}` for papers, `@misc` with `howpublished` for web and broadcast.
 * Each author is braced so a name is never split into given and family parts.
 */
export function toBibtex(report: ReportMeta, opts: CiteOptions): string {
  const citable = readCitable(report, opts);
  const fields: string[] = [];
  const field = (name: string, value: string | undefined): void => {
    if (value !== undefined) fields.push(`  ${name} = {${value}}`);
  };
  if (citable.authors.length > 0) {
    field('author', citable.authors.map((name) => `{${escapeBibtex(name)}}`).join(' and '));
  }
  field('title', citable.title === undefined ? undefined : escapeBibtex(citable.title));
  const source = citable.source === undefined ? undefined : escapeBibtex(citable.source);
  if (citable.medium === 'newspaper') {
    field('journal', source);
    field('entrysubtype', 'newspaper');
  } else {
    field('howpublished', source);
  }
  field('date', citable.date?.iso);
  field('pages', citable.page === undefined ? undefined : escapeBibtex(citable.page));
  field('url', citable.accessPath === undefined ? undefined : bibtexUrl(citable.accessPath));
  field('urldate', parseAccessDate(opts.accessed).iso);
  const type = citable.medium === 'newspaper' ? 'article' : 'misc';
  return `@${type}{${bibtexKey(citable.id)},\n${fields.join(',\n')}\n}\n`;
}

/** A CSL date: `{ 'date-parts': [[year, month?, day?]] }`. */
export interface CslDate {
  'date-parts': [number[]];
}

/** The CSL-JSON item a report exports as; only known fields are present. */
export interface CslItem {
  id: string;
  type: 'article-newspaper' | 'webpage' | 'broadcast';
  title?: string;
  author?: { literal: string }[];
  issued?: CslDate;
  'container-title'?: string;
  page?: string;
  URL?: string;
  accessed: CslDate;
}

const CSL_TYPE: Record<Medium, CslItem['type']> = {
  newspaper: 'article-newspaper',
  web: 'webpage',
  broadcast: 'broadcast',
};

function cslDate(date: PartialDate): CslDate {
  const parts = [date.year];
  if (date.month !== undefined) parts.push(date.month);
  if (date.day !== undefined) parts.push(date.day);
  return { 'date-parts': [parts] };
}

/** A CSL-JSON item (plain object); names are literals, since none can be split reliably. */
export function toCslJson(report: ReportMeta, opts: CiteOptions): CslItem {
  const citable = readCitable(report, opts);
  return {
    id: citable.id,
    type: CSL_TYPE[citable.medium],
    ...(citable.title !== undefined && { title: citable.title }),
    ...(citable.authors.length > 0 && {
      author: citable.authors.map((literal) => ({ literal })),
    }),
    ...(citable.date !== undefined && { issued: cslDate(citable.date) }),
    ...(citable.source !== undefined && { 'container-title': citable.source }),
    ...(citable.page !== undefined && { page: citable.page }),
    ...(citable.accessPath !== undefined && { URL: citable.accessPath }),
    accessed: cslDate(parseAccessDate(opts.accessed)),
  };
}
