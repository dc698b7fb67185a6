// Loading a corpus folder: file discovery, ids, encodings, failures and duplicate ids.
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.ts';
import { CorpusError } from '../../src/errors.ts';

const MINI_CORPUS = fileURLToPath(new URL('../fixtures/corpus/mini', import.meta.url));

const tmpDirs: string[] = [];

afterEach(async () => {
  await Promise.all(tmpDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Writes a corpus of files (relative path → text or bytes) into a fresh temporary folder. */
async function corpusOf(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'baoku-corpus-'));
  tmpDirs.push(dir);
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dir, ...rel.split('/'));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  }
  return dir;
}

describe('loadCorpus', () => {
  it('loads the fixture corpus: Markdown, nested text, JSON Lines, skipping other files', async () => {
    const corpus = await loadCorpus(MINI_CORPUS);
    expect(corpus.files.map((f) => f.path)).toEqual([
      '2020-01-24-xinwen.md',
      'feed.jsonl',
      'nested/deep/bianji.txt',
    ]);
    expect(corpus.reports.map((r) => [r.id, r.origin])).toEqual([
      ['mini-xinwen', '2020-01-24-xinwen.md'],
      ['mini-feed-1', 'feed.jsonl:1'],
      ['nested/deep/bianji', 'nested/deep/bianji.txt'],
    ]);
    expect(corpus.failures).toEqual([
      { file: 'feed.jsonl:3', reason: 'field paragraphs: expected array, received string' },
    ]);
  });

  it('parses the fixture Markdown report with metadata, headings, repair and caption', async () => {
    const [report] = (await loadCorpus(MINI_CORPUS)).reports;
    expect(report).toStrictEqual({
      id: 'mini-xinwen',
      title: '全区部署疫情防控工作',
      date: '2020-01-24',
      source: '綦江日报',
      page: '2',
      authors: [],
      origin: '2020-01-24-xinwen.md',
      paragraphs: [
        { n: 1, kind: 'heading', text: '全区部署疫情防控工作' },
        { n: 2, kind: 'heading', text: '有速度' },
        { n: 3, kind: 'body', text: '1月23日,全区召开疫情防控工作会议;', heading: '有速度' },
        {
          n: 4,
          kind: 'body',
          text: '会议要求各街镇迅速行动,切实做好疫情防控工作。',
          heading: '有速度',
        },
        {
          n: 5,
          kind: 'caption',
          text: '工作人员正在测体温。',
          credit: '通讯员 罗文 摄',
          heading: '有速度',
        },
      ],
    });
  });

  it('takes the id of a report without one from its path, and its authors from the byline', async () => {
    const report = (await loadCorpus(MINI_CORPUS)).reports[2];
    expect(report).toStrictEqual({
      id: 'nested/deep/bianji',
      authors: ['张三'],
      origin: 'nested/deep/bianji.txt',
      paragraphs: [{ n: 1, kind: 'body', text: '各级各部门有力有序组织企业恢复正常生产经营。' }],
    });
  });

  it('records size and SHA-256 of every report file, failed ones included', async () => {
    const bad = new Uint8Array([0xff, 0xfe, 0x00, 0x01]);
    const dir = await corpusOf({ 'a.md': '甲。', 'b.md': bad });
    const sha = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');
    expect((await loadCorpus(dir)).files).toEqual([
      { path: 'a.md', bytes: 6, sha256: sha('甲。') },
      { path: 'b.md', bytes: 4, sha256: sha(bad) },
    ]);
  });

  it('finds files in nested folders and sorts them by path', async () => {
    const dir = await corpusOf({
      'z.md': '甲。',
      '2020/b.txt': '乙。',
      '2020/01/a.md': '丙。',
      'a.jsonl': '{"id":"j","paragraphs":["丁。"]}',
    });
    const corpus = await loadCorpus(dir);
    expect(corpus.files.map((f) => f.path)).toEqual(['2020/01/a.md', '2020/b.txt', 'a.jsonl', 'z.md']);
    expect(corpus.reports.map((r) => r.id)).toEqual(['2020/01/a', '2020/b', 'j', 'z']);
  });

  it('ignores files that are not .md, .txt or .jsonl, and dot-files and dot-folders', async () => {
    const dir = await corpusOf({
      'a.md': '甲。',
      'userdict.utf8': '綦江 1000 ns',
      'notes.csv': 'x,y',
      'b.json': '{"id":"b","paragraphs":[]}',
      '.hidden.md': '乙。',
      '.git/c.md': '丙。',
    });
    const corpus = await loadCorpus(dir);
    expect(corpus.files.map((f) => f.path)).toEqual(['a.md']);
    expect(corpus.reports.map((r) => r.id)).toEqual(['a']);
    expect(corpus.failures).toEqual([]);
  });

  it('accepts upper-case extensions', async () => {
    const dir = await corpusOf({ 'A.MD': '甲。', 'B.TXT': '乙。' });
    expect((await loadCorpus(dir)).reports.map((r) => r.id)).toEqual(['A', 'B']);
  });

  it('reads a GB18030 file', async () => {
    const dir = await corpusOf({
      'gb.txt': iconv.encode('---\ntitle: 綦江战疫\n---\n綦江医疗队\n驰援湖北。\n', 'gb18030'),
    });
    const [report] = (await loadCorpus(dir)).reports;
    expect(report?.title).toBe('綦江战疫');
    expect(report?.paragraphs).toEqual([{ n: 1, kind: 'body', text: '綦江医疗队驰援湖北。' }]);
  });

  it('reads a UTF-8 file with a BOM and its front matter', async () => {
    const dir = await corpusOf({ 'bom.md': '\ufeff---\nid: with-bom\n---\n甲。' });
    expect((await loadCorpus(dir)).reports.map((r) => r.id)).toEqual(['with-bom']);
  });

  it('reads a file with CRLF line ends', async () => {
    const dir = await corpusOf({ 'crlf.md': '---\r\nid: crlf\r\n---\r\n甲\r\n乙。\r\n\r\n丙。\r\n' });
    const [report] = (await loadCorpus(dir)).reports;
    expect(report?.id).toBe('crlf');
    expect(report?.paragraphs.map((p) => p.text)).toEqual(['甲乙。', '丙。']);
  });

  it('records a failure for invalid bytes and loads the other files', async () => {
    const dir = await corpusOf({ 'a.md': '甲。', 'bad.md': new Uint8Array([0x80, 0xff, 0xfe, 0x41]) });
    const corpus = await loadCorpus(dir);
    expect(corpus.reports.map((r) => r.id)).toEqual(['a']);
    expect(corpus.failures).toEqual([
      { file: 'bad.md', reason: 'neither UTF-8 nor GB18030; save it as UTF-8' },
    ]);
  });

  it('records a failure for an empty file', async () => {
    const dir = await corpusOf({ 'empty.md': '', 'blank.jsonl': '\n\n' });
    expect((await loadCorpus(dir)).failures).toEqual([
      { file: 'blank.jsonl', reason: 'empty file' },
      { file: 'empty.md', reason: 'empty file' },
    ]);
  });

  it('records a failure for bad front matter', async () => {
    const dir = await corpusOf({ 'a.md': '---\ndate: 2020-13-01\n---\n甲。' });
    expect(await loadCorpus(dir)).toEqual({
      reports: [],
      failures: [
        { file: 'a.md', reason: 'invalid date "2020-13-01"; write YYYY-MM-DD, YYYY-MM or YYYY' },
      ],
      files: [expect.objectContaining({ path: 'a.md' })],
    });
  });

  it('records a bad JSON Lines record as path:line and loads the other lines', async () => {
    const dir = await corpusOf({
      'feed.jsonl': [
        '{"id":"one","paragraphs":["甲。"]}',
        '',
        '{"id":"two", oops}',
        '{"id":"three","paragraphs":["乙。"]}',
        '',
      ].join('\n'),
    });
    const corpus = await loadCorpus(dir);
    expect(corpus.reports.map((r) => [r.id, r.origin])).toEqual([
      ['one', 'feed.jsonl:1'],
      ['three', 'feed.jsonl:4'],
    ]);
    expect(corpus.failures).toHaveLength(1);
    expect(corpus.failures[0]?.file).toBe('feed.jsonl:3');
    expect(corpus.failures[0]?.reason).toMatch(/^not valid JSON: /);
  });

  it('keeps the first of two reports with one id and records the second as a failure', async () => {
    const dir = await corpusOf({
      'a/first.md': '---\nid: same\n---\n甲。',
      'b/second.md': '---\nid: same\n---\n乙。',
    });
    const corpus = await loadCorpus(dir);
    expect(corpus.reports.map((r) => r.origin)).toEqual(['a/first.md']);
    expect(corpus.failures).toEqual([
      {
        file: 'b/second.md',
        reason: 'duplicate report id "same" in a/first.md and b/second.md',
      },
    ]);
  });

  it('detects a duplicate id between a Markdown file and a JSON Lines record', async () => {
    const dir = await corpusOf({
      'a.md': '---\nid: same\n---\n甲。',
      'b.jsonl': '{"id":"same","paragraphs":["乙。"]}',
    });
    expect((await loadCorpus(dir)).failures).toEqual([
      { file: 'b.jsonl:1', reason: 'duplicate report id "same" in a.md and b.jsonl:1' },
    ]);
  });

  it('gives an empty result for an empty folder', async () => {
    expect(await loadCorpus(await corpusOf({}))).toEqual({ reports: [], failures: [], files: [] });
  });

  it('throws a CorpusError for a missing corpus folder', async () => {
    const missing = path.join(await corpusOf({}), 'no-such-folder');
    await expect(loadCorpus(missing)).rejects.toThrow(CorpusError);
    await expect(loadCorpus(missing)).rejects.toThrow(
      `baoku: cannot read ${missing}: the corpus folder does not exist`,
    );
  });

  it('throws a CorpusError when the corpus path is a file', async () => {
    const file = path.join(await corpusOf({ 'a.md': '甲。' }), 'a.md');
    await expect(loadCorpus(file)).rejects.toThrow('the corpus path is not a folder');
  });

  it('loads the seed corpus in corpus/ without failures, ignoring userdict.utf8', async () => {
    const corpus = await loadCorpus(fileURLToPath(new URL('../../corpus', import.meta.url)));
    expect(corpus.failures).toEqual([]);
    expect(corpus.files.map((f) => f.path)).toContain('qijiang-2020-zhanyi.md');
    expect(corpus.files.map((f) => f.path)).not.toContain('userdict.utf8');
    expect(corpus.reports.find((r) => r.id === 'qijiang-2020-zhanyi')?.paragraphs).toHaveLength(46);
  });
});
