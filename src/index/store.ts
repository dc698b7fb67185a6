// Saving and loading the archive: a versioned manifest with checksums, written atomically.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { z } from 'zod';
import { IndexMismatchError, IndexMissingError } from '../errors.ts';
import { prepareNormalizer } from '../text/normalize.ts';
import { initSegmenter, type SegmenterInfo } from '../text/segment.ts';
import { Archive, type ArchiveData } from './archive.ts';
import { WORD_INDEX_OPTIONS, WordIndex } from './words.ts';
import { bytesOf, compress, float64Of, uint32Of } from './codec.ts';
import { loadAnswers, saveAnswers } from './answers.ts';
import { PostingLists, type EncodedLists } from './lists.ts';
import { VerifiedFiles } from './read-verified.ts';
import { indexSources } from './report-facts.ts';
import { PackedTexts } from './texts.ts';

/**
 * Bumped whenever the saved layout or the meaning of its contents changes. The index keeps ranked
 * answers of frequent one-term queries (`answers.json`), so a change to how search counts or ranks
 * changes that meaning too: an older index would answer those queries the old way.
 * `tests/search/ranking-schema.test.ts` records the ranking of a fixed archive per version, and
 * fails when it changes under the same version.
 */
export const SCHEMA_VERSION = 8;

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
  /**
   * Every data file of the build with its size and CRC-32: a checksum for damage (a cut or
   * flipped file), which every start verifies over the whole index, three times faster than SHA-256.
   */
  files: Record<string, { bytes: number; crc32: number }>;
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
  files: z.record(z.string(), z.object({ bytes: count, crc32: z.number().int().min(0).max(0xffffffff) })),
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
    files[name] = { bytes: bytes.byteLength, crc32: crc32(bytes) };
  };
  // Everything but the manifest and the user dictionary is stored compressed.
  const putPacked = (name: string, content: Uint8Array | string) =>
    put(name, compress(typeof content === 'string' ? Buffer.from(content, 'utf8') : content));

  // Texts stay UTF-16 and uncompressed, so that loading uses them as read; posting lists stay
  // varints, decoded list by list when queries reach them (see PostingLists).
  const putLists = async (prefix: string, lists: EncodedLists) => {
    await put(`${prefix}-gaps.varint`, lists.bytes);
    await putPacked(`${prefix}-list-bytes.u32`, bytesOf(lists.byteOffsets));
  };
  const { grams } = data;
  const { facts } = data;
  await putPacked('reports.utf16', data.reports.bytes);
  await putPacked('report-json-starts.u32', bytesOf(data.reports.starts));
  await putPacked('report-ids.utf16', data.reportIds.bytes);
  await putPacked('report-id-starts.u32', bytesOf(data.reportIds.starts));
  const titles = PackedTexts.of(facts.titles);
  const sources = PackedTexts.of(facts.sources);
  await putPacked('report-titles.utf16', titles.bytes);
  await putPacked('report-title-starts.u32', bytesOf(titles.starts));
  await putPacked('report-sources.utf16', sources.bytes);
  await putPacked('report-source-starts.u32', bytesOf(sources.starts));
  await putPacked('report-date-keys.f64', bytesOf(facts.dateKeys));
  await putPacked('report-source-keys.u32', bytesOf(facts.sourceKey));
  await putPacked('report-year-keys.u32', bytesOf(facts.yearKey));
  await put('texts.utf16', data.texts.bytes);
  await putPacked('text-starts.u32', bytesOf(data.texts.starts));
  await put('norms.utf16', data.norms.bytes);
  await putPacked('norm-starts.u32', bytesOf(data.norms.starts));
  await putPacked(
    'extras.json',
    JSON.stringify({
      headings: data.headings,
      credits: data.credits,
      dateRange: data.dateRange,
      sourceNames: facts.sourceNames,
      yearNames: facts.yearNames,
    }),
  );
  await putPacked('report-start.u32', bytesOf(data.reportStart));
  await putPacked('kinds.u8', data.kinds);
  await putPacked('word-counts.u32', bytesOf(data.wordCounts));
  await putPacked('unigram-offsets.u32', bytesOf(grams.unigrams.offsets));
  await putLists('unigram', grams.unigrams.encode());
  await putLists('bigram-key', oneList(grams.bigramKeys).encode());
  await putPacked('bigram-offsets.u32', bytesOf(grams.bigrams.offsets));
  await putLists('bigram', grams.bigrams.encode());
  const { titleGrams } = data;
  await putPacked('title-unigram-offsets.u32', bytesOf(titleGrams.unigrams.offsets));
  await putLists('title-unigram', titleGrams.unigrams.encode());
  await putPacked('title-bigram-keys.u32', bytesOf(titleGrams.bigramKeys));
  await putPacked('title-bigram-offsets.u32', bytesOf(titleGrams.bigrams.offsets));
  await putLists('title-bigram', titleGrams.bigrams.encode());
  await putPacked('pinyin.json', JSON.stringify([...data.pinyin]));
  const words = data.words.toPostings();
  await putPacked('words.json', JSON.stringify(words.words));
  await putPacked('word-offsets.u32', bytesOf(words.lists.offsets));
  await putLists('word', words.lists.encode());
  await putLists('word-registered', oneList(words.registered).encode());
  const answers = saveAnswers(data.answers);
  await putPacked('answers.json', answers.json);
  await putPacked('answer-ids.u32', bytesOf(answers.ids));
  await putPacked('answer-scores.f64', bytesOf(answers.scores));
  await putPacked('answer-facets.u32', bytesOf(answers.facets));
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
  const listed = (name: string) => {
    const expected = manifest.files[name];
    if (!expected) throw new IndexMismatchError(root, `its manifest does not list ${name}`);
    return { name, ...expected };
  };
  const userDictNames = manifest.segmenter.userDict ? [USER_DICT_FILE] : [];
  // Small files first: this thread parses them while the worker reads and checks the large ones.
  const files = new VerifiedFiles(root, dir, [
    ...userDictNames.map((name) => ({ ...listed(name), deflated: false })),
    ...Object.entries(DATA_FILES).map(([name, form]) => ({ ...listed(name), deflated: form === 'deflated' })),
  ]);
  try {
    // The readers inflate what is stored deflated: every file arrives ready to use.
    const read = (name: string) => files.get(name);
    const json = async <T>(name: string): Promise<T> => JSON.parse((await read(name)).toString('utf8')) as T;
    const u32 = async (name: string): Promise<Uint32Array> => uint32Of(await read(name));
    const lists = async (prefix: string): Promise<EncodedLists> => {
      const [bytes, byteOffsets] = await Promise.all([read(`${prefix}-gaps.varint`), u32(`${prefix}-list-bytes.u32`)]);
      return { bytes, byteOffsets };
    };
    // Every file is asked for at once; the worker goes on reading while this thread loads jieba.
    const parts = Promise.all([
      Promise.all([json<string[]>('words.json'), u32('word-offsets.u32'), lists('word'), lists('word-registered')]),
      json<Extras>('extras.json'),
      Promise.all(
        ['reports', 'report-ids', 'report-titles', 'report-sources'].map(async (name) => {
          const singular = name === 'reports' ? 'report-json' : name.slice(0, -1);
          const [bytes, starts] = await Promise.all([read(`${name}.utf16`), u32(`${singular}-starts.u32`)]);
          return new PackedTexts(bytes, starts);
        }),
      ),
      Promise.all([read('report-date-keys.f64'), u32('report-source-keys.u32'), u32('report-year-keys.u32')]),
      Promise.all([read('texts.utf16'), u32('text-starts.u32'), read('norms.utf16'), u32('norm-starts.u32')]),
      Promise.all([u32('report-start.u32'), read('kinds.u8'), u32('word-counts.u32')]),
      Promise.all([
        u32('unigram-offsets.u32'),
        lists('unigram'),
        lists('bigram-key'),
        u32('bigram-offsets.u32'),
        lists('bigram'),
      ]),
      Promise.all([
        u32('title-unigram-offsets.u32'),
        lists('title-unigram'),
        u32('title-bigram-keys.u32'),
        u32('title-bigram-offsets.u32'),
        lists('title-bigram'),
      ]),
      json<[string, string[]][]>('pinyin.json'),
      Promise.all([read('answers.json'), u32('answer-ids.u32'), read('answer-scores.f64'), u32('answer-facets.u32')]),
    ]);
    // A failure is caught below, once this thread is free to see it.
    parts.catch(() => {});
    if (userDictNames.length > 0) await read(USER_DICT_FILE);
    const segmenter = initSegmenter(userDictNames.length > 0 ? join(dir, USER_DICT_FILE) : null);
    if (segmenter.dictionarySha256 !== manifest.segmenter.dictionarySha256) {
      throw new IndexMismatchError(root, 'it was built with other segmentation dictionaries');
    }
    // Searching needs them, and this thread would otherwise wait idle for the large files.
    prepareNormalizer();
    const [
      wordParts,
      extras,
      reportTexts,
      reportKeys,
      textParts,
      arrays,
      gramArrays,
      titleGramArrays,
      pinyin,
      answerParts,
    ] = await parts;
    const [titleUnigramOffsets, titleUnigramLists, titleBigramKeys, titleBigramOffsets, titleBigramLists] =
      titleGramArrays;
    const [reports, reportIds, titles, sources] = reportTexts as [PackedTexts, PackedTexts, PackedTexts, PackedTexts];
    const [dateKeyBytes, sourceKey, yearKey] = reportKeys;
    const sourceList = Array.from({ length: sources.count }, (_, r) => sources.get(r));
    const [unigramOffsets, unigramLists, keyList, bigramOffsets, bigramLists] = gramArrays;
    const [words, wordOffsets, wordLists, registeredList] = wordParts;
    const data: ArchiveData = {
      reports,
      reportIds,
      facts: {
        titles: Array.from({ length: titles.count }, (_, r) => titles.get(r)),
        sources: sourceList,
        ...indexSources(sourceList),
        dateKeys: float64Of(dateKeyBytes),
        sourceKey,
        sourceNames: extras.sourceNames,
        yearKey,
        yearNames: extras.yearNames,
      },
      dateRange: extras.dateRange,
      reportStart: arrays[0],
      kinds: new Uint8Array(arrays[1]),
      texts: new PackedTexts(textParts[0], textParts[1]),
      norms: new PackedTexts(textParts[2], textParts[3]),
      headings: extras.headings,
      credits: extras.credits,
      wordCounts: arrays[2],
      grams: {
        unigrams: PostingLists.lazy(unigramOffsets, unigramLists, true),
        bigramKeys: PostingLists.lazy(Uint32Array.of(0, manifest.counts.bigrams), keyList).ids(0),
        bigrams: PostingLists.lazy(bigramOffsets, bigramLists, true),
      },
      titleGrams: {
        unigrams: PostingLists.lazy(titleUnigramOffsets, titleUnigramLists, true),
        bigramKeys: titleBigramKeys,
        bigrams: PostingLists.lazy(titleBigramOffsets, titleBigramLists, true),
      },
      words: WordIndex.fromPostings({
        words,
        lists: PostingLists.lazy(wordOffsets, wordLists),
        registered: PostingLists.lazy(Uint32Array.of(0, manifest.wordRegistered), registeredList).ids(0),
      }),
      pinyin: new Map(pinyin),
      answers: loadAnswers(
        {
          json: answerParts[0].toString('utf8'),
          ids: answerParts[1],
          scores: float64Of(answerParts[2]),
          facets: answerParts[3],
        },
        extras.sourceNames.length,
        extras.yearNames.length,
      ),
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
  } finally {
    await files.close();
  }
}

/** What `extras.json` holds: sparse per-paragraph strings and small per-archive facts. */
interface Extras {
  headings: (string | null)[];
  credits: (string | null)[];
  dateRange: { first?: string; last?: string };
  sourceNames: string[];
  yearNames: string[];
}

/**
 * The data files of a build (besides the manifest and the user dictionary) in reading order, and
 * whether each is stored deflated. Texts and posting lists are not: they are used as read.
 */
const DATA_FILES: Record<string, 'deflated' | 'raw'> = {
  'extras.json': 'deflated',
  'report-ids.utf16': 'deflated',
  'report-id-starts.u32': 'deflated',
  'report-titles.utf16': 'deflated',
  'report-title-starts.u32': 'deflated',
  'report-sources.utf16': 'deflated',
  'report-source-starts.u32': 'deflated',
  'report-date-keys.f64': 'deflated',
  'report-source-keys.u32': 'deflated',
  'report-year-keys.u32': 'deflated',
  'reports.utf16': 'deflated',
  'report-json-starts.u32': 'deflated',
  'pinyin.json': 'deflated',
  'answers.json': 'deflated',
  'answer-ids.u32': 'deflated',
  'answer-scores.f64': 'deflated',
  'answer-facets.u32': 'deflated',
  'words.json': 'deflated',
  'kinds.u8': 'deflated',
  'report-start.u32': 'deflated',
  'word-counts.u32': 'deflated',
  'text-starts.u32': 'deflated',
  'norm-starts.u32': 'deflated',
  'unigram-offsets.u32': 'deflated',
  'unigram-list-bytes.u32': 'deflated',
  'bigram-key-gaps.varint': 'raw',
  'bigram-key-list-bytes.u32': 'deflated',
  'bigram-offsets.u32': 'deflated',
  'bigram-list-bytes.u32': 'deflated',
  'word-offsets.u32': 'deflated',
  'word-list-bytes.u32': 'deflated',
  'word-registered-gaps.varint': 'raw',
  'word-registered-list-bytes.u32': 'deflated',
  'texts.utf16': 'raw',
  'norms.utf16': 'raw',
  'word-gaps.varint': 'raw',
  'bigram-gaps.varint': 'raw',
  'unigram-gaps.varint': 'raw',
  'title-unigram-offsets.u32': 'deflated',
  'title-unigram-list-bytes.u32': 'deflated',
  'title-unigram-gaps.varint': 'raw',
  'title-bigram-keys.u32': 'deflated',
  'title-bigram-offsets.u32': 'deflated',
  'title-bigram-list-bytes.u32': 'deflated',
  'title-bigram-gaps.varint': 'raw',
};

/** One list holding `ids`, for saving a sorted array like the others. */
function oneList(ids: Uint32Array): PostingLists {
  return PostingLists.of(Uint32Array.of(0, ids.length), ids);
}

function checkShape(root: string, data: ArchiveData, manifest: Manifest): void {
  const n = data.texts.count;
  const reports = data.reports.count;
  const facts = data.facts;
  const consistent =
    n === manifest.counts.paragraphs &&
    reports === manifest.counts.reports &&
    data.reportIds.count === reports &&
    facts.titles.length === reports &&
    facts.sources.length === reports &&
    facts.dateKeys.length === reports &&
    facts.sourceKey.length === reports &&
    facts.yearKey.length === reports &&
    facts.sourceKey.every((key) => key < facts.sourceNames.length) &&
    facts.yearKey.every((key) => key < facts.yearNames.length) &&
    data.norms.count === n &&
    data.kinds.length === n &&
    data.wordCounts.length === n &&
    data.reportStart.length === reports + 1 &&
    data.reportStart[reports] === n &&
    data.grams.unigrams.count === 0x10000 &&
    data.grams.bigrams.count === data.grams.bigramKeys.length &&
    data.titleGrams.unigrams.count === 0x10000 &&
    data.titleGrams.bigrams.count === data.titleGrams.bigramKeys.length &&
    [...data.answers.values()].every((answer) => answer.ids.every((id) => id < n));
  if (!consistent) throw new IndexMismatchError(root, 'its files do not agree with each other');
}
