// Report metadata as written in YAML front matter or a JSON Lines record: split, validate, normalise.
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { CorpusError } from '../errors.ts';
import type { ReportMeta } from '../types.ts';

/** The metadata a corpus file may state; every field optional, `origin` is the loader's business. */
export type StatedMeta = Partial<Omit<ReportMeta, 'origin'>>;

/** An absent value and a YAML `key:` with nothing after it both mean "not stated". */
const optional = <T extends z.ZodType>(schema: T) =>
  schema.nullish().transform((value) => value ?? undefined);

/** Field types shared by front matter and JSON Lines; unknown keys are dropped. */
export const metaFieldsSchema = z.object({
  id: optional(z.string().min(1, 'must not be empty')),
  title: optional(z.string()),
  date: optional(z.union([z.string(), z.number(), z.date()])),
  source: optional(z.string()),
  authors: optional(z.union([z.string(), z.array(z.string())])),
  page: optional(z.union([z.string(), z.number()])),
  section: optional(z.string()),
  url: optional(z.string()),
  medium: optional(z.enum(['newspaper', 'broadcast', 'web'])),
});

export type MetaFields = z.output<typeof metaFieldsSchema>;

/** Front matter split off a Markdown or text file. */
export interface FrontMatter {
  /** The validated metadata; empty when the file has no front matter. */
  meta: StatedMeta;
  /** The text after the closing `---` (the whole text without front matter). */
  body: string;
}

const FENCE = /^---[ \t]*$/;
const CLOSING_FENCE = /^(?:---|\.\.\.)[ \t]*$/;

/** Splits optional `---` YAML front matter off a text and validates its fields. */
export function splitFrontMatter(text: string, file: string): FrontMatter {
  const lines = text.split('\n');
  if (lines[0] === undefined || !FENCE.test(lines[0])) {
    return { meta: {}, body: text };
  }
  const close = lines.findIndex((line, i) => i > 0 && CLOSING_FENCE.test(line));
  if (close === -1) {
    throw new CorpusError(file, 'the front matter opened by --- on line 1 is never closed');
  }
  const data = parseYamlMapping(lines.slice(1, close).join('\n'), file);
  return { meta: validateMetaFields(data, file, 'front matter'), body: lines.slice(close + 1).join('\n') };
}

function parseYamlMapping(yaml: string, file: string): Record<string, unknown> {
  const doc = parseDocument(yaml);
  const [error] = doc.errors;
  if (error !== undefined) {
    const firstLine = error.message.split('\n')[0] ?? error.message;
    throw new CorpusError(file, `the front matter is not valid YAML: ${firstLine}`, { cause: error });
  }
  const data: unknown = doc.toJS();
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data) || data instanceof Date) {
    throw new CorpusError(file, 'the front matter is not a YAML mapping of field: value');
  }
  return data as Record<string, unknown>;
}

/** Validates metadata fields (from front matter or a JSON record) and normalises them. */
export function validateMetaFields(data: unknown, file: string, context?: string): StatedMeta {
  const parsed = metaFieldsSchema.safeParse(data);
  if (!parsed.success) {
    const issues = formatIssues(parsed.error.issues);
    throw new CorpusError(file, context === undefined ? issues : `${context}: ${issues}`);
  }
  return normaliseMetaFields(parsed.data, file);
}

/** Turns zod issues into one readable line that names each offending field. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const message = issue.message.replace(/^Invalid input: /, '');
      const field = issue.path.map(String).join('.');
      if (field === '') return message;
      if (message.endsWith('received undefined')) return `field ${field} is missing`;
      return `field ${field}: ${message}`;
    })
    .join('; ');
}

function normaliseMetaFields(fields: MetaFields, file: string): StatedMeta {
  const meta: StatedMeta = {};
  if (fields.id !== undefined) meta.id = fields.id;
  if (fields.title !== undefined) meta.title = fields.title;
  if (fields.date !== undefined) meta.date = normaliseDate(fields.date, file);
  if (fields.source !== undefined) meta.source = fields.source;
  if (fields.authors !== undefined) meta.authors = normaliseAuthors(fields.authors);
  if (fields.page !== undefined) meta.page = String(fields.page);
  if (fields.section !== undefined) meta.section = fields.section;
  if (fields.url !== undefined) meta.url = fields.url;
  if (fields.medium !== undefined) meta.medium = fields.medium;
  return meta;
}

function normaliseAuthors(authors: string | string[]): string[] {
  const list = typeof authors === 'string' ? [authors] : authors;
  return list.map((name) => name.trim()).filter((name) => name !== '');
}

const ISO_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
// An ISO date-time (`2019-12-31T13:38:05+08:00`): the date is kept as written, in its own offset.
const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Normalises a stated date to `YYYY-MM-DD`, `YYYY-MM` or `YYYY`. YAML 1.1 parsers turn dates
 * into Date objects and bare years into numbers, so both are turned back into ISO text.
 */
export function normaliseDate(value: string | number | Date, file: string): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw invalidDate(file, String(value));
    return value.toISOString().slice(0, 10);
  }
  const stated = String(value).trim();
  const text = ISO_DATE_TIME.exec(stated)?.[1] ?? stated;
  const match = ISO_DATE.exec(text);
  if (match === null || !isRealDate(match[1], match[2], match[3])) {
    throw invalidDate(file, text);
  }
  return text;
}

function isRealDate(year = '', month?: string, day?: string): boolean {
  if (month === undefined) return year !== '';
  const m = Number(month);
  if (m < 1 || m > 12) return false;
  if (day === undefined) return true;
  const d = Number(day);
  const daysInMonth = new Date(Date.UTC(Number(year), m, 0)).getUTCDate();
  return d >= 1 && d <= daysInMonth;
}

function invalidDate(file: string, value: string): CorpusError {
  return new CorpusError(
    file,
    `invalid date ${JSON.stringify(value)}; write YYYY-MM-DD, YYYY-MM or YYYY`,
  );
}
