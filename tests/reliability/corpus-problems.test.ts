// `baoku index` on a corpus with broken files: each problem is reported with its file, everything
// else is indexed, and --strict exits 1.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadArchive } from '../../src/index/store.ts';
import { search } from '../../src/search/search.ts';
import { runBaoku, useTempRoot, type Finished } from './processes.ts';

const makeRoot = useTempRoot('baoku-corpus-');

function report(id: string, title: string, text: string): string {
  return `---\nid: ${id}\ntitle: ${title}\ndate: 2020-02-03\nsource: 綦江日报\n---\n\n${text}\n`;
}

/** The corpus: four readable reports and one broken file of every kind. */
const FILES: Record<string, string | Uint8Array> = {
  'good.md': report('good', '全区部署疫情防控工作', '全区召开疫情防控工作会议。'),
  'gb18030.md': iconv.encode(
    report('gb', '春耕备耕', '农业部门组织春耕备耕，保障蔬菜供应。'),
    'gb18030',
  ),
  'feed.jsonl': [
    JSON.stringify({ id: 'feed-1', date: '2020-02', paragraphs: ['物流企业开通绿色通道。'] }),
    '{"id": "feed-2", "paragraphs": ["没有结尾',
    JSON.stringify({ id: 'feed-3', paragraphs: ['志愿者测量体温。'] }),
  ].join('\n'),
  'dup-first.md': report('dup', '第一篇', '重复编号的第一篇报道。'),
  'dup-second.md': report('dup', '第二篇', '重复编号的第二篇报道。'),
  'empty.md': '',
  'not-text.md': new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe, 0x80, 0xff, 0x0a, 0xc3, 0x28]),
  'bad-yaml.md': '---\ntitle: [不闭合\nsource: 綦江日报\n---\n\n正文一段。\n',
  'unclosed.md': '---\ntitle: 没有结束线\n\n正文一段。\n',
};

/** Each broken file and what `baoku index` says about it. */
const PROBLEMS: [file: string, reason: string][] = [
  ['bad-yaml.md', 'the front matter is not valid YAML'],
  ['dup-second.md', 'duplicate report id "dup" in dup-first.md and dup-second.md'],
  ['empty.md', 'empty file'],
  ['feed.jsonl:2', 'not valid JSON'],
  ['not-text.md', 'neither UTF-8 nor GB18030; save it as UTF-8'],
  ['unclosed.md', 'the front matter opened by --- on line 1 is never closed'],
];

let corpusDir: string;
let lenient: Finished;
let lenientIndex: string;

async function writeCorpus(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [name, content] of Object.entries(FILES)) await writeFile(join(dir, name), content);
}

beforeAll(async () => {
  const root = await makeRoot();
  corpusDir = join(root, 'corpus');
  lenientIndex = join(root, 'index');
  await writeCorpus(corpusDir);
  lenient = await runBaoku(['index', corpusDir, '--out', lenientIndex, '--workers', '0']);
}, 90_000);

describe('baoku index on a corpus with broken files', () => {
  it('exits 0 and names every broken file with its problem, one line each', () => {
    expect(lenient.code, lenient.stderr).toBe(0);
    const lines = lenient.stderr
      .split('\n')
      .filter((line) => line.startsWith('baoku: cannot read'));
    expect(lines).toHaveLength(PROBLEMS.length);
    PROBLEMS.forEach(([file, reason], i) => {
      expect(lines[i]?.startsWith(`baoku: cannot read ${file}: `), lines[i]).toBe(true);
      expect(lines[i]).toContain(reason);
    });
    expect(lenient.stdout).toContain('5 reports');
    expect(lenient.stdout).toContain(`${PROBLEMS.length} failures`);
  });

  it('indexes everything else, GB18030 text included', async () => {
    const { archive, manifest } = await loadArchive(lenientIndex);
    const ids = Array.from({ length: archive.reportCount }, (_, i) => archive.report(i).id).sort();
    expect(ids).toEqual(['dup', 'feed-1', 'feed-3', 'gb', 'good']);
    expect(search(archive, '春耕备耕').hits.map((hit) => hit.reportId)).toEqual(['gb']);
    expect(search(archive, '重复编号').hits.map((hit) => hit.text)).toEqual([
      '重复编号的第一篇报道。',
    ]);
    expect(manifest.failures.map((failure) => failure.file)).toEqual(
      PROBLEMS.map(([file]) => file),
    );
  });

  it('exits 1 with --strict, after reporting the same problems', async () => {
    const index = join(await makeRoot(), 'index');
    const strict = await runBaoku([
      'index',
      corpusDir,
      '--out',
      index,
      '--strict',
      '--workers',
      '0',
    ]);
    expect(strict.code).toBe(1);
    for (const [file, reason] of PROBLEMS) {
      expect(strict.stderr).toContain(`baoku: cannot read ${file}: `);
      expect(strict.stderr).toContain(reason);
    }
  }, 60_000);
});
