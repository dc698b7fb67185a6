// Fixture builders for the engine tests: small reports and archives built in this thread.
import { buildArchive, type BuildOptions } from '../../src/index/build.ts';
import type { Archive } from '../../src/index/archive.ts';
import { initSegmenter } from '../../src/text/segment.ts';
import type { ParagraphKind, Report, ReportMeta } from '../../src/types.ts';

/** A paragraph of a test report: its text alone (a body paragraph), or its text and kind. */
export type ParagraphSpec =
  string | { text: string; kind?: ParagraphKind; heading?: string; credit?: string };

/** A report with the given paragraphs (numbered from 1) and metadata; `origin` is `<id>.md`. */
export function makeReport(
  id: string,
  paragraphs: readonly ParagraphSpec[],
  meta: Partial<Omit<ReportMeta, 'id'>> = {},
): Report {
  return {
    id,
    authors: [],
    origin: `${id}.md`,
    ...meta,
    paragraphs: paragraphs.map((spec, i) => {
      const paragraph = typeof spec === 'string' ? { text: spec } : spec;
      return { n: i + 1, kind: paragraph.kind ?? 'body', ...paragraph };
    }),
  };
}

/**
 * Builds an archive in this thread (no workers) with the default dictionaries, whatever an
 * earlier test of the same file loaded. `answerMinParagraphs` makes answers of one-term queries
 * for terms in that many paragraphs (by default, none of a small archive's have so many).
 */
export async function buildTestArchive(
  reports: readonly Report[],
  options: Pick<BuildOptions, 'answerMinParagraphs'> = {},
): Promise<Archive> {
  initSegmenter(null);
  const { archive } = await buildArchive(reports, { userDict: null, workers: 0, ...options });
  return archive;
}

/** A generated report: its paragraphs, and metadata fields that may be left out (undefined). */
export interface ReportSpec {
  paragraphs: readonly ParagraphSpec[];
  title?: string | undefined;
  date?: string | undefined;
  source?: string | undefined;
}

/** Reports `r0`, `r1`, … of generated specs, without the fields left undefined. */
export function reportsOfSpecs(specs: readonly ReportSpec[]): Report[] {
  return specs.map(({ paragraphs, ...meta }, i) => {
    const defined = Object.fromEntries(
      Object.entries(meta).filter(([, value]) => value !== undefined),
    );
    return makeReport(`r${i}`, paragraphs, defined);
  });
}

/** An archive of one report per text, each with a single body paragraph (ids `r1`, `r2`, …). */
export async function archiveOfTexts(texts: readonly string[]): Promise<Archive> {
  return buildTestArchive(texts.map((text, i) => makeReport(`r${i + 1}`, [text])));
}
