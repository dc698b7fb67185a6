// The server under test: a small corpus in a temp folder, its index, and `baoku serve` as a child process.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { indexCorpus } from '../../src/index/indexer.ts';
import { freePort } from '../helpers/ports.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** Sources of the written reports, so that the results have a source facet with three entries. */
const SOURCES = ['綦江日报', '重庆日报', '新华社'] as const;

/** How many small reports are written next to the real one: enough for two pages of 疫情防控. */
export const WRITTEN_REPORTS = 24;

/** Report `n` (1-based) of the written ones; every one mentions 疫情防控, every fourth 复工复产. */
function writtenReport(n: number): string {
  const source = SOURCES[n % SOURCES.length]!;
  const year = n % 2 === 0 ? 2020 : 2021;
  const month = String((n % 12) + 1).padStart(2, '0');
  const extra =
    n % 4 === 0 ? `各街镇推动企业复工复产，第${n}批企业恢复生产。` : `第${n}次会议听取汇报。`;
  return [
    '---',
    `id: fixture-${String(n).padStart(2, '0')}`,
    `title: 第${n}期工作简报`,
    `date: ${year}-${month}-15`,
    `source: ${source}`,
    `authors: [记者${n}号]`,
    'medium: newspaper',
    '---',
    '',
    `本期简报第${n}号。区里召开会议，研究部署疫情防控工作。`,
    '',
    extra,
    '',
    '会议强调，要把各项措施落到实处。',
    '',
  ].join('\n');
}

/** A running `baoku serve` and how to stop it. */
export interface ServerUnderTest {
  origin: string;
  /** Sends SIGTERM and resolves to the exit code (null if killed by a signal). */
  stop: () => Promise<number | null>;
  /** What the server wrote to stderr so far, for failure messages. */
  stderr: () => string;
}

/** Builds the corpus and index in a temp folder; returns the index folder and a remover. */
export async function buildFixtureIndex(): Promise<{
  indexDir: string;
  remove: () => Promise<void>;
}> {
  const root = await mkdtemp(join(tmpdir(), 'baoku-browser-'));
  const corpusDir = join(root, 'corpus');
  const indexDir = join(root, 'index');
  await mkdir(corpusDir);
  await copyFile(
    join(REPO, 'corpus', 'qijiang-2020-zhanyi.md'),
    join(corpusDir, 'qijiang-2020-zhanyi.md'),
  );
  await copyFile(join(REPO, 'corpus', 'userdict.utf8'), join(corpusDir, 'userdict.utf8'));
  for (let n = 1; n <= WRITTEN_REPORTS; n++) {
    await writeFile(join(corpusDir, `fixture-${String(n).padStart(2, '0')}.md`), writtenReport(n));
  }
  const outcome = await indexCorpus({ corpusDir, indexDir, force: true, workers: 0 });
  if (outcome.failures.length > 0) {
    throw new Error(`fixture corpus did not index cleanly: ${JSON.stringify(outcome.failures)}`);
  }
  return { indexDir, remove: () => rm(root, { recursive: true, force: true }) };
}

function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** Starts `node bin/baoku.mjs serve` on the index and waits until `/healthz` answers. */
export async function startServer(indexDir: string): Promise<ServerUnderTest> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    [
      join(REPO, 'bin', 'baoku.mjs'),
      'serve',
      '--index',
      indexDir,
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
    ],
    { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = exitOf(child);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timeout = new Promise<'timeout'>((resolve) =>
      setTimeout(() => resolve('timeout'), 15_000).unref(),
    );
    const code = await Promise.race([exited, timeout]);
    if (code === 'timeout') {
      child.kill('SIGKILL');
      throw new Error(`baoku serve did not exit within 15 s of SIGTERM:\n${stderr}`);
    }
    return code;
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`baoku serve exited with ${child.exitCode} before answering:\n${stderr}`);
    }
    try {
      const response = await fetch(`${origin}/healthz`);
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop().catch(() => undefined);
      throw new Error(`baoku serve did not answer /healthz within 60 s:\n${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { origin, stop, stderr: () => stderr };
}
