// JSON Lines reports → Report: one JSON object a line, paragraphs taken exactly as given.
import { z } from 'zod';
import { CorpusError } from '../errors.ts';
import type { Report } from '../types.ts';
import { formatIssues, validateMetaFields } from './frontmatter.ts';

const recordSchema = z.object({
  id: z.string().min(1, 'must not be empty'),
  paragraphs: z.array(z.string()),
});

/**
 * Parses one JSON Lines record. `origin` is `path:line`. Paragraph n is `paragraphs[n-1]`, kind
 * 'body', with no repair or caption detection. Throws CorpusError naming `origin`.
 */
export function parseJsonlLine(line: string, origin: string): Report {
  let data: unknown;
  try {
    data = JSON.parse(line);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CorpusError(origin, `not valid JSON: ${reason}`, { cause: error });
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new CorpusError(origin, 'a JSON Lines record must be a JSON object');
  }
  const record = recordSchema.safeParse(data);
  if (!record.success) {
    throw new CorpusError(origin, formatIssues(record.error.issues));
  }
  const meta = validateMetaFields(data, origin);
  return {
    ...meta,
    id: record.data.id,
    authors: meta.authors ?? [],
    origin,
    paragraphs: record.data.paragraphs.map((text, i) => ({ n: i + 1, kind: 'body', text })),
  };
}
