// `baoku serve`: build the index if asked and needed, load it, serve it; reload it when it changes.
import cluster from 'node:cluster';
import { watchFile, unwatchFile } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { serve, type Http2Bindings, type HttpBindings } from '@hono/node-server';
import type { Config } from '../config.ts';
import { BaokuError, UsageError } from '../errors.ts';
import type { Archive } from '../index/archive.ts';
import { indexCorpus, isIndexCurrent } from '../index/indexer.ts';
import { loadArchive, type Manifest } from '../index/store.ts';
import { createApp } from '../web/app.tsx';
import { superviseWorkers, tellPrimary } from './serve-cluster.ts';

interface Live {
  archive: Archive;
  manifest: Manifest;
  build: string;
}

/** Longest request target (path and query) served; longer ones get 414 before any routing. */
export const MAX_URL_LENGTH = 8192;

/** How long a client may take, in milliseconds: slow clients must not hold connections. */
interface Timeouts {
  headers: number;
  request: number;
}

/**
 * Reads the connection timeouts: 10 s for the headers and 30 s for the whole request, or
 * $BAOKU_HEADERS_TIMEOUT_MS and $BAOKU_REQUEST_TIMEOUT_MS (the tests shorten them).
 */
export function readTimeouts(env: NodeJS.ProcessEnv): Timeouts {
  const read = (name: string, fallback: number) => {
    const value = env[name];
    if (value === undefined || value === '') return fallback;
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < 100 || n > 3_600_000) {
      throw new UsageError(
        `baoku serve: $${name} must be a whole number of milliseconds from 100 to 3600000 (got ${JSON.stringify(value)})`,
      );
    }
    return n;
  };
  const timeouts = {
    headers: read('BAOKU_HEADERS_TIMEOUT_MS', 10_000),
    request: read('BAOKU_REQUEST_TIMEOUT_MS', 30_000),
  };
  if (timeouts.headers > timeouts.request) {
    throw new UsageError(
      `baoku serve: $BAOKU_HEADERS_TIMEOUT_MS (${timeouts.headers}) must not exceed $BAOKU_REQUEST_TIMEOUT_MS (${timeouts.request})`,
    );
  }
  return timeouts;
}

/** How long open requests may take to finish after SIGTERM before their connections are cut. */
function gracePeriodMs(timeouts: Timeouts): number {
  return Math.min(10_000, timeouts.request);
}

/**
 * Serves the archive until SIGTERM/SIGINT; resolves to the exit code. With `config.processes` > 1
 * this process is the primary: it builds if asked, then forks workers that run this same
 * command and serve the one port; a worker goes straight to serving (it never builds).
 */
export async function runServe(
  config: Config,
  options: { buildIfNeeded: boolean },
): Promise<number> {
  const timeouts = readTimeouts(process.env);
  if (cluster.isWorker) return serveAsWorker(config, timeouts);
  if (options.buildIfNeeded) await buildIfNeeded(config);
  if (config.processes > 1) return superviseWorkers(config, { graceMs: gracePeriodMs(timeouts) });
  return serveArchive(config, timeouts, {
    name: 'baoku serve',
    repeatedSignals: 'default',
    listening: (counts, port) =>
      console.error(
        `baoku serve: ${counts.reports} reports, ${counts.paragraphs} paragraphs at http://${config.host}:${port}/`,
      ),
  });
}

/** A worker of `--processes n`: serves, telling the primary when it listens or why it cannot. */
async function serveAsWorker(config: Config, timeouts: Timeouts): Promise<number> {
  try {
    return await serveArchive(config, timeouts, {
      name: `baoku serve (worker ${process.pid})`,
      // A worker gets the terminal's SIGINT and the one its primary forwards.
      repeatedSignals: 'ignore',
      listening: (counts, port) => void tellPrimary({ baoku: 'listening', ...counts, port }),
    });
  } catch (error) {
    if (!(error instanceof BaokuError)) throw error;
    // The primary prints the reason, once rather than once for every worker.
    await tellPrimary({ baoku: 'failed', message: error.message });
    return 1;
  } finally {
    // A worker's server holds no socket of its own (the primary accepts and hands connections
    // over), so only its IPC channel keeps it alive: closing the channel lets it end.
    cluster.worker?.disconnect();
  }
}

/** Builds the index when it is missing or older than the corpus. */
async function buildIfNeeded(config: Config): Promise<void> {
  if (!(await isIndexCurrent(config.corpusDir, config.indexDir))) {
    console.error(
      `baoku serve: building the index of ${config.corpusDir} (missing or out of date)…`,
    );
    const outcome = await indexCorpus({
      corpusDir: config.corpusDir,
      indexDir: config.indexDir,
      force: false,
      workers: config.workers,
    });
    for (const failure of outcome.failures)
      console.error(`baoku: cannot read ${failure.file}: ${failure.reason}`);
    console.error(
      `baoku serve: indexed ${outcome.reports} reports, ${outcome.paragraphs} paragraphs in ${(outcome.timings.totalMs / 1000).toFixed(1)} s`,
    );
  }
}

/** How one serving process names itself in the log and says that it listens. */
interface ServingRole {
  /** The start of its log lines. */
  name: string;
  /** A second SIGTERM/SIGINT: the default action (ends the process) or ignored. */
  repeatedSignals: 'default' | 'ignore';
  listening: (counts: { reports: number; paragraphs: number }, port: number) => void;
}

/** Loads the index and serves it until SIGTERM/SIGINT; resolves to the exit code. */
async function serveArchive(config: Config, timeouts: Timeouts, role: ServingRole) {
  let live: Live = await loadArchive(config.indexDir);
  const app = createApp({
    getArchive: () => live.archive,
    getIndexInfo: () => ({
      build: live.build,
      schemaVersion: live.manifest.schemaVersion,
      createdAt: live.manifest.createdAt,
      segmenter: `${live.manifest.segmenter.name} ${live.manifest.segmenter.version}`,
      processes: config.processes,
      pid: process.pid,
    }),
    logQueries: config.logQueries,
    log: (line) => process.stdout.write(`${line}\n`),
  });

  // A re-index makes a new build live by replacing CURRENT: load it, then swap in one assignment,
  // so that each request answers wholly from the old archive or wholly from the new one.
  // A change noticed while a load runs is loaded afterwards, so that the server never stays on
  // an older build than the one CURRENT names.
  let reloading = false;
  let again = false;
  const reload = async (why: string) => {
    if (reloading) {
      again = true;
      return;
    }
    reloading = true;
    try {
      do {
        again = false;
        try {
          const next = await loadArchive(config.indexDir);
          if (next.build !== live.build) {
            live = next;
            console.error(`${role.name}: switched to index ${next.build} (${why})`);
          }
        } catch (error) {
          console.error(
            `${role.name}: kept the current index; the new one cannot be used: ${(error as Error).message}`,
          );
        }
      } while (again);
    } finally {
      reloading = false;
    }
  };
  const currentFile = join(config.indexDir, 'CURRENT');
  watchFile(currentFile, { interval: 1000 }, () => void reload('index changed'));
  process.on('SIGHUP', () => void reload('SIGHUP'));

  // Node answers headers over 16 KB with 431 itself; a long URL within that limit gets 414 here.
  const fetch = (request: Request, env: HttpBindings | Http2Bindings) => {
    const target = env.incoming.url ?? '';
    if (target.length > MAX_URL_LENGTH) {
      return new Response(`请求地址太长（${target.length} 个字符，上限 ${MAX_URL_LENGTH}）。\n`, {
        status: 414,
        headers: { 'Content-Type': 'text/plain; charset=utf-8' },
      });
    }
    return app.fetch(request, env);
  };
  const server = serve(
    {
      fetch,
      port: config.port,
      hostname: config.host,
      // A slow client cannot hold a connection open: Node closes it when the headers or the
      // request take too long, checking every connection at the given interval.
      serverOptions: {
        headersTimeout: timeouts.headers,
        requestTimeout: timeouts.request,
        keepAliveTimeout: 5_000,
        connectionsCheckingInterval: Math.min(1_000, timeouts.headers),
      },
    },
    (info) =>
      role.listening(
        { reports: live.archive.reportCount, paragraphs: live.archive.paragraphCount },
        info.port,
      ),
  );

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      console.error(`${role.name}: ${signal}, finishing open requests…`);
      unwatchFile(currentFile);
      const http = server as unknown as Pick<
        Server,
        'closeIdleConnections' | 'closeAllConnections'
      >;
      server.close(() => resolve(0));
      // Idle keep-alive connections would hold close() open.
      http.closeIdleConnections();
      // close() also stops the timeout checks, so a slow client would hold the process open for
      // ever: after the grace period every connection left is cut.
      setTimeout(() => {
        http.closeAllConnections();
        resolve(0);
      }, gracePeriodMs(timeouts)).unref();
    };
    const listen = role.repeatedSignals === 'ignore' ? 'on' : 'once';
    process[listen]('SIGTERM', () => stop('SIGTERM'));
    process[listen]('SIGINT', () => stop('SIGINT'));
  });
}
