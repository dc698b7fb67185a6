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
  const { dictionarySha256 } = describeSegmenter(userDict);
  // The same dictionaries under another path (an index keeps a copy of the corpus's user
  // dictionary): reloading jieba would take seconds for nothing.
  if (loaded?.dictionarySha256 !== dictionarySha256) {
    const userDicts = [jieba.DEFAULT_USER_DICT, ...(userDict === null ? [] : [userDict])];
    jieba.load({ userDict: userDicts.join('|') });
  }
  loaded = { name: 'nodejieba', version: jiebaVersion, dictionarySha256, userDict };
  return loaded;
}

/**
 * What the segmenter would be with this user dictionary, without loading it (an index build
 * segments in worker threads, so the main thread need not spend seconds loading jieba).
 */
export function describeSegmenter(userDict: string | null): SegmenterInfo {
  if (userDict !== null && !existsSync(userDict)) {
    throw new UsageError(`baoku: user dictionary not found: ${userDict}`);
  }
  const hash = createHash('sha256').update(systemDictionaries());
  if (userDict !== null) hash.update(readFileSync(userDict));
  return {
    name: 'nodejieba',
    version: jiebaVersion,
    dictionarySha256: hash.digest('hex'),
    userDict,
  };
}

let systemBytes: Buffer | null = null;

/** nodejieba's own dictionaries, read once per process. */
function systemDictionaries(): Buffer {
  systemBytes ??= Buffer.concat(
    [jieba.DEFAULT_DICT, jieba.DEFAULT_HMM_DICT, jieba.DEFAULT_USER_DICT].map((file) =>
      readFileSync(file),
    ),
  );
  return systemBytes;
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
