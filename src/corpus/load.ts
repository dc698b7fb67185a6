// The corpus loader: every .md, .txt and .jsonl file under a folder → reports, failures, file hashes.
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { CorpusError, DuplicateReportError } from '../errors.ts';
import type { Report } from '../types.ts';
import { decodeText } from './decode.ts';
import { parseJsonlLine } from './jsonl.ts';
import { parseMarkdownReport } from './markdown.ts';

/** A corpus file that was read, for the index manifest's corpus hash. */
export interface CorpusFile {
  /** Corpus-relative path with forward slashes. */
  path: string;
  bytes: number;
  /** Hex SHA-256 of the file's bytes. */
  sha256: string;
}

/** A file (or one JSON Lines record) that could not be turned into a report. */
export interface CorpusFailure {
  /** Corpus-relative path, with `:line` for a JSON Lines record. */
  file: string;
  reason: string;
}

/** Everything read from a corpus folder. */
export interface LoadedCorpus {
  /** In path order, then line order; the first report of an id wins. */
  reports: Report[];
  failures: CorpusFailure[];
  /** Every .md, .txt and .jsonl file, including those that failed. */
  files: CorpusFile[];
}

const REPORT_FILE = /\.(?:md|txt|jsonl)$/i;

/**
 * Reads every .md, .txt and .jsonl file under dir (any depth, sorted by path, skipping
 * dot-files/dirs); never throws for a bad file, only for a missing or unreadable folder.
 */
export async function loadCorpus(dir: string): Promise<LoadedCorpus> {
  await assertFolder(dir);
  const relPaths = (await listReportFiles(dir, '')).sort(comparePaths);
  const corpus: LoadedCorpus = { reports: [], failures: [], files: [] };
  const firstOrigin = new Map<string, string>();
  const addReport = (report: Report) => {
    const first = firstOrigin.get(report.id);
    if (first === undefined) {
      firstOrigin.set(report.id, report.origin);
      corpus.reports.push(report);
    } else {
      const duplicate = new DuplicateReportError(report.id, first, report.origin);
      // The failure line names the file already: the reason goes without the 'baoku: ' prefix.
      corpus.failures.push({ file: report.origin, reason: duplicate.message.replace(/^baoku: /, '') });
    }
  };
  for (const rel of relPaths) {
    let buf: Buffer;
    try {
      buf = await readFile(path.join(dir, ...rel.split('/')));
    } catch (error) {
      corpus.failures.push({ file: rel, reason: reasonOf(error, rel) });
      continue;
    }
    corpus.files.push({ path: rel, bytes: buf.length, sha256: sha256(buf) });
    readReports(buf, rel, addReport, corpus.failures);
  }
  return corpus;
}

function readReports(
  buf: Buffer,
  rel: string,
  addReport: (report: Report) => void,
  failures: CorpusFailure[],
): void {
  let text: string;
  try {
    text = decodeText(buf, rel);
  } catch (error) {
    failures.push({ file: rel, reason: reasonOf(error, rel) });
    return;
  }
  if (!/\.jsonl$/i.test(rel)) {
    try {
      addReport(parseMarkdownReport(text, rel, rel.replace(/\.(?:md|txt)$/i, '')));
    } catch (error) {
      failures.push({ file: rel, reason: reasonOf(error, rel) });
    }
    return;
  }
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const origin = `${rel}:${i + 1}`;
    try {
      addReport(parseJsonlLine(line, origin));
    } catch (error) {
      failures.push({ file: origin, reason: reasonOf(error, origin) });
    }
  });
}

async function assertFolder(dir: string): Promise<void> {
  let isFolder: boolean;
  try {
    isFolder = (await stat(dir)).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'the corpus folder does not exist' : `the corpus folder cannot be read`;
    throw new CorpusError(dir, reason, { cause: error });
  }
  if (!isFolder) throw new CorpusError(dir, 'the corpus path is not a folder');
}

/**
 * Lists report files under `dir/rel`, as corpus-relative paths. Symbolic links to files are
 * followed; links to folders are not, so a link cycle cannot loop.
 */
async function listReportFiles(dir: string, rel: string): Promise<string[]> {
  const entries = await readdir(path.join(dir, ...rel.split('/').filter(Boolean)), {
    withFileTypes: true,
  });
  const found: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
    if (entry.isDirectory()) {
      found.push(...(await listReportFiles(dir, child)));
    } else if (REPORT_FILE.test(entry.name) && (entry.isFile() || (await isLinkToFile(dir, child)))) {
      found.push(child);
    }
  }
  return found;
}

async function isLinkToFile(dir: string, rel: string): Promise<boolean> {
  try {
    return (await stat(path.join(dir, ...rel.split('/')))).isFile();
  } catch {
    return false;
  }
}

/** Code-unit order, so the order never depends on the machine's locale. */
function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sha256(buf: Uint8Array): string {
  return createHash('sha256').update(buf).digest('hex');
}

/** The reason part of an error: a CorpusError's message without its `cannot read FILE:` prefix. */
function reasonOf(error: unknown, file: string): string {
  if (!(error instanceof Error)) return String(error);
  const prefix = `baoku: cannot read ${file}: `;
  return error instanceof CorpusError && error.message.startsWith(prefix)
    ? error.message.slice(prefix.length)
    : error.message;
}
