// The command line, called in-process through main(): exit codes, usage, index and search.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { main } from '../../src/cli.ts';
import { useTempDirs, writeFiles } from '../helpers/tmp.ts';

const makeTempDir = useTempDirs('baoku-cli-');

let log: MockInstance<typeof console.log>;
let error: MockInstance<typeof console.error>;

beforeEach(() => {
  log = vi.spyOn(console, 'log').mockImplementation(() => {});
  error = vi.spyOn(console, 'error').mockImplementation(() => {});
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** Everything printed to stdout (console.log), one call a line. */
const stdout = () => log.mock.calls.map((call) => call.join(' ')).join('\n');
/** Everything printed to stderr (console.error). */
const stderr = () => error.mock.calls.map((call) => call.join(' ')).join('\n');

const COMMANDS = ['index', 'search', 'serve', 'check-recall'];

/** A corpus with two reports (one JSON Lines record is bad) and where its index goes. */
async function corpusAndIndex(): Promise<{ corpusDir: string; indexDir: string }> {
  const corpusDir = await makeTempDir();
  await writeFiles(corpusDir, {
    'qj.md':
      '---\nid: qj\ntitle: 全区部署疫情防控工作\ndate: 2020-01-24\nsource: 綦江日报\n---\n\n全区召开疫情防控工作会议。\n\n我区支援湖北医疗队队员回到綦江。\n',
    'feed.jsonl': `${JSON.stringify({ id: 'feed-1', date: '2020-02', paragraphs: ['疫情防控不松懈。'] })}\n{"id": "feed-2"}\n`,
  });
  return { corpusDir, indexDir: join(await makeTempDir(), 'index') };
}

describe('baoku', () => {
  it('prints the overview and exits 2 without a command', async () => {
    expect(await main([])).toBe(2);
    expect(stdout()).toContain('Usage: baoku <command> [options]');
    for (const command of COMMANDS) expect(stdout()).toContain(`  ${command}`);
  });

  it.each([['--help'], ['-h'], ['help']])(
    'prints the overview and exits 0 for %s',
    async (flag) => {
      expect(await main([flag])).toBe(0);
      expect(stdout()).toContain('Usage: baoku <command> [options]');
    },
  );

  it('exits 2 for an unknown command, naming it', async () => {
    expect(await main(['serach', '疫情'])).toBe(2);
    expect(stderr()).toContain('baoku: unknown command "serach"');
    expect(stderr()).toContain('Usage: baoku <command> [options]');
  });

  it.each(COMMANDS)('prints the usage of %s and exits 0 for --help', async (command) => {
    expect(await main([command, '--help'])).toBe(0);
    expect(stdout()).toMatch(new RegExp(`^Usage: baoku ${command}`));
    expect(stderr()).toBe('');
  });

  it('documents --processes and its memory cost in the usage of serve', async () => {
    expect(await main(['serve', '--help'])).toBe(0);
    expect(stdout()).toContain('[--processes 1]');
    expect(stdout()).toContain(
      '--processes n       processes answering on the port, 1-64 (default 1, or $BAOKU_PROCESSES);',
    );
    expect(stdout()).toContain('memory is n times that of one process');
  });

  it.each(COMMANDS)('exits 2 for an unknown flag of %s, with its usage', async (command) => {
    expect(await main([command, 'x', '--no-such-flag'])).toBe(2);
    expect(stderr()).toContain(`baoku ${command}: Unknown option '--no-such-flag'`);
    expect(stderr()).toContain(`Usage: baoku ${command}`);
  });

  it.each([
    [['search'], 'baoku search needs a query'],
    [
      ['search', '疫情', '--limit', '0'],
      'baoku: --limit must be a whole number from 1 to 100 (got "0")',
    ],
    [
      ['search', '疫情', '--offset', '1.5'],
      'baoku: --offset must be a whole number from 0 to 1000000000 (got "1.5")',
    ],
    [
      ['search', '疫情', '--sort', 'newest'],
      'baoku: --sort must be relevance or date (got "newest")',
    ],
    [['index', 'a', 'b'], 'baoku index takes at most one corpus folder'],
    [['index', '--workers', 'many'], 'baoku: invalid configuration: workers'],
    [['serve', 'extra'], 'baoku serve takes no arguments (got extra)'],
    [
      ['serve', '--processes', '0'],
      'baoku: invalid configuration: processes: must be a whole number from 1 to 64, set by --processes or $BAOKU_PROCESSES (got "0")',
    ],
    [['check-recall'], 'baoku check-recall needs at least one .jsonl file'],
  ])('exits 2 for %j with a message that says what is wrong', async (argv, message) => {
    expect(await main(argv)).toBe(2);
    expect(stderr()).toContain(message);
  });

  describe('index and search', () => {
    it('builds an index, then says it is up to date, then rebuilds with --force', async () => {
      const { corpusDir, indexDir } = await corpusAndIndex();
      expect(await main(['index', corpusDir, '--out', indexDir, '--workers', '0'])).toBe(0);
      expect(stdout()).toMatch(
        new RegExp(
          `^baoku index: built ${escape(indexDir)}: 2 reports, 3 paragraphs, \\d+ characters`,
        ),
      );
      expect(stdout()).toContain('1 failures');
      expect(stderr()).toContain('baoku: cannot read feed.jsonl:2: ');

      log.mockClear();
      expect(await main(['index', corpusDir, '--out', indexDir, '--workers', '0'])).toBe(0);
      expect(stdout()).toContain(`baoku index: ${indexDir} is up to date`);

      log.mockClear();
      expect(await main(['index', corpusDir, '--out', indexDir, '--workers', '0', '--force'])).toBe(
        0,
      );
      expect(stdout()).toContain(`baoku index: built ${indexDir}`);
    });

    it('exits 1 with --strict when a corpus file could not be read', async () => {
      const { corpusDir, indexDir } = await corpusAndIndex();
      expect(
        await main(['index', corpusDir, '--out', indexDir, '--workers', '0', '--strict']),
      ).toBe(1);
    });

    it('exits 1 for a corpus folder that does not exist', async () => {
      const missing = join(await makeTempDir(), 'no-corpus');
      expect(
        await main([
          'index',
          missing,
          '--out',
          join(await makeTempDir(), 'index'),
          '--workers',
          '0',
        ]),
      ).toBe(1);
      expect(stderr()).toContain(`baoku: cannot read ${missing}: the corpus folder does not exist`);
    });

    it('prints search results as JSON with --json', async () => {
      const { corpusDir, indexDir } = await corpusAndIndex();
      expect(await main(['index', corpusDir, '--out', indexDir, '--workers', '0'])).toBe(0);
      log.mockClear();

      expect(
        await main(['search', '疫情防控', '--index', indexDir, '--json', '--sort', 'date']),
      ).toBe(0);
      expect(log).toHaveBeenCalledTimes(1);
      const result = JSON.parse(stdout()) as {
        total: number;
        exact_total: number;
        sort: string;
        hits: {
          report_id: string;
          paragraph: number;
          spans: { text: string; hit: boolean }[];
          url: string;
        }[];
      };
      expect(result.total).toBe(2);
      expect(result.exact_total).toBe(2);
      expect(result.sort).toBe('date');
      expect(result.hits.map((hit) => [hit.report_id, hit.paragraph, hit.url])).toEqual([
        ['feed-1', 1, '/p/feed-1/1'],
        ['qj', 1, '/p/qj/1'],
      ]);
      expect(result.hits[1]!.spans).toEqual([
        { text: '全区召开', hit: false },
        { text: '疫情防控', hit: true },
        { text: '工作会议。', hit: false },
      ]);
    });

    it('prints readable hits with the matches marked', async () => {
      const { corpusDir, indexDir } = await corpusAndIndex();
      expect(await main(['index', corpusDir, '--out', indexDir, '--workers', '0'])).toBe(0);
      log.mockClear();

      expect(await main(['search', '湖北医疗队', '--index', indexDir])).toBe(0);
      expect(stdout()).toContain(
        '共 1 段（精确 1，相关 0），来自 1 篇报道。分词：湖北医疗队 → 湖北/医疗队',
      );
      expect(stdout()).toContain('1. 全区部署疫情防控工作 · 綦江日报 · 2020-01-24 · 第 2 段');
      expect(stdout()).toContain('我区支援【湖北医疗队】队员回到綦江。');
    });

    it('prints the reports whose title holds the query above the paragraphs, and near titles', async () => {
      const { corpusDir, indexDir } = await corpusAndIndex();
      expect(await main(['index', corpusDir, '--out', indexDir, '--workers', '0'])).toBe(0);
      log.mockClear();
      expect(await main(['search', '全区部署疫情防控工作', '--index', indexDir])).toBe(0);
      expect(stdout()).toContain('标题相符 1 篇。');
      expect(stdout()).toContain(
        '标题：【全区部署疫情防控工作】（綦江日报 · 2020-01-24 · 标题相符）',
      );
      log.mockClear();
      expect(await main(['search', '全区布署疫情防控工作', '--index', indexDir])).toBe(0);
      expect(stdout()).toMatch(
        /标题：【全区】部【署疫情防控工作】（綦江日报 · 2020-01-24 · 标题相近，相符约 \d+%）/,
      );
    });

    it('reads exclusions in a quoted query, and a query that starts with one after --', async () => {
      const { corpusDir, indexDir } = await corpusAndIndex();
      expect(await main(['index', corpusDir, '--out', indexDir, '--workers', '0'])).toBe(0);
      log.mockClear();
      expect(await main(['search', '疫情防控 -会议', '--index', indexDir, '--json'])).toBe(0);
      expect(JSON.parse(stdout())).toMatchObject({ total: 1, excluded: ['会议'] });
      log.mockClear();
      expect(await main(['search', '--index', indexDir, '--json', '--', '-会议 疫情防控'])).toBe(0);
      expect(JSON.parse(stdout())).toMatchObject({ total: 1, excluded: ['会议'] });
    });

    it('reads an unquoted exclusion as query text, not as an option', async () => {
      const { corpusDir, indexDir } = await corpusAndIndex();
      expect(await main(['index', corpusDir, '--out', indexDir, '--workers', '0'])).toBe(0);
      log.mockClear();
      expect(await main(['search', '疫情防控', '-会议', '--index', indexDir, '--json'])).toBe(0);
      expect(JSON.parse(stdout())).toMatchObject({
        query: '疫情防控 -会议',
        total: 1,
        excluded: ['会议'],
      });
    });

    it('exits 1 and says how to build an index when there is none', async () => {
      const indexDir = join(await makeTempDir(), 'index');
      expect(await main(['search', '疫情', '--index', indexDir])).toBe(1);
      expect(stderr()).toBe(
        `baoku: no index in ${indexDir}; build one with \`npm run index\` (baoku index)`,
      );
    });

    it('exits 1 for a query it cannot read', async () => {
      const { corpusDir, indexDir } = await corpusAndIndex();
      expect(await main(['index', corpusDir, '--out', indexDir, '--workers', '0'])).toBe(0);
      expect(await main(['search', '疫情 from:2020-02-30', '--index', indexDir])).toBe(1);
      expect(stderr()).toContain('日期无效：from:2020-02-30');
    });
  });

  it('checks recall on a JSON Lines file and exits 0 when nothing is missed', async () => {
    const dir = await makeTempDir();
    const lines = [
      { id: 'a', paragraphs: ['全区召开疫情防控工作会议。', '臺灣醫療隊抵達武漢。'] },
      {
        id: 'b',
        paragraphs: ['ＣＯＶＩＤ－１９ 疫情防控不松懈。', '我区支援湖北医疗队队员回到綦江。'],
      },
    ];
    await writeFiles(dir, { 'docs.jsonl': lines.map((line) => JSON.stringify(line)).join('\n') });
    expect(
      await main([
        'check-recall',
        join(dir, 'docs.jsonl'),
        '--samples',
        '200',
        '--seed',
        '7',
        '--workers',
        '0',
      ]),
    ).toBe(0);
    expect(stdout()).toMatch(
      /^check-recall: 4 paragraphs \(built in [\d.]+ s\), 200 sampled terms, \d+ expected paragraph hits; recall 100\.000%, precision 100\.000%$/,
    );
  });
});

/** `text` with the regular expression metacharacters escaped. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
