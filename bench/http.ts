// HTTP load: `baoku serve` on 127.0.0.1 under autocannon, for the JSON API and the htmx fragment.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { stopChild } from './child.ts';

/** One route under load. */
export interface HttpRun {
  route: string;
  requestsPerSecond: number;
  requests: number;
  latency: { p50: number; p90: number; p99: number; max: number; mean: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
}

/** The HTTP measurements, or why they were skipped. */
export interface HttpResult {
  skipped?: string;
  startupMs?: number;
  /** RSS of the server after the runs, and its peak (from /proc, Linux only), in bytes. */
  serverRss?: number;
  serverPeakRss?: number;
  runs: HttpRun[];
}

const SERVE_COMMAND = join('src', 'cli', 'serve-command.ts');
const CONNECTIONS = 10;
const STARTUP_TIMEOUT_MS = 600_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

function procStatus(pid: number | undefined, field: 'VmRSS' | 'VmHWM'): number | undefined {
  if (pid === undefined || !existsSync(`/proc/${pid}/status`)) return undefined;
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
    readFileSync(`/proc/${pid}/status`, 'utf8'),
  );
  return match ? Number(match[1]) * 1024 : undefined;
}

/**
 * Starts `node bin/baoku.mjs serve --index <indexDir>` and loads `/api/search?q=…` and `/search?q=…`
 * (with `HX-Request: true`) for `seconds` each, cycling through `queries`.
 */
export async function measureHttp(
  repoRoot: string,
  indexDir: string,
  queries: readonly string[],
  seconds: number,
  log: (line: string) => void,
): Promise<HttpResult> {
  if (!existsSync(join(repoRoot, SERVE_COMMAND))) {
    return {
      skipped: `${SERVE_COMMAND} does not exist yet, so \`baoku serve\` cannot start`,
      runs: [],
    };
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const server = spawn(
    process.execPath,
    ['bin/baoku.mjs', 'serve', '--index', indexDir, '--port', String(port), '--host', '127.0.0.1'],
    { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let serverErrors = '';
  server.stderr.on(
    'data',
    (chunk: Buffer) => (serverErrors = (serverErrors + chunk.toString('utf8')).slice(-4000)),
  );
  try {
    const probe = `${base}/api/search?q=${encodeURIComponent(queries[0] ?? '中国')}`;
    for (;;) {
      if (server.exitCode !== null) {
        return {
          skipped: `baoku serve exited with code ${server.exitCode}: ${serverErrors.trim()}`,
          runs: [],
        };
      }
      if (performance.now() - started > STARTUP_TIMEOUT_MS) {
        return {
          skipped: `baoku serve did not answer within ${STARTUP_TIMEOUT_MS / 1000} s`,
          runs: [],
        };
      }
      const ok = await fetch(probe).then(
        (response) => response.ok,
        () => false,
      );
      if (ok) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const startupMs = performance.now() - started;
    log(`http: server ready after ${(startupMs / 1000).toFixed(1)} s on port ${port}`);

    const runs: HttpRun[] = [];
    for (const [route, headers] of [
      ['/api/search', {}],
      ['/search', { 'HX-Request': 'true' }],
    ] as const) {
      let next = 0;
      const result = await autocannon({
        url: base,
        connections: CONNECTIONS,
        duration: seconds,
        timeout: 30,
        requests: [
          {
            method: 'GET',
            headers,
            setupRequest: (request) => {
              const query = queries[next++ % queries.length]!;
              return { ...request, path: `${route}?q=${encodeURIComponent(query)}` };
            },
          },
        ],
      });
      const statusCodes = Object.fromEntries(
        Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [
          code,
          Number(count),
        ]),
      );
      runs.push({
        route: route === '/search' ? '/search (HX-Request: true)' : route,
        requestsPerSecond: result.requests.average,
        requests: result.requests.total,
        latency: {
          p50: result.latency.p50,
          p90: result.latency.p90,
          p99: result.latency.p99,
          max: result.latency.max,
          mean: result.latency.mean,
        },
        errors: result.errors,
        timeouts: result.timeouts,
        non2xx: result.non2xx,
        statusCodes,
      });
      log(
        `http: ${route} ${result.requests.average.toFixed(0)} req/s, p99 ${result.latency.p99} ms`,
      );
    }
    return {
      startupMs,
      serverRss: procStatus(server.pid, 'VmRSS'),
      serverPeakRss: procStatus(server.pid, 'VmHWM'),
      runs,
    };
  } finally {
    await stopChild(server);
  }
}
