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
import {
  bytesOf,
  compress,
  decodeVarints,
  decompress,
  encodeVarints,
  fromGaps,
  packStrings,
  toGaps,
  uint32Of,
  unpackStrings,
} from './codec.ts';

/** Bumped whenever the saved layout or the meaning of its contents changes. */
export const SCHEMA_VERSION = 4;

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
  /** How many paragraph ids the word index registered (the length of `word-registered.varint`). */
  wordRegistered: number;
  /**
   * SHA-256 of this manifest's JSON without this field: one changed byte in a value that loading
   * trusts (a word index chunk key dropped the word index silently) is refused. Absent in
   * indexes written before it was added.
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
  // Fields of the data layout are left to loading, which turns any surprise into an error.
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
  await mkdir(tmp, { recursive: true });

  const data = archive.data;
  const files: Manifest['files'] = {};
  const put = async (name: string, content: Uint8Array | string) => {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    await writeDurably(join(tmp, name), bytes);
    files[name] = { bytes: bytes.byteLength, sha256: sha256(bytes) };
  };
  // Everything but the manifest and the user dictionary is stored compressed.
  const putPacked = (name: string, content: Uint8Array | string) =>
    put(name, compress(typeof content === 'string' ? Buffer.from(content, 'utf8') : content));

  const texts = packStrings(data.texts);
  const ownNorms = data.norms.filter((norm): norm is string => norm !== null);
  const norms = packStrings(ownNorms);
  const { grams } = data;
  await putPacked('reports.json', JSON.stringify(data.reports));
  await putPacked('texts.utf8', texts.text);
  await putPacked('text-lengths.u32', bytesOf(texts.lengths));
  await putPacked('text-bytes.u32', bytesOf(texts.byteLengths));
  await putPacked('norm-flags.u8', Uint8Array.from(data.norms, (norm) => (norm === null ? 0 : 1)));
  await putPacked('norms.utf8', norms.text);
  await putPacked('norm-lengths.u32', bytesOf(norms.lengths));
  await putPacked('norm-bytes.u32', bytesOf(norms.byteLengths));
  await putPacked('extras.json', JSON.stringify({ headings: data.headings, credits: data.credits }));
  await putPacked('report-start.u32', bytesOf(data.reportStart));
  await putPacked('kinds.u8', data.kinds);
  await putPacked('word-counts.u32', bytesOf(data.wordCounts));
  await putPacked('unigram-offsets.u32', bytesOf(grams.unigramOffsets));
  await put('unigram-gaps.varint', encodeVarints(toGaps(grams.unigramPostings, grams.unigramOffsets)));
  await putPacked('unigram-tf.u8', grams.unigramTf);
  const keyRange = Uint32Array.of(0, grams.bigramKeys.length);
  await putPacked('bigram-key-gaps.u32', bytesOf(toGaps(grams.bigramKeys, keyRange)));
  await putPacked('bigram-offsets.u32', bytesOf(grams.bigramOffsets));
  await put('bigram-gaps.varint', encodeVarints(toGaps(grams.bigramPostings, grams.bigramOffsets)));
  await putPacked('bigram-tf.u8', grams.bigramTf);
  await putPacked('pinyin.json', JSON.stringify([...data.pinyin]));
  const words = await data.words.toPostings();
  await putPacked('words.json', JSON.stringify(words.words));
  await putPacked('word-offsets.u32', bytesOf(words.offsets));
  await put('word-gaps.varint', encodeVarints(toGaps(words.ids, words.offsets)));
  await put('word-registered.varint', encodeVarints(toGaps(words.registered, Uint32Array.of(0, words.registered.length))));
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
    wordRegistered: words.registered.length,
  };
  manifest.manifestSha256 = manifestDigest(manifest);
  await writeDurably(join(tmp, 'manifest.json'), JSON.stringify(manifest, null, 2));
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
  const unpacked = async (name: string): Promise<Buffer> => decompress(await read(name));
  const json = async <T>(name: string): Promise<T> => JSON.parse((await unpacked(name)).toString('utf8')) as T;
  const u32 = async (name: string): Promise<Uint32Array> => uint32Of(await unpacked(name));

  const userDict = manifest.segmenter.userDict ? join(dir, USER_DICT_FILE) : null;
  if (userDict !== null) await read(USER_DICT_FILE);
  const segmenter = initSegmenter(userDict);
  if (segmenter.dictionarySha256 !== manifest.segmenter.dictionarySha256) {
    throw new IndexMismatchError(root, 'it was built with other segmentation dictionaries');
  }

  try {
    // Every file is read, checked and inflated at once: inflating runs on libuv's threads.
    const [wordParts, extras, reports, textParts, normParts, flags, arrays, gramArrays, pinyin] = await Promise.all([
      Promise.all([json<string[]>('words.json'), u32('word-offsets.u32'), read('word-gaps.varint'), read('word-registered.varint')]),
      json<{ headings: (string | null)[]; credits: (string | null)[] }>('extras.json'),
      json<ReportMeta[]>('reports.json'),
      Promise.all([unpacked('texts.utf8'), u32('text-bytes.u32'), u32('text-lengths.u32')]),
      Promise.all([unpacked('norms.utf8'), u32('norm-bytes.u32'), u32('norm-lengths.u32')]),
      unpacked('norm-flags.u8'),
      Promise.all([u32('report-start.u32'), unpacked('kinds.u8'), u32('word-counts.u32')]),
      Promise.all([
        u32('unigram-offsets.u32'),
        read('unigram-gaps.varint'),
        unpacked('unigram-tf.u8'),
        u32('bigram-key-gaps.u32'),
        u32('bigram-offsets.u32'),
        read('bigram-gaps.varint'),
        unpacked('bigram-tf.u8'),
      ]),
      json<[string, string[]][]>('pinyin.json'),
    ]);
    const texts = unpackStrings({ text: textParts[0], byteLengths: textParts[1], lengths: textParts[2] });
    const ownNorms = unpackStrings({ text: normParts[0], byteLengths: normParts[1], lengths: normParts[2] });
    let nextNorm = 0;
    const norms = Array.from(flags, (flag) => (flag === 1 ? (ownNorms[nextNorm++] ?? null) : null));
    const [unigramOffsets, unigramGaps, unigramTf, keyGaps, bigramOffsets, bigramGaps, bigramTf] = gramArrays;
    const data: ArchiveData = {
      reports,
      reportStart: arrays[0],
      kinds: new Uint8Array(arrays[1]),
      texts,
      norms,
      headings: extras.headings,
      credits: extras.credits,
      wordCounts: arrays[2],
      grams: {
        unigramOffsets,
        unigramPostings: fromGaps(decodeVarints(unigramGaps, unigramOffsets[0x10000] ?? 0), unigramOffsets),
        unigramTf: new Uint8Array(unigramTf),
        bigramKeys: fromGaps(keyGaps, Uint32Array.of(0, keyGaps.length)),
        bigramOffsets,
        bigramPostings: fromGaps(decodeVarints(bigramGaps, bigramOffsets[bigramOffsets.length - 1] ?? 0), bigramOffsets),
        bigramTf: new Uint8Array(bigramTf),
      },
      words: WordIndex.fromPostings({
        words: wordParts[0],
        offsets: wordParts[1],
        ids: fromGaps(decodeVarints(wordParts[2], wordParts[1][wordParts[0].length] ?? 0), wordParts[1]),
        registered: fromGaps(
          decodeVarints(wordParts[3], manifest.wordRegistered),
          Uint32Array.of(0, manifest.wordRegistered),
        ),
      }),
      pinyin: new Map(pinyin),
    };
    if (nextNorm !== ownNorms.length) throw new Error('normalised texts do not match their flags');
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
