// Saving and loading the archive: round trip, refusal of damaged or foreign indexes, atomic builds.
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { IndexMismatchError, IndexMissingError } from '../../src/errors.ts';
import type { Archive } from '../../src/index/archive.ts';
import { currentBuild, loadArchive, saveArchive, SCHEMA_VERSION } from '../../src/index/store.ts';
import { search, type SearchOptions } from '../../src/search/search.ts';
import { initSegmenter } from '../../src/text/segment.ts';
import { buildTestArchive, makeReport } from '../helpers/archive.ts';
import { useTempDirs } from '../helpers/tmp.ts';

const makeTempDir = useTempDirs('baoku-store-');

function sampleArchive(): Promise<Archive> {
  return buildTestArchive([
    makeReport(
      'qj-2020-01-24',
      [
        { text: '全区部署疫情防控工作', kind: 'heading' },
        { text: '我区支援湖北医疗队队员结束集中休养回到綦江。', heading: '全区部署疫情防控工作' },
        { text: '工作人员正在测体温。', kind: 'caption', credit: '通讯员 罗文 摄' },
      ],
      { title: '全区部署疫情防控工作', date: '2020-01-24', source: '綦江日报', page: '2', authors: ['蔡小芹'] },
    ),
    makeReport('feed-1', ['湖北派出的医疗队抵达武汉。', '臺灣同胞捐贈物資。', 'ＣＯＶＩＤ－１９ 疫情 😷'], {
      date: '2020-02',
      source: '示例网',
      url: 'https://example.org/1',
    }),
    makeReport('undated', ['孝感疫情防控。', '中华为国争光,华为捐款。']),
  ], { answerMinParagraphs: 2 });
}

/** Saves an archive the way `baoku index` does, with the default dictionaries. */
async function save(root: string, archive: Archive) {
  return saveArchive(root, archive, initSegmenter(null), {
    corpusSha256: 'a'.repeat(64),
    userDictText: null,
    failures: [{ file: 'bad.md', reason: 'no paragraphs of text' }],
  });
}

/** A search result with its timing, which differs from run to run, set to zero. */
function searchResult(archive: Archive, query: string, options: SearchOptions = {}) {
  return { ...search(archive, query, options), tookMs: 0 };
}

const QUERIES: [string, SearchOptions][] = [
  ['疫情防控', {}],
  ['湖北医疗队', {}],
  ['qijiang', {}],
  ['臺灣', {}],
  ['covid-19 OR 华为 -孝感', { sort: 'date' }],
  ['"测体温"', { limit: 1, offset: 0 }],
  ['疫情 source:綦江 from:2020-01', {}],
  ['疫情', {}],
  ['防控', { limit: 1, offset: 1 }],
];

/** Whether `action` rejects with an IndexMismatchError whose message contains `reason`. */
async function expectMismatch(action: Promise<unknown>, reason: string): Promise<void> {
  const error = await action.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(IndexMismatchError);
  expect((error as Error).message).toContain(reason);
  expect((error as Error).message).toContain('rebuild it with `npm run index -- --force`');
}

describe('saveArchive and loadArchive', () => {
  it('give back an archive that answers every search exactly as the original', async () => {
    const root = await makeTempDir();
    const archive = await sampleArchive();
    await save(root, archive);
    const { archive: loaded } = await loadArchive(root);
    for (const [query, options] of QUERIES) {
      expect(searchResult(loaded, query, options)).toEqual(searchResult(archive, query, options));
    }
  });

  it('give back the same data: texts, normalised texts, paragraphs, reports and statistics', async () => {
    const root = await makeTempDir();
    const archive = await sampleArchive();
    await save(root, archive);
    const { archive: loaded } = await loadArchive(root);
    expect(loaded.stats).toEqual(archive.stats);
    expect(loaded.facts).toEqual(archive.facts);
    expect(loaded.data.texts).toEqual(archive.data.texts);
    expect(loaded.data.norms).toEqual(archive.data.norms);
    expect([...loaded.data.wordCounts]).toEqual([...archive.data.wordCounts]);
    expect(loaded.data.pinyin).toEqual(archive.data.pinyin);
    expect(archive.data.answers.size).toBeGreaterThan(0);
    expect(loaded.data.answers).toEqual(archive.data.answers);
    for (let id = 0; id < archive.paragraphCount; id++) expect(loaded.paragraph(id)).toEqual(archive.paragraph(id));
    for (let r = 0; r < archive.reportCount; r++) expect(loaded.report(r)).toEqual(archive.report(r));
  });

  it('round-trips an empty archive', async () => {
    const root = await makeTempDir();
    await save(root, await buildTestArchive([]));
    const { archive } = await loadArchive(root);
    expect(archive.stats).toEqual({ reports: 0, paragraphs: 0, characters: 0 });
    expect(search(archive, '疫情').total).toBe(0);
  });

  it('writes a manifest with the schema version, segmenter, counts, failures and file checksums', async () => {
    const root = await makeTempDir();
    const archive = await sampleArchive();
    const saved = await save(root, archive);
    const { manifest, build } = await loadArchive(root);
    expect(build).toBe(saved.build);
    expect(manifest).toEqual(saved.manifest);
    expect(manifest.schemaVersion).toBe(SCHEMA_VERSION);
    expect(manifest.segmenter).toMatchObject({ name: 'nodejieba', userDict: false });
    expect(manifest.corpusSha256).toBe('a'.repeat(64));
    expect(manifest.counts).toMatchObject({ reports: 3, paragraphs: 8, characters: archive.stats.characters });
    expect(manifest.failures).toEqual([{ file: 'bad.md', reason: 'no paragraphs of text' }]);
    for (const [name, file] of Object.entries(manifest.files)) {
      expect((await readFile(join(root, build, name))).byteLength).toBe(file.bytes);
      expect(file.crc32).toBe(crc32(await readFile(join(root, build, name))));
    }
    expect(saved.bytes).toBe(Object.values(manifest.files).reduce((sum, file) => sum + file.bytes, 0));
  });

  it('keeps the live build and the one before it, and removes older ones', async () => {
    const root = await makeTempDir();
    const archive = await sampleArchive();
    const first = await save(root, archive);
    const second = await save(root, archive);
    const third = await save(root, archive);
    expect(await currentBuild(root)).toBe(third.build);
    const builds = (await readdir(root)).filter((entry) => entry.startsWith('build-')).sort();
    expect(builds).toEqual([second.build, third.build].sort());
    expect(existsSync(join(root, first.build))).toBe(false);
  });

  describe('an interrupted build', () => {
    it('does not affect loading, and is cleaned up by the next save', async () => {
      const root = await makeTempDir();
      const archive = await sampleArchive();
      const saved = await save(root, archive);
      // What a build killed halfway leaves behind: a temporary folder with part of its files.
      const leftover = join(root, '.tmp-build-2020-01-01T00-00-00-000Z-abcdef');
      await mkdir(join(leftover, 'words'), { recursive: true });
      await writeFile(join(leftover, 'texts.utf16'), '["half');

      const { archive: loaded, build } = await loadArchive(root);
      expect(build).toBe(saved.build);
      expect(search(loaded, '疫情防控').total).toBe(search(archive, '疫情防控').total);

      await save(root, archive);
      expect(existsSync(leftover)).toBe(false);
    });

    it('leaves no temporary folder behind after a complete save', async () => {
      const root = await makeTempDir();
      await save(root, await sampleArchive());
      expect((await readdir(root)).filter((entry) => entry.startsWith('.tmp-'))).toEqual([]);
    });
  });

  describe('refuses an index it cannot trust', () => {
    /** Saves the sample archive and returns the folder of its live build. */
    async function savedBuild(): Promise<{ root: string; dir: string }> {
      const root = await makeTempDir();
      const { build } = await save(root, await sampleArchive());
      return { root, dir: join(root, build) };
    }

    it('with IndexMissingError when the folder does not exist', async () => {
      const root = join(await makeTempDir(), 'no-index-here');
      await expect(loadArchive(root)).rejects.toThrow(IndexMissingError);
      await expect(loadArchive(root)).rejects.toThrow(`baoku: no index in ${root}; build one with \`npm run index\``);
    });

    it('with IndexMissingError when the folder is empty', async () => {
      await expect(loadArchive(await makeTempDir())).rejects.toThrow(IndexMissingError);
    });

    it('with IndexMissingError when CURRENT names no build', async () => {
      const { root } = await savedBuild();
      await writeFile(join(root, 'CURRENT'), '../../etc\n');
      await expect(loadArchive(root)).rejects.toThrow(IndexMissingError);
    });

    it('when the live build folder is gone', async () => {
      const { root, dir } = await savedBuild();
      await rm(dir, { recursive: true });
      await expectMismatch(loadArchive(root), 'its manifest is missing or unreadable');
    });

    it('when a file is truncated', async () => {
      const { root, dir } = await savedBuild();
      const file = join(dir, 'texts.utf16');
      await truncate(file, (await readFile(file)).byteLength - 10);
      await expectMismatch(loadArchive(root), 'texts.utf16 is damaged (its checksum does not match)');
    });

    it('when a byte of a file is flipped', async () => {
      const { root, dir } = await savedBuild();
      const file = join(dir, 'bigram-gaps.varint');
      const bytes = await readFile(file);
      bytes[0] = bytes[0]! ^ 0xff;
      await writeFile(file, bytes);
      await expectMismatch(loadArchive(root), 'bigram-gaps.varint is damaged (its checksum does not match)');
    });

    it('when a byte of the word index is flipped', async () => {
      const { root, dir } = await savedBuild();
      const file = join(dir, 'word-gaps.varint');
      const bytes = await readFile(file);
      bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0x01;
      await writeFile(file, bytes);
      await expectMismatch(loadArchive(root), 'word-gaps.varint is damaged (its checksum does not match)');
    });

    it('when a file is missing', async () => {
      const { root, dir } = await savedBuild();
      await rm(join(dir, 'norms.utf16'));
      await expectMismatch(loadArchive(root), 'norms.utf16 is missing');
    });

    it('when the manifest is from another schema version', async () => {
      const { root, dir } = await savedBuild();
      const file = join(dir, 'manifest.json');
      const manifest = JSON.parse(await readFile(file, 'utf8')) as { schemaVersion: number };
      manifest.schemaVersion = SCHEMA_VERSION + 1;
      await writeFile(file, JSON.stringify(manifest));
      await expectMismatch(
        loadArchive(root),
        `it has schema version ${SCHEMA_VERSION + 1}, this baoku reads version ${SCHEMA_VERSION}`,
      );
    });

    it('when the manifest was written by other segmentation dictionaries', async () => {
      const { root, dir } = await savedBuild();
      const file = join(dir, 'manifest.json');
      const manifest = JSON.parse(await readFile(file, 'utf8')) as { segmenter: { dictionarySha256: string } };
      manifest.segmenter.dictionarySha256 = '0'.repeat(64);
      await writeFile(file, JSON.stringify(manifest));
      await expectMismatch(loadArchive(root), 'it was built with other segmentation dictionaries');
    });

    it('when the manifest is truncated', async () => {
      const { root, dir } = await savedBuild();
      const file = join(dir, 'manifest.json');
      await truncate(file, 20);
      await expectMismatch(loadArchive(root), 'its manifest is missing or unreadable');
    });

    it('when the manifest counts disagree with the files', async () => {
      const { root, dir } = await savedBuild();
      const file = join(dir, 'manifest.json');
      const manifest = JSON.parse(await readFile(file, 'utf8')) as { counts: { paragraphs: number } };
      manifest.counts.paragraphs += 1;
      await writeFile(file, JSON.stringify(manifest));
      await expectMismatch(loadArchive(root), 'its files do not agree with each other');
    });
  });
});
