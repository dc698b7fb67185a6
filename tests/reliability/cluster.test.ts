// `baoku serve --processes 2`: the workers answer exactly as one process does and share the
// connections; a killed worker is replaced; every worker takes up a re-index; SIGTERM stops them
// all; an index that cannot be loaded still ends the command with exit 1 and the loader's message.
import { cp, readFile, truncate, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_FAILED_STARTS } from '../../src/cli/serve-cluster.ts';
import { indexCorpus } from '../../src/index/indexer.ts';
import { freePort, listening } from '../helpers/ports.ts';
import { writeGeneratedCorpus } from './corpus.ts';
import { runBaoku, sleep, startServer, useTempRoot, type RunningServer } from './processes.ts';

const makeRoot = useTempRoot('baoku-cluster-');
const TWO = ['--processes', '2'];

/** A corpus and its index, built once for the file and only read by the tests. */
let shared: { corpusDir: string; indexDir: string };

beforeAll(async () => {
  const root = await makeRoot();
  shared = { corpusDir: join(root, 'corpus'), indexDir: join(root, 'index') };
  await writeGeneratedCorpus(shared.corpusDir, { reports: 40, paragraphs: 6, seed: 17 });
  await indexCorpus({ ...shared, force: true, workers: 0 });
}, 90_000);

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * GET `path` on a connection of its own (no keep-alive): the primary hands every new connection
 * to the next worker, so consecutive requests reach different workers.
 */
function get(origin: string, path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const outgoing = request(`${origin}${path}`, { agent: false, headers }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
      );
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

interface Health {
  pid: number;
  processes: number;
  build: string;
}

async function health(origin: string): Promise<Health> {
  const reply = await get(origin, '/healthz');
  expect(reply.status, reply.body).toBe(200);
  return JSON.parse(reply.body) as Health;
}

/** The pids that answer `/healthz`, asked until `count` different ones have answered. */
async function workerPids(origin: string, count: number): Promise<Set<number>> {
  const pids = new Set<number>();
  for (let i = 0; i < 40 && pids.size < count; i++) pids.add((await health(origin)).pid);
  return pids;
}

/**
 * The reply with what differs between two servers on the same index taken out: the clock, the
 * search time, the process, and the origin in permalinks.
 */
function comparable(reply: Reply, origin: string): Reply {
  const { date: _date, 'content-length': _length, ...headers } = reply.headers;
  let body = reply.body.replaceAll(origin, 'http://origin');
  if (String(headers['content-type']).startsWith('application/json')) {
    const data = JSON.parse(body) as Record<string, unknown>;
    delete data.took_ms;
    delete data.pid;
    delete data.processes;
    body = JSON.stringify(data);
  }
  return { status: reply.status, headers, body };
}

/** Routes and edge cases of the web app; each is asked of both servers. */
const REQUESTS: [string, Record<string, string>][] = [
  ['/', {}],
  ['/search?q=%E7%96%AB%E6%83%85%E9%98%B2%E6%8E%A7', {}],
  ['/search?q=%E7%96%AB%E6%83%85%E9%98%B2%E6%8E%A7&page=2', { 'HX-Request': 'true' }],
  [`/api/search?q=${encodeURIComponent('口罩 -湖北')}&limit=3&offset=5`, {}],
  [`/api/search?q=${encodeURIComponent('source:新华社 复工')}&sort=date`, {}],
  ['/api/search?q=kouzhao', {}],
  [`/api/search?q=${encodeURIComponent('疫情 from:2020-02-30')}`, {}],
  ['/r/gen-0003', {}],
  ['/p/gen-0003/2', {}],
  ['/r/gen-0003/cite.bib', {}],
  ['/api/reports/gen-0004', {}],
  ['/r/no-such-report', {}],
  ['/opensearch.xml', {}],
  ['/static/style.css', {}],
  [`/search?q=${'%E7%96%AB'.repeat(1000)}`, {}],
  ['/healthz', {}],
];

async function stopped(server: RunningServer): Promise<void> {
  const end = await server.stop();
  expect(end.code, end.stderr).toBe(0);
  expect(end.signal).toBeNull();
}

describe('baoku serve --processes 2', () => {
  it('answers every route exactly as one process does, from both workers', async () => {
    const [single, pair] = await Promise.all([
      startServer(shared.indexDir),
      startServer(shared.indexDir, {}, TWO),
    ]);
    try {
      expect(pair.stderr()).toMatch(
        /^baoku serve: 40 reports, 240 paragraphs at http:\/\/127\.0\.0\.1:\d+\/ \(2 processes\)$/m,
      );
      const statuses: number[] = [];
      for (const [path, headers] of REQUESTS) {
        const expected = comparable(await get(single.origin, path, headers), single.origin);
        statuses.push(expected.status);
        // Twice, so that each worker answers it.
        for (let i = 0; i < 2; i++)
          expect(comparable(await get(pair.origin, path, headers), pair.origin), path).toEqual(
            expected,
          );
      }
      expect(statuses).toContain(400);
      expect(statuses).toContain(404);
      expect(statuses).toContain(414);

      expect((await health(single.origin)).pid).toBe(single.pid);
      expect((await health(single.origin)).processes).toBe(1);
      const pids = await workerPids(pair.origin, 2);
      expect(pids.size).toBe(2);
      expect(pids).not.toContain(pair.pid);
      expect((await health(pair.origin)).processes).toBe(2);
    } finally {
      await Promise.all([stopped(single), stopped(pair)]);
    }
  }, 60_000);

  it('replaces a worker killed with SIGKILL and keeps answering', async () => {
    const server = await startServer(shared.indexDir, {}, TWO);
    try {
      const search = `/api/search?q=${encodeURIComponent('疫情防控')}&limit=5`;
      const before = comparable(await get(server.origin, search), server.origin);
      const [victim, survivor] = [...(await workerPids(server.origin, 2))] as [number, number];
      process.kill(victim, 'SIGKILL');

      const replaced = new RegExp(
        `^baoku serve: worker (\\d+) serves in place of worker ${victim}$`,
        'm',
      );
      const deadline = Date.now() + 30_000;
      while (!replaced.test(server.stderr()) && Date.now() < deadline) await sleep(100);
      expect(server.stderr()).toContain(
        `baoku serve: worker ${victim} exited with signal SIGKILL; starting another`,
      );
      const newcomer = Number(replaced.exec(server.stderr())?.[1]);

      expect(await workerPids(server.origin, 2)).toEqual(new Set([survivor, newcomer]));
      for (let i = 0; i < 4; i++)
        expect(comparable(await get(server.origin, search), server.origin)).toEqual(before);
    } finally {
      await stopped(server);
    }
  }, 60_000);

  it('builds once before the workers start, and switches every worker to the build a re-index makes live', async () => {
    const root = await makeRoot();
    const corpusDir = join(root, 'corpus');
    const indexDir = join(root, 'index');
    await cp(shared.corpusDir, corpusDir, { recursive: true });
    const server = await startServer(indexDir, {}, [
      ...TWO,
      '--build-if-needed',
      '--corpus',
      corpusDir,
    ]);
    try {
      // The primary builds; the workers only load what it built.
      expect(server.stderr().match(/building the index/g)).toHaveLength(1);
      expect(
        server.stderr().match(/^baoku serve: indexed 40 reports, 240 paragraphs in /gm),
      ).toHaveLength(1);

      const pids = await workerPids(server.origin, 2);
      const orchid = `/api/search?q=${encodeURIComponent('蝴蝶兰')}`;
      expect(JSON.parse((await get(server.origin, orchid)).body)).toMatchObject({ total: 0 });

      await writeFile(
        join(corpusDir, 'orchid.md'),
        '---\nid: orchid\ntitle: 蝴蝶兰展览开幕\ndate: 2020-04-01\nsource: 新华社\n---\n\n蝴蝶兰展览今天开幕。\n',
      );
      await indexCorpus({ corpusDir, indexDir, force: false, workers: 0 });
      const build = (await readFile(join(indexDir, 'CURRENT'), 'utf8')).trim();

      // Each worker notices CURRENT change by itself (it polls once a second).
      const switched = new Set<number>();
      const deadline = Date.now() + 20_000;
      while (switched.size < pids.size && Date.now() < deadline) {
        const seen = await health(server.origin);
        if (seen.build === build) switched.add(seen.pid);
        else await sleep(100);
      }
      expect(switched).toEqual(pids);
      for (const pid of pids)
        expect(server.stderr()).toContain(
          `baoku serve (worker ${pid}): switched to index ${build} (index changed)`,
        );
      for (let i = 0; i < 2; i++)
        expect(JSON.parse((await get(server.origin, orchid)).body)).toMatchObject({ total: 1 });
    } finally {
      await stopped(server);
    }
  }, 60_000);

  it('keeps every worker through SIGHUP, and on SIGTERM stops them all and exits 0', async () => {
    const server = await startServer(shared.indexDir, {}, TWO);
    const pids = await workerPids(server.origin, 2);
    // A worker without a SIGHUP handler would die of it: both must still answer.
    process.kill(server.pid, 'SIGHUP');
    await sleep(500);
    expect(await workerPids(server.origin, 2)).toEqual(pids);

    await stopped(server);
    for (const pid of pids) {
      expect(server.stderr()).toContain(
        `baoku serve (worker ${pid}): SIGTERM, finishing open requests…`,
      );
      expect(() => process.kill(pid, 0), `worker ${pid} is still running`).toThrow(
        expect.objectContaining({ code: 'ESRCH' }),
      );
    }
    expect(server.stderr()).toContain('baoku serve: SIGTERM, stopping 2 workers…');
    expect(server.stderr()).not.toContain('starting another');
  }, 60_000);

  it('exits 1 on a damaged index with the message one process prints, once, and never listens', async () => {
    const indexDir = join(await makeRoot(), 'index');
    await cp(shared.indexDir, indexDir, { recursive: true });
    const build = (await readFile(join(indexDir, 'CURRENT'), 'utf8')).trim();
    await truncate(join(indexDir, build, 'texts.utf16'), 10);
    const port = await freePort();
    const args = ['serve', '--index', indexDir, '--port', String(port), '--host', '127.0.0.1'];

    const end = await runBaoku([...args, '--processes', '2']);
    expect(end.code, end.stderr).toBe(1);
    // What IndexMismatchError says, as `baoku serve` alone prints it (damaged-index.test.ts).
    expect(end.stderr.trim()).toBe(
      `baoku: the index in ${indexDir} cannot be used: texts.utf16 is damaged (its checksum does not match); rebuild it with \`npm run index -- --force\``,
    );
    expect(await listening(port)).toBe(false);
  }, 60_000);

  it('gives up with exit 1 when replacements of a dead worker cannot load the index', async () => {
    const indexDir = join(await makeRoot(), 'index');
    await cp(shared.indexDir, indexDir, { recursive: true });
    const server = await startServer(indexDir, {}, TWO);
    const [victim] = [...(await workerPids(server.origin, 2))] as [number];
    // Damaged in place, under the workers that already loaded it.
    const build = (await readFile(join(indexDir, 'CURRENT'), 'utf8')).trim();
    await truncate(join(indexDir, build, 'texts.utf16'), 10);
    process.kill(victim, 'SIGKILL');

    const end = await Promise.race([server.finished, sleep(45_000).then(() => server.stop())]);
    const message = `baoku: the index in ${indexDir} cannot be used: texts.utf16 is damaged (its checksum does not match); rebuild it with \`npm run index -- --force\``;
    expect(end.code, end.stderr).toBe(1);
    for (let n = 1; n < MAX_FAILED_STARTS; n++)
      expect(end.stderr).toMatch(
        new RegExp(
          `before it was serving \\(${n} of ${MAX_FAILED_STARTS} in a row\\); starting another`,
        ),
      );
    // The worker still serving stops gracefully, and the reason is the last word.
    expect(end.stderr).toMatch(/\(worker \d+\): SIGTERM, finishing open requests…/);
    expect(end.stderr.trim().split('\n').at(-1)).toBe(message);
  }, 60_000);
});
