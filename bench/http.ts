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
  /**
   * CPU time per request (user + system, ms) of the server's processes, and of this process, which
   * runs autocannon: on a machine of n cores, n × 1000 divided by their sum bounds the searches per
   * second. Undefined where /proc cannot be read.
   */
  serverCpuMsPerRequest?: number;
  loadCpuMsPerRequest?: number;
}

/** The HTTP measurements, or why they were skipped. */
export interface HttpResult {
  skipped?: string;
  /** `baoku serve --processes`: 1, or the workers of one primary. */
  processes: number;
  /** Until the server said it serves (every worker listens) and answered a search. */
  startupMs?: number;
  /**
   * RSS of the server after the runs, and its peak (from /proc, Linux only), in bytes: summed
   * over the server process and its descendants (the workers), so the peak sum is an upper bound.
   */
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

/** `pid` and its descendants (from /proc, Linux only; just `pid` where that is not readable). */
function processTree(pid: number): number[] {
  const file = `/proc/${pid}/task/${pid}/children`;
  const children = existsSync(file)
    ? readFileSync(file, 'utf8').split(/\s+/).filter(Boolean).map(Number)
    : [];
  return [pid, ...children.flatMap(processTree)];
}

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux whatever the kernel's HZ). */
const USER_HZ = 100;

/** User + system CPU time of `pid` so far, in ms (from /proc, Linux only). */
function procCpuMs(pid: number): number | undefined {
  const file = `/proc/${pid}/stat`;
  if (!existsSync(file)) return undefined;
  // The fields after the command name, which is in parentheses and may hold spaces.
  const fields = readFileSync(file, 'utf8').split(') ').at(-1)!.split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return Number.isFinite(ticks) ? (ticks * 1000) / USER_HZ : undefined;
}

/** CPU time of the server and its descendants, in ms; undefined when any cannot be read. */
function treeCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  const values = processTree(pid).map(procCpuMs);
  return values.some((v) => v === undefined)
    ? undefined
    : values.reduce((sum: number, v) => sum + v!, 0);
}

/** `field` summed over the server and its descendants, in bytes. */
function treeStatus(pid: number | undefined, field: 'VmRSS' | 'VmHWM'): number | undefined {
  if (pid === undefined) return undefined;
  const values = processTree(pid).map((p) => procStatus(p, field));
  return values.some((v) => v === undefined)
    ? undefined
    : values.reduce((sum: number, v) => sum + v!, 0);
}

/**
 * Starts `node bin/baoku.mjs serve --index <indexDir> --processes <processes>` and loads
 * `/api/search?q=…` and `/search?q=…` (with `HX-Request: true`) for `seconds` each, cycling
 * through `queries`.
 */
export async function measureHttp(
  repoRoot: string,
  indexDir: string,
  queries: readonly string[],
  options: { seconds: number; processes: number; log: (line: string) => void },
): Promise<HttpResult> {
  const { seconds, processes, log } = options;
  if (!existsSync(join(repoRoot, SERVE_COMMAND))) {
    return {
      skipped: `${SERVE_COMMAND} does not exist yet, so \`baoku serve\` cannot start`,
      processes,
      runs: [],
    };
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const server = spawn(
    process.execPath,
    [
      'bin/baoku.mjs',
      'serve',
      '--index',
      indexDir,
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      '--processes',
      String(processes),
    ],
    { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let serverErrors = '';
  // The line `baoku serve` prints once it serves; with several processes, once all of them listen
  // (the first worker answers earlier, while the others still load and take the cores).
  let serving = false;
  server.stderr.on('data', (chunk: Buffer) => {
    serverErrors = (serverErrors + chunk.toString('utf8')).slice(-4000);
    if (serverErrors.includes(` paragraphs at ${base}/`)) serving = true;
  });
  try {
    const probe = `${base}/api/search?q=${encodeURIComponent(queries[0] ?? '中国')}`;
    for (;;) {
      if (server.exitCode !== null) {
        return {
          skipped: `baoku serve exited with code ${server.exitCode}: ${serverErrors.trim()}`,
          processes,
          runs: [],
        };
      }
      if (performance.now() - started > STARTUP_TIMEOUT_MS) {
        return {
          skipped: `baoku serve did not answer within ${STARTUP_TIMEOUT_MS / 1000} s`,
          processes,
          runs: [],
        };
      }
      const ok =
        serving &&
        (await fetch(probe).then(
          (response) => response.ok,
          () => false,
        ));
      if (ok) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const startupMs = performance.now() - started;
    log(
      `http: server ready after ${(startupMs / 1000).toFixed(1)} s on port ${port} (${processes} process${processes === 1 ? '' : 'es'})`,
    );

    const runs: HttpRun[] = [];
    for (const [route, headers] of [
      ['/api/search', {}],
      ['/search', { 'HX-Request': 'true' }],
    ] as const) {
      let next = 0;
      const serverCpuBefore = treeCpuMs(server.pid);
      const loadCpuBefore = process.cpuUsage();
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
      const loadCpu = process.cpuUsage(loadCpuBefore);
      const serverCpuAfter = treeCpuMs(server.pid);
      const served = Math.max(1, result.requests.total);
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
        ...(serverCpuBefore !== undefined && serverCpuAfter !== undefined
          ? { serverCpuMsPerRequest: (serverCpuAfter - serverCpuBefore) / served }
          : {}),
        loadCpuMsPerRequest: (loadCpu.user + loadCpu.system) / 1000 / served,
      });
      log(
        `http: ${route} ${result.requests.average.toFixed(0)} req/s, p99 ${result.latency.p99} ms`,
      );
    }
    return {
      processes,
      startupMs,
      serverRss: treeStatus(server.pid, 'VmRSS'),
      serverPeakRss: treeStatus(server.pid, 'VmHWM'),
      runs,
    };
  } finally {
    await stopChild(server);
  }
}
