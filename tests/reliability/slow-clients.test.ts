// The HTTP edge of `baoku serve`: slow clients are cut off, oversized requests get 414/431, and
// /healthz says which index is live.
import { readFile } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexCorpus } from '../../src/index/indexer.ts';
import { SCHEMA_VERSION } from '../../src/index/store.ts';
import { writeGeneratedCorpus } from './corpus.ts';
import { runBaoku, sleep, startServer, useTempRoot, type RunningServer } from './processes.ts';

const makeRoot = useTempRoot('baoku-edge-');

/** Shortened for the test through the environment (defaults: 10 s and 30 s). */
const HEADERS_TIMEOUT_MS = 1_000;
const REQUEST_TIMEOUT_MS = 2_000;
/** Node checks timeouts once a second, so a connection may live that much longer. */
const SLACK_MS = 2_500;

let server: RunningServer;
let indexDir: string;

beforeAll(async () => {
  const root = await makeRoot();
  const corpusDir = join(root, 'corpus');
  indexDir = join(root, 'index');
  await writeGeneratedCorpus(corpusDir, { reports: 12, paragraphs: 5, seed: 5 });
  await indexCorpus({ corpusDir, indexDir, force: true, workers: 0 });
  server = await startServer(indexDir, {
    BAOKU_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
    BAOKU_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
  });
}, 90_000);

afterAll(async () => {
  await server?.stop();
});

function openSocket(): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1');
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Resolves when the server closes the socket: after how long, and what it sent. */
function closed(socket: Socket): Promise<{ ms: number; received: string }> {
  const started = performance.now();
  let received = '';
  socket.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
  return new Promise((resolve) => {
    socket.once('close', () => resolve({ ms: performance.now() - started, received }));
  });
}

describe('a slow client', () => {
  it('that never finishes its headers is cut off after the headers timeout', async () => {
    const socket = await openSocket();
    const end = closed(socket);
    socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const { ms, received } = await end;
    expect(ms).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 100);
    expect(ms).toBeLessThan(HEADERS_TIMEOUT_MS + SLACK_MS);
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('that sends its headers a byte at a time is cut off all the same', async () => {
    const socket = await openSocket();
    const end = closed(socket);
    let open = true;
    void end.then(() => (open = false));
    const request = 'GET /search?q=%E7%96%AB%E6%83%85 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: yes';
    for (let i = 0; open && i < request.length; i++) {
      socket.write(request[i]!);
      await sleep(50);
    }
    const { ms } = await end;
    expect(ms).toBeLessThan(HEADERS_TIMEOUT_MS + SLACK_MS);
  });

  it('does not keep the server from answering others', async () => {
    const sockets = await Promise.all(Array.from({ length: 20 }, openSocket));
    for (const socket of sockets) socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const started = performance.now();
    const response = await fetch(`${server.origin}/api/search?q=${encodeURIComponent('口罩')}`);
    expect(response.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(HEADERS_TIMEOUT_MS);
    await Promise.all(sockets.map(closed));
  });
});

describe('an oversized request', () => {
  it('with a URL over 8 KB gets 414 and a message', async () => {
    const response = await fetch(`${server.origin}/search?q=${'a'.repeat(9_000)}`);
    expect(response.status).toBe(414);
    expect(await response.text()).toContain('请求地址太长（9010 个字符，上限 8192）');
  });

  it('with a URL just under the limit is served', async () => {
    const path = '/api/search?q=';
    const response = await fetch(`${server.origin}${path}${'a'.repeat(8192 - path.length)}`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toContain('查询太长');
  });

  it('with headers over 16 KB gets 431, and the server carries on', async () => {
    const big = await fetch(`${server.origin}/healthz`, {
      headers: { 'X-Filler': 'a'.repeat(20_000) },
    });
    expect(big.status).toBe(431);
    const long = await fetch(`${server.origin}/search?q=${'a'.repeat(20_000)}`);
    expect([414, 431]).toContain(long.status);
    expect((await fetch(`${server.origin}/healthz`)).status).toBe(200);
  });
});

describe('/healthz', () => {
  it('reports the live build, its schema version, its counts and the process that answered', async () => {
    const response = await fetch(`${server.origin}/healthz`);
    expect(response.status).toBe(200);
    const health = (await response.json()) as Record<string, unknown>;
    const build = (await readFile(join(indexDir, 'CURRENT'), 'utf8')).trim();
    const manifest = JSON.parse(await readFile(join(indexDir, build, 'manifest.json'), 'utf8')) as {
      createdAt: string;
    };
    expect(health).toEqual({
      status: 'ok',
      reports: 12,
      paragraphs: 60,
      build,
      schemaVersion: SCHEMA_VERSION,
      createdAt: manifest.createdAt,
      segmenter: expect.stringMatching(/^nodejieba \d+\.\d+\.\d+$/),
      processes: 1,
      pid: server.pid,
    });
  });
});

describe('SIGTERM', () => {
  it('ends the server with exit 0 even while a slow client is connected', async () => {
    const own = await startServer(indexDir, {
      BAOKU_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
      BAOKU_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
    });
    const slow = connect(own.port, '127.0.0.1');
    await new Promise((resolve) => slow.once('connect', resolve));
    slow.write('GET / HTTP/1.1\r\n');
    const started = performance.now();
    const end = await own.stop();
    slow.destroy();
    expect(end.code, end.stderr).toBe(0);
    expect(end.stderr).toContain('baoku serve: SIGTERM, finishing open requests…');
    expect(performance.now() - started).toBeLessThan(REQUEST_TIMEOUT_MS + SLACK_MS);
  }, 60_000);
});

describe('baoku serve with a bad timeout setting', () => {
  it('exits 2 and says which variable is wrong', async () => {
    const end = await runBaoku(['serve', '--index', indexDir, '--port', '0'], {
      env: { BAOKU_HEADERS_TIMEOUT_MS: 'soon' },
    });
    expect(end.code).toBe(2);
    expect(end.stderr).toContain(
      'baoku serve: $BAOKU_HEADERS_TIMEOUT_MS must be a whole number of milliseconds from 100 to 3600000 (got "soon")',
    );
  }, 30_000);
});
