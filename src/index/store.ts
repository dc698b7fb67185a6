// Saving and loading the archive: a versioned manifest with checksums, written atomically.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { IndexMismatchError, IndexMissingError } from '../errors.ts';
import { initSegmenter, type SegmenterInfo } from '../text/segment.ts';
import type { ReportMeta } from '../types.ts';
import { Archive, type ArchiveData } from './archive.ts';
import { WORD_INDEX_OPTIONS, WordIndex } from './words.ts';

/** Bumped whenever the saved layout or the meaning of its contents changes. */
export const SCHEMA_VERSION = 2;

/** The file that names the live build folder; replaced atomically. */
const CURRENT = 'CURRENT';
const USER_DICT_FILE = 'userdict.utf8';

/** What a saved index says about itself. */
export interface Manifest {
  schemaVersion: number;
  createdAt: string;
  segmenter: Omit<SegmenterInfo, 'userDict'> & { userDict: boolean };
  wordIndexOptions: typeof WORD_INDEX_OPTIONS;
  /** Fingerprint of the corpus files and user dictionary the index was built from. */
  corpusSha256: string;
  counts: { reports: number; paragraphs: number; characters: number; bigrams: number };
  failures: { file: string; reason: string }[];
  /** Every data file of the build with its size and SHA-256. */
  files: Record<string, { bytes: number; sha256: string }>;
  /** FlexSearch export chunk keys, in export order, each saved as `words/<n>.json`. */
  wordChunks: string[];
  /**
   * SHA-256 of this manifest's JSON without this field: one changed byte in a chunk key would
   * otherwise drop the word index silently. Absent in indexes written before it was added.
   */
  manifestSha256?: string;
}

/** What the caller knows about a build besides the archive. */
export interface SaveInfo {
  corpusSha256: string;
  userDictText: string | null;
  failures: { file: string; reason: string }[];
}

function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

function typedBytes(array: Uint8Array | Uint32Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

async function writeDurably(path: string, data: Uint8Array | string): Promise<void> {
  const handle = await open(path, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncDir(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Name of the live build folder under `root`, or null when there is none. */
export async function currentBuild(root: string): Promise<string | null> {
  try {
    const name = (await readFile(join(root, CURRENT), 'utf8')).trim();
    return /^build-[\w-]+$/.test(name) ? name : null;
  } catch {
    return null;
  }
}

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
const count = z.number().int().nonnegative();
/** What loading relies on in a manifest of this schema version; free text is not checked. */
const manifestShape = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  createdAt: z.string(),
  segmenter: z.object({
    name: z.string(),
    version: z.string(),
    dictionarySha256: sha256Hex,
    userDict: z.boolean(),
  }),
  wordIndexOptions: z.unknown(),
  corpusSha256: z.string(),
  counts: z.object({ reports: count, paragraphs: count, characters: count, bigrams: count }),
  failures: z.array(z.object({ file: z.string(), reason: z.string() })),
  files: z.record(z.string(), z.object({ bytes: count, sha256: sha256Hex })),
  wordChunks: z.array(z.string()),
  manifestSha256: sha256Hex.optional(),
});

/** The checksum a manifest records of itself (over its JSON without `manifestSha256`). */
function manifestDigest(manifest: Manifest): string {
  const rest: Partial<Manifest> = { ...manifest };
  delete rest.manifestSha256;
  return sha256(JSON.stringify(rest));
}

/**
 * Reads the live manifest, or null when there is no index. Throws when it is unreadable or, for
 * this schema version, lacks what loading relies on (a damaged manifest must not crash a reader).
 * A manifest of another schema version is returned as is, so that the caller can name the version.
 */
export async function readManifest(root: string): Promise<Manifest | null> {
  const build = await currentBuild(root);
  if (build === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(join(root, build, 'manifest.json'), 'utf8'));
  } catch (error) {
    throw new IndexMismatchError(root, 'its manifest is missing or unreadable', { cause: error });
  }
  const version = (parsed as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version !== 'number') {
    throw new IndexMismatchError(root, 'its manifest has no schema version');
  }
  if (version !== SCHEMA_VERSION) return parsed as Manifest;
  const checked = manifestShape.safeParse(parsed);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const where = issue ? `${issue.path.join('.') || 'manifest'}: ${issue.message}` : 'unknown';
    throw new IndexMismatchError(root, `its manifest is damaged (${where})`, {
      cause: checked.error,
    });
  }
  return parsed as Manifest;
}

/**
 * Removes build folders left by interrupted runs and builds that are no longer live.
 * The live build and the one before it are kept.
 */
export async function cleanIndexRoot(root: string, keep: readonly string[]): Promise<string[]> {
  if (!existsSync(root)) return [];
  const removed: string[] = [];
  for (const entry of await readdir(root)) {
    // `.tmp-` covers both a half-written build folder and a half-written CURRENT pointer.
    const stale = entry.startsWith('.tmp-') || (entry.startsWith('build-') && !keep.includes(entry));
    if (stale) {
      await rm(join(root, entry), { recursive: true, force: true });
      removed.push(entry);
    }
  }
  return removed;
}

/**
 * Saves the archive as a new build under `root` and then makes it live by replacing `CURRENT`.
 * An interruption at any point leaves the previous build live and intact.
 */
export async function saveArchive(
  root: string,
  archive: Archive,
  segmenter: SegmenterInfo,
  info: SaveInfo,
): Promise<{ build: string; bytes: number; manifest: Manifest }> {
  await mkdir(root, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const build = `build-${stamp}-${randomBytes(3).toString('hex')}`;
  const tmp = join(root, `.tmp-${build}`);
  await mkdir(join(tmp, 'words'), { recursive: true });

  const data = archive.data;
  const files: Manifest['files'] = {};
  const put = async (name: string, content: Uint8Array | string) => {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    await writeDurably(join(tmp, name), bytes);
    files[name] = { bytes: bytes.byteLength, sha256: sha256(bytes) };
  };

  await put('reports.json', JSON.stringify(data.reports));
  await put('texts.json', JSON.stringify(data.texts));
  await put('norms.json', JSON.stringify(data.norms));
  await put('extras.json', JSON.stringify({ headings: data.headings, credits: data.credits }));
  await put('report-start.u32', typedBytes(data.reportStart));
  await put('kinds.u8', typedBytes(data.kinds));
  await put('word-counts.u32', typedBytes(data.wordCounts));
  await put('unigram-offsets.u32', typedBytes(data.grams.unigramOffsets));
  await put('unigram-postings.u32', typedBytes(data.grams.unigramPostings));
  await put('unigram-tf.u8', typedBytes(data.grams.unigramTf));
  await put('bigram-keys.u32', typedBytes(data.grams.bigramKeys));
  await put('bigram-offsets.u32', typedBytes(data.grams.bigramOffsets));
  await put('bigram-postings.u32', typedBytes(data.grams.bigramPostings));
  await put('bigram-tf.u8', typedBytes(data.grams.bigramTf));
  await put('pinyin.json', JSON.stringify([...data.pinyin]));
  const chunks = await data.words.exportChunks();
  for (const [n, [, content]] of chunks.entries()) await put(`words/${n}.json`, content);
  if (info.userDictText !== null) await put(USER_DICT_FILE, info.userDictText);

  const manifest: Manifest = {
    schemaVersion: SCHEMA_VERSION,
    createdAt: new Date().toISOString(),
    segmenter: {
      name: segmenter.name,
      version: segmenter.version,
      dictionarySha256: segmenter.dictionarySha256,
      userDict: info.userDictText !== null,
    },
    wordIndexOptions: WORD_INDEX_OPTIONS,
    corpusSha256: info.corpusSha256,
    counts: {
      reports: archive.reportCount,
      paragraphs: archive.paragraphCount,
      characters: archive.stats.characters,
      bigrams: data.grams.bigramKeys.length,
    },
    failures: info.failures,
    files,
    wordChunks: chunks.map(([key]) => key),
  };
  manifest.manifestSha256 = manifestDigest(manifest);
  await writeDurably(join(tmp, 'manifest.json'), JSON.stringify(manifest, null, 2));
  await syncDir(join(tmp, 'words'));
  await syncDir(tmp);

  const previous = await currentBuild(root);
  await rename(tmp, join(root, build));
  const pointer = join(root, `.tmp-${CURRENT}-${process.pid}`);
  await writeDurably(pointer, `${build}\n`);
  await rename(pointer, join(root, CURRENT));
  await syncDir(root);
  await cleanIndexRoot(root, previous ? [build, previous] : [build]);

  const bytes = Object.values(files).reduce((sum, file) => sum + file.bytes, 0);
  return { build, bytes, manifest };
}

function asUint32(buffer: Buffer): Uint32Array {
  if (buffer.byteLength % 4 !== 0) throw new Error('length is not a multiple of 4');
  const aligned = buffer.byteOffset % 4 === 0 ? buffer : Buffer.from(buffer);
  return new Uint32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 4);
}

/**
 * Loads the live index under `root`. Refuses (with a message that says what to run) an index
 * that is missing, from another schema or segmenter, or whose files fail their checksums.
 */
export async function loadArchive(root: string): Promise<{ archive: Archive; manifest: Manifest; build: string }> {
  const build = await currentBuild(root);
  if (build === null) throw new IndexMissingError(root);
  const manifest = await readManifest(root);
  if (manifest === null) throw new IndexMissingError(root);
  if (manifest.schemaVersion !== SCHEMA_VERSION) {
    throw new IndexMismatchError(
      root,
      `it has schema version ${manifest.schemaVersion}, this baoku reads version ${SCHEMA_VERSION}`,
    );
  }
  if (JSON.stringify(manifest.wordIndexOptions) !== JSON.stringify(WORD_INDEX_OPTIONS)) {
    throw new IndexMismatchError(root, 'it was built with other word index settings');
  }
  const dir = join(root, build);
  const read = async (name: string): Promise<Buffer> => {
    const expected = manifest.files[name];
    if (!expected) throw new IndexMismatchError(root, `its manifest does not list ${name}`);
    let content: Buffer;
    try {
      content = await readFile(join(dir, name));
    } catch (error) {
      throw new IndexMismatchError(root, `${name} is missing`, { cause: error });
    }
    if (content.byteLength !== expected.bytes || sha256(content) !== expected.sha256) {
      throw new IndexMismatchError(root, `${name} is damaged (its checksum does not match)`);
    }
    return content;
  };
  const json = async <T>(name: string): Promise<T> => JSON.parse((await read(name)).toString('utf8')) as T;

  const userDict = manifest.segmenter.userDict ? join(dir, USER_DICT_FILE) : null;
  if (userDict !== null) await read(USER_DICT_FILE);
  const segmenter = initSegmenter(userDict);
  if (segmenter.dictionarySha256 !== manifest.segmenter.dictionarySha256) {
    throw new IndexMismatchError(root, 'it was built with other segmentation dictionaries');
  }

  try {
    const chunks: [string, string][] = [];
    for (const [n, key] of manifest.wordChunks.entries()) {
      chunks.push([key, (await read(`words/${n}.json`)).toString('utf8')]);
    }
    const extras = await json<{ headings: (string | null)[]; credits: (string | null)[] }>('extras.json');
    const data: ArchiveData = {
      reports: await json<ReportMeta[]>('reports.json'),
      reportStart: asUint32(await read('report-start.u32')),
      kinds: new Uint8Array(await read('kinds.u8')),
      texts: await json<string[]>('texts.json'),
      norms: await json<(string | null)[]>('norms.json'),
      headings: extras.headings,
      credits: extras.credits,
      wordCounts: asUint32(await read('word-counts.u32')),
      grams: {
        unigramOffsets: asUint32(await read('unigram-offsets.u32')),
        unigramPostings: asUint32(await read('unigram-postings.u32')),
        unigramTf: new Uint8Array(await read('unigram-tf.u8')),
        bigramKeys: asUint32(await read('bigram-keys.u32')),
        bigramOffsets: asUint32(await read('bigram-offsets.u32')),
        bigramPostings: asUint32(await read('bigram-postings.u32')),
        bigramTf: new Uint8Array(await read('bigram-tf.u8')),
      },
      words: WordIndex.fromChunks(chunks),
      pinyin: new Map(await json<[string, string[]][]>('pinyin.json')),
    };
    checkShape(root, data, manifest);
    // Last, so that a manifest changed on purpose (another dictionary, say) gets its own message.
    if (manifest.manifestSha256 !== undefined && manifest.manifestSha256 !== manifestDigest(manifest)) {
      throw new IndexMismatchError(root, 'manifest.json is damaged (its checksum does not match)');
    }
    return { archive: new Archive(data), manifest, build };
  } catch (error) {
    if (error instanceof IndexMismatchError) throw error;
    throw new IndexMismatchError(root, `it could not be read (${(error as Error).message})`, { cause: error });
  }
}

function checkShape(root: string, data: ArchiveData, manifest: Manifest): void {
  const n = data.texts.length;
  const consistent =
    n === manifest.counts.paragraphs &&
    data.reports.length === manifest.counts.reports &&
    data.norms.length === n &&
    data.kinds.length === n &&
    data.wordCounts.length === n &&
    data.reportStart.length === data.reports.length + 1 &&
    data.reportStart[data.reports.length] === n &&
    data.grams.unigramOffsets.length === 0x10001 &&
    data.grams.bigramOffsets.length === data.grams.bigramKeys.length + 1 &&
    data.grams.unigramTf.length === data.grams.unigramPostings.length &&
    data.grams.bigramTf.length === data.grams.bigramPostings.length;
  if (!consistent) throw new IndexMismatchError(root, 'its files do not agree with each other');
}
