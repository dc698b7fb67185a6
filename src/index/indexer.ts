// `baoku index`: corpus folder → saved index, skipped when nothing changed since the last build.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCorpus, type CorpusFailure, type CorpusFile } from '../corpus/load.ts';
import { describeSegmenter } from '../text/segment.ts';
import { buildArchive, type BuildTimings } from './build.ts';
import { readManifest, saveArchive, SCHEMA_VERSION } from './store.ts';

/** The user dictionary file that an archive's corpus folder may hold. */
export const USER_DICT_NAME = 'userdict.utf8';

/** What an index run did. */
export interface IndexOutcome {
  /** False when the index was already up to date and nothing was built. */
  built: boolean;
  reports: number;
  paragraphs: number;
  characters: number;
  failures: CorpusFailure[];
  /** Size of the saved index in bytes. */
  bytes: number;
  timings: BuildTimings & { parseMs: number; saveMs: number; totalMs: number };
}

/** Fingerprint of what an index is built from: the schema, every corpus file and the dictionary. */
export function corpusFingerprint(files: readonly CorpusFile[], userDictText: string | null): string {
  const hash = createHash('sha256');
  hash.update(`baoku-schema-${SCHEMA_VERSION}\n`);
  for (const file of files) hash.update(`${file.path}\t${file.sha256}\n`);
  hash.update(userDictText === null ? 'no-user-dict' : `user-dict\t${userDictText}`);
  return hash.digest('hex');
}

function readUserDict(corpusDir: string): { path: string | null; text: string | null } {
  const path = join(corpusDir, USER_DICT_NAME);
  return existsSync(path) ? { path, text: readFileSync(path, 'utf8') } : { path: null, text: null };
}

/** Whether the index under `indexDir` was built from exactly this corpus. */
export async function isIndexCurrent(corpusDir: string, indexDir: string): Promise<boolean> {
  const manifest = await readManifest(indexDir).catch(() => null);
  if (manifest === null) return false;
  const corpus = await loadCorpus(corpusDir);
  return manifest.corpusSha256 === corpusFingerprint(corpus.files, readUserDict(corpusDir).text);
}

/** Builds and saves the index of `corpusDir` into `indexDir` (unless it is current and not forced). */
export async function indexCorpus(options: {
  corpusDir: string;
  indexDir: string;
  force: boolean;
  workers: number;
  onProgress?: (done: number, total: number) => void;
}): Promise<IndexOutcome> {
  const started = performance.now();
  const corpus = await loadCorpus(options.corpusDir);
  const userDict = readUserDict(options.corpusDir);
  const fingerprint = corpusFingerprint(corpus.files, userDict.text);
  const parseMs = performance.now() - started;
  const paragraphs = corpus.reports.reduce((sum, report) => sum + report.paragraphs.length, 0);
  const characters = corpus.reports.reduce(
    (sum, report) => sum + report.paragraphs.reduce((n, p) => n + p.text.length, 0),
    0,
  );

  const manifest = await readManifest(options.indexDir).catch(() => null);
  if (!options.force && manifest?.corpusSha256 === fingerprint) {
    const bytes = Object.values(manifest.files).reduce((sum, file) => sum + file.bytes, 0);
    return {
      built: false,
      reports: corpus.reports.length,
      paragraphs,
      characters,
      failures: corpus.failures,
      bytes,
      timings: { parseMs, analyzeMs: 0, gramsMs: 0, wordsMs: 0, answersMs: 0, saveMs: 0, totalMs: performance.now() - started },
    };
  }

  const segmenter = describeSegmenter(userDict.path);
  const { archive, timings } = await buildArchive(corpus.reports, {
    userDict: userDict.path,
    workers: options.workers,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const saveStarted = performance.now();
  const saved = await saveArchive(options.indexDir, archive, segmenter, {
    corpusSha256: fingerprint,
    userDictText: userDict.text,
    failures: corpus.failures,
  });
  return {
    built: true,
    reports: archive.reportCount,
    paragraphs: archive.paragraphCount,
    characters: archive.stats.characters,
    failures: corpus.failures,
    bytes: saved.bytes,
    timings: {
      ...timings,
      parseMs,
      saveMs: performance.now() - saveStarted,
      totalMs: performance.now() - started,
    },
  };
}
