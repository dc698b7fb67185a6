// `baoku index` as a function: build a corpus folder, skip when unchanged, rebuild when forced.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { indexCorpus, isIndexCurrent } from '../../src/index/indexer.ts';
import { currentBuild, loadArchive } from '../../src/index/store.ts';
import { search } from '../../src/search/search.ts';
import { segment } from '../../src/text/segment.ts';
import { useTempDirs, writeFiles } from '../helpers/tmp.ts';

const makeTempDir = useTempDirs('baoku-indexer-');

const MARKDOWN = `---
id: qj-2020-01-24
title: 全区部署疫情防控工作
date: 2020-01-24
source: 綦江日报
---

## 全区部署疫情防控工作

我区支援湖北医疗队队员结束集中休养回到綦江。

湖北派出的医疗队抵达武汉。
`;

const JSONL = [
  JSON.stringify({ id: 'feed-1', date: '2020-02', source: '示例网', paragraphs: ['企业复工复产。', '疫情防控不松懈。'] }),
  JSON.stringify({ id: 'feed-2', paragraphs: '不是列表' }),
].join('\n');

/** A corpus folder with a Markdown report, a JSON Lines file (one bad record), and an index folder. */
async function corpusAndIndex(extra: Record<string, string> = {}): Promise<{ corpusDir: string; indexDir: string }> {
  const corpusDir = await makeTempDir();
  await writeFiles(corpusDir, { 'qj.md': MARKDOWN, 'feed.jsonl': JSONL, ...extra });
  return { corpusDir, indexDir: join(await makeTempDir(), 'index') };
}

describe('indexCorpus', () => {
  it('builds and saves the index of a corpus folder, reporting what it read', async () => {
    const dirs = await corpusAndIndex();
    const outcome = await indexCorpus({ ...dirs, force: false, workers: 0 });
    expect(outcome).toMatchObject({ built: true, reports: 2, paragraphs: 5 });
    expect(outcome.failures).toEqual([{ file: 'feed.jsonl:2', reason: 'field paragraphs: expected array, received string' }]);
    expect(outcome.bytes).toBeGreaterThan(0);

    const { archive, manifest } = await loadArchive(dirs.indexDir);
    expect(manifest.failures).toEqual(outcome.failures);
    expect(archive.stats.characters).toBe(outcome.characters);
    const result = search(archive, '医疗队');
    expect(result.hits.map((hit) => `${hit.reportId}#${hit.paragraph}`).sort()).toEqual(['qj-2020-01-24#2', 'qj-2020-01-24#3']);
  });

  it('skips the build when the corpus and dictionary are unchanged', async () => {
    const dirs = await corpusAndIndex();
    await indexCorpus({ ...dirs, force: false, workers: 0 });
    const build = await currentBuild(dirs.indexDir);
    const again = await indexCorpus({ ...dirs, force: false, workers: 0 });
    expect(again.built).toBe(false);
    expect(again).toMatchObject({ reports: 2, paragraphs: 5 });
    expect(await currentBuild(dirs.indexDir)).toBe(build);
    expect(await isIndexCurrent(dirs.corpusDir, dirs.indexDir)).toBe(true);
  });

  it('rebuilds an unchanged corpus when forced', async () => {
    const dirs = await corpusAndIndex();
    await indexCorpus({ ...dirs, force: false, workers: 0 });
    const build = await currentBuild(dirs.indexDir);
    const forced = await indexCorpus({ ...dirs, force: true, workers: 0 });
    expect(forced.built).toBe(true);
    expect(await currentBuild(dirs.indexDir)).not.toBe(build);
  });

  it('rebuilds when a corpus file changed, and the new text is found', async () => {
    const dirs = await corpusAndIndex();
    await indexCorpus({ ...dirs, force: false, workers: 0 });
    await writeFile(join(dirs.corpusDir, 'feed.jsonl'), JSON.stringify({ id: 'feed-1', paragraphs: ['孝感加油。'] }));
    expect(await isIndexCurrent(dirs.corpusDir, dirs.indexDir)).toBe(false);
    const outcome = await indexCorpus({ ...dirs, force: false, workers: 0 });
    expect(outcome).toMatchObject({ built: true, reports: 2, paragraphs: 4, failures: [] });
    expect(search((await loadArchive(dirs.indexDir)).archive, '孝感').total).toBe(1);
  });

  it('says an index folder without an index is not current', async () => {
    const dirs = await corpusAndIndex();
    expect(await isIndexCurrent(dirs.corpusDir, dirs.indexDir)).toBe(false);
  });

  it('segments with the corpus user dictionary, saves it, and loads it with the index', async () => {
    const dirs = await corpusAndIndex({ 'userdict.utf8': '湖北医疗队 100000 n\n' });
    await indexCorpus({ ...dirs, force: false, workers: 0 });
    const { archive, manifest } = await loadArchive(dirs.indexDir);
    expect(manifest.segmenter.userDict).toBe(true);
    expect(segment('支援湖北医疗队')).toEqual(['支援', '湖北医疗队']);
    expect(search(archive, '湖北医疗队').terms).toEqual([{ term: '湖北医疗队', phrase: false, words: ['湖北医疗队'] }]);
  }, 60_000);

  it('rebuilds when the user dictionary changed', async () => {
    const dirs = await corpusAndIndex({ 'userdict.utf8': '湖北医疗队 100000 n\n' });
    await indexCorpus({ ...dirs, force: false, workers: 0 });
    await writeFile(join(dirs.corpusDir, 'userdict.utf8'), '医疗队队员 100000 n\n');
    expect(await isIndexCurrent(dirs.corpusDir, dirs.indexDir)).toBe(false);
    expect((await indexCorpus({ ...dirs, force: false, workers: 0 })).built).toBe(true);
  }, 60_000);

  it('goes back to the default dictionaries for an index built without a user dictionary', async () => {
    const withDict = await corpusAndIndex({ 'userdict.utf8': '湖北医疗队 100000 n\n' });
    const without = await corpusAndIndex();
    await indexCorpus({ ...without, force: false, workers: 0 });
    // Building with the user dictionary leaves it loaded in this process.
    await indexCorpus({ ...withDict, force: false, workers: 0 });
    const { archive } = await loadArchive(without.indexDir);
    expect(search(archive, '湖北医疗队').terms[0]!.words).toEqual(['湖北', '医疗队']);
  }, 60_000);
});
