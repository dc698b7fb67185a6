// The one place that segments text: nodejieba with baoku's user dictionary, used by index and query.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import nodejieba from 'nodejieba';
import { UsageError } from '../errors.ts';

const require = createRequire(import.meta.url);
// The bundled typings omit the dictionary paths that nodejieba exports.
const jieba = nodejieba as typeof nodejieba & {
  DEFAULT_DICT: string;
  DEFAULT_HMM_DICT: string;
  DEFAULT_USER_DICT: string;
};
const jiebaVersion = (require('nodejieba/package.json') as { version: string }).version;

/** What the index records about the segmenter, so that a different one is detected on load. */
export interface SegmenterInfo {
  name: 'nodejieba';
  version: string;
  /** SHA-256 over the dictionaries the segmenter loaded (system and user). */
  dictionarySha256: string;
  /** The user dictionary's file name, or null when none is loaded. */
  userDict: string | null;
}

let loaded: SegmenterInfo | null = null;

/**
 * Loads nodejieba's dictionaries plus the archive's user dictionary (once per process).
 * nodejieba aborts the whole process on a missing file, so the path is checked first.
 */
export function initSegmenter(userDict: string | null): SegmenterInfo {
  if (loaded && loaded.userDict === userDict) return loaded;
  if (userDict !== null && !existsSync(userDict)) {
    throw new UsageError(`baoku: user dictionary not found: ${userDict}`);
  }
  const files = [jieba.DEFAULT_DICT, jieba.DEFAULT_HMM_DICT, jieba.DEFAULT_USER_DICT];
  const userDicts = [jieba.DEFAULT_USER_DICT, ...(userDict === null ? [] : [userDict])];
  const hash = createHash('sha256');
  for (const file of [...files, ...userDicts.slice(1)]) hash.update(readFileSync(file));
  jieba.load({ userDict: userDicts.join('|') });
  loaded = {
    name: 'nodejieba',
    version: jiebaVersion,
    dictionarySha256: hash.digest('hex'),
    userDict,
  };
  return loaded;
}

/** The segmenter in use; loads the default dictionaries if nothing was loaded yet. */
export function segmenterInfo(): SegmenterInfo {
  return loaded ?? initSegmenter(null);
}

/**
 * Segments normalised text into jieba words (with HMM, so 翁中会 and 2020 stay whole).
 * The tokens join back to the input exactly.
 */
export function segment(normalized: string): string[] {
  if (normalized.length === 0) return [];
  segmenterInfo();
  return jieba.cut(normalized, true);
}

const WORDLIKE = /[\p{L}\p{N}]/u;

/** Whether a token is worth indexing as a word (it holds a letter or digit, not only punctuation). */
export function isWordToken(token: string): boolean {
  return WORDLIKE.test(token);
}

/** The distinct word tokens of a normalised text, in first-seen order. */
export function distinctWords(normalized: string): string[] {
  const seen = new Set<string>();
  for (const token of segment(normalized)) {
    if (isWordToken(token)) seen.add(token);
  }
  return [...seen];
}
