// A damaged index is refused: loading throws IndexMismatchError for any flipped byte or cut file,
// and `baoku serve` on it exits non-zero, says what to run, and never starts listening.
import { cp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { IndexMismatchError } from '../../src/errors.ts';
import { indexCorpus } from '../../src/index/indexer.ts';
import { currentBuild, loadArchive, SCHEMA_VERSION } from '../../src/index/store.ts';
import { search } from '../../src/search/search.ts';
import { writeGeneratedCorpus } from './corpus.ts';
import { freePort, listening } from '../helpers/ports.ts';
import { runBaoku, useTempRoot } from './processes.ts';

const makeRoot = useTempRoot('baoku-damaged-');

// 防控疫情 is found only through the word index (related matches): a lost word index shows.
const QUERIES = [
  '疫情防控',
  '防控疫情',
  '口罩',
  'kouzhao',
  '"医护人员坚守一线"',
  'source:新华社 复工',
];

/** A saved index of a small generated corpus, built once for the file. */
let pristine: { corpusDir: string; root: string; build: string; files: string[]; answers: string };

async function answersOf(indexDir: string): Promise<string> {
  const { archive } = await loadArchive(indexDir);
  return JSON.stringify(
    QUERIES.map((q) => {
      const result = search(archive, q, { limit: 50 });
      return [result.total, result.hits.map((hit) => [hit.reportId, hit.paragraph, hit.score])];
    }),
  );
}

/** Every file of a build folder, as build-relative paths with `/`. */
async function filesOf(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) =>
      join(entry.parentPath, entry.name)
        .slice(dir.length + 1)
        .replaceAll('\\', '/'),
    )
    .sort();
}

/** A fresh copy of the pristine index in its own folder. */
async function copyOfIndex(): Promise<{ root: string; dir: string }> {
  const root = join(await makeRoot(), 'index');
  await cp(pristine.root, root, { recursive: true });
  return { root, dir: join(root, pristine.build) };
}

beforeAll(async () => {
  const base = await makeRoot();
  const corpusDir = join(base, 'corpus');
  const root = join(base, 'index');
  await writeGeneratedCorpus(corpusDir, { reports: 12, paragraphs: 6, seed: 3 });
  await indexCorpus({ corpusDir, indexDir: root, force: true, workers: 0 });
  const build = (await currentBuild(root))!;
  pristine = {
    corpusDir,
    root,
    build,
    files: await filesOf(join(root, build)),
    answers: await answersOf(root),
  };
});

/** Flips one byte of one file of a copy; the copy is refused, or (manifest only) answers alike. */
async function flipAndLoad(name: string, where: number, mask: number): Promise<void> {
  const { root, dir } = await copyOfIndex();
  try {
    const bytes = await readFile(join(dir, name));
    const at = Math.floor(where * bytes.length);
    bytes[at] = bytes[at]! ^ mask;
    await writeFile(join(dir, name), bytes);
    const loaded = await answersOf(root).catch((error: unknown) => error);
    if (typeof loaded === 'string') {
      // Only the manifest has bytes whose change does not matter (the layout of its JSON).
      expect(name).toBe('manifest.json');
      expect(loaded).toBe(pristine.answers);
    } else {
      expect(loaded).toBeInstanceOf(IndexMismatchError);
      expect((loaded as Error).message).toContain('npm run index');
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

const position = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
const mask = fc.integer({ min: 1, max: 255 });

describe('loading a damaged index', () => {
  it('refuses a data file with one flipped byte', async () => {
    const data = pristine.files.filter((name) => name !== 'manifest.json');
    await fc.assert(
      fc.asyncProperty(fc.nat(), position, mask, (fileIndex, where, bits) =>
        flipAndLoad(data[fileIndex % data.length]!, where, bits),
      ),
      { numRuns: 120 },
    );
  }, 120_000);

  it('refuses a manifest with one flipped byte unless the change means nothing', async () => {
    await fc.assert(
      fc.asyncProperty(position, mask, (where, bits) => flipAndLoad('manifest.json', where, bits)),
      { numRuns: 120 },
    );
  }, 120_000);

  it('refuses a manifest changed after it was written', async () => {
    const { root, dir } = await copyOfIndex();
    await editManifest(dir, (manifest) => (manifest.createdAt = '2000-01-01T00:00:00.000Z'));
    await expect(loadArchive(root)).rejects.toThrow(
      'manifest.json is damaged (its checksum does not match)',
    );
  });

  it('is rebuilt by baoku index without --force when its manifest is damaged', async () => {
    const { root, dir } = await copyOfIndex();
    await editManifest(dir, (manifest) => delete manifest.files);
    const outcome = await indexCorpus({
      corpusDir: pristine.corpusDir,
      indexDir: root,
      force: false,
      workers: 0,
    });
    expect(outcome.built).toBe(true);
    expect(await answersOf(root)).toBe(pristine.answers);
  });

  it('refuses every file cut short', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), position, async (fileIndex, where) => {
        const { root, dir } = await copyOfIndex();
        try {
          const name = pristine.files[fileIndex % pristine.files.length]!;
          const file = join(dir, name);
          await truncate(file, Math.floor(where * (await readFile(file)).length));
          await expect(loadArchive(root)).rejects.toThrow(IndexMismatchError);
        } finally {
          await rm(root, { recursive: true, force: true });
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});

/** The data files of a build, largest first (names come from the manifest, not this test). */
async function dataFilesBySize(dir: string): Promise<string[]> {
  const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as {
    files: Record<string, { bytes: number }>;
  };
  return Object.entries(manifest.files)
    .sort(([a, x], [b, y]) => y.bytes - x.bytes || (a < b ? -1 : 1))
    .map(([name]) => name);
}

/** Changes the manifest as `change` says and writes it back in its own layout. */
async function editManifest(dir: string, change: (manifest: Record<string, unknown>) => void) {
  const file = join(dir, 'manifest.json');
  const manifest = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  change(manifest);
  await writeFile(file, JSON.stringify(manifest, null, 2));
}

/** Each damage: what it is, and a function that does it and returns what the refusal says. */
const DAMAGES: [string, (dir: string, root: string) => Promise<string>][] = [
  [
    'a truncated file',
    async (dir) => {
      const [largest] = await dataFilesBySize(dir);
      const file = join(dir, largest!);
      await truncate(file, Math.floor((await readFile(file)).length / 2));
      return `${largest} is damaged (its checksum does not match)`;
    },
  ],
  [
    'a flipped byte',
    async (dir) => {
      const [, second] = await dataFilesBySize(dir);
      const file = join(dir, second!);
      const bytes = await readFile(file);
      const at = Math.floor(bytes.length / 3);
      bytes[at] = bytes[at]! ^ 0x10;
      await writeFile(file, bytes);
      return `${second} is damaged (its checksum does not match)`;
    },
  ],
  [
    'a missing file',
    async (dir) => {
      const [, , third] = await dataFilesBySize(dir);
      await rm(join(dir, third!));
      return `${third} is missing`;
    },
  ],
  [
    'a manifest changed after it was written',
    async (dir) => {
      await editManifest(dir, (manifest) => (manifest.createdAt = '2000-01-01T00:00:00.000Z'));
      return 'manifest.json is damaged (its checksum does not match)';
    },
  ],
  [
    'a manifest from another schema version',
    async (dir) => {
      await editManifest(dir, (manifest) => (manifest.schemaVersion = SCHEMA_VERSION - 1));
      return `it has schema version ${SCHEMA_VERSION - 1}, this baoku reads version ${SCHEMA_VERSION}`;
    },
  ],
  [
    'a manifest that lost its list of files',
    async (dir) => {
      await editManifest(dir, (manifest) => delete manifest.files);
      return 'its manifest is damaged (files:';
    },
  ],
  [
    'a CURRENT that names a missing build',
    async (_dir, root) => {
      await writeFile(join(root, 'CURRENT'), 'build-2020-01-01T00-00-00-000Z-000000\n');
      return 'its manifest is missing or unreadable';
    },
  ],
  [
    'no index at all',
    async (_dir, root) => {
      await rm(root, { recursive: true });
      return 'no index in';
    },
  ],
];

describe('baoku serve on a damaged index', () => {
  it.each(DAMAGES)(
    'exits 1 for %s, says to run npm run index, and never listens',
    async (_what, damage) => {
      const { root, dir } = await copyOfIndex();
      const reason = await damage(dir, root);
      const port = await freePort();
      const end = await runBaoku(
        ['serve', '--index', root, '--port', String(port), '--host', '127.0.0.1'],
        { timeoutMs: 60_000 },
      );
      expect(end.code, end.stderr).toBe(1);
      expect(end.stderr).toContain(reason);
      expect(end.stderr).toContain('`npm run index');
      // A message, not a crash: no stack trace, and nothing was served.
      expect(end.stderr).not.toMatch(/^\s+at /m);
      expect(end.stderr).not.toContain('http://');
      expect(await listening(port)).toBe(false);
    },
    90_000,
  );
});
