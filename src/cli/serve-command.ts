// `baoku serve`: build the index if asked and needed, load it, serve it; reload it when it changes.
import { watchFile, unwatchFile } from 'node:fs';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import type { Config } from '../config.ts';
import type { Archive } from '../index/archive.ts';
import { indexCorpus, isIndexCurrent } from '../index/indexer.ts';
import { loadArchive, type Manifest } from '../index/store.ts';
import { createApp } from '../web/app.tsx';

interface Live {
  archive: Archive;
  manifest: Manifest;
  build: string;
}

/** Serves the archive until SIGTERM/SIGINT; resolves to the exit code. */
export async function runServe(config: Config, options: { buildIfNeeded: boolean }): Promise<number> {
  if (options.buildIfNeeded && !(await isIndexCurrent(config.corpusDir, config.indexDir))) {
    console.error(`baoku serve: building the index of ${config.corpusDir} (missing or out of date)…`);
    const outcome = await indexCorpus({
      corpusDir: config.corpusDir,
      indexDir: config.indexDir,
      force: false,
      workers: config.workers,
    });
    for (const failure of outcome.failures) console.error(`baoku: cannot read ${failure.file}: ${failure.reason}`);
    console.error(`baoku serve: indexed ${outcome.reports} reports, ${outcome.paragraphs} paragraphs in ${(outcome.timings.totalMs / 1000).toFixed(1)} s`);
  }

  let live: Live = await loadArchive(config.indexDir);
  const app = createApp({
    getArchive: () => live.archive,
    getIndexInfo: () => ({
      build: live.build,
      schemaVersion: live.manifest.schemaVersion,
      createdAt: live.manifest.createdAt,
      segmenter: `${live.manifest.segmenter.name} ${live.manifest.segmenter.version}`,
    }),
    logQueries: config.logQueries,
    log: (line) => process.stdout.write(`${line}\n`),
  });

  // A re-index makes a new build live by replacing CURRENT: load it, then swap in one assignment,
  // so that each request answers wholly from the old archive or wholly from the new one.
  let reloading = false;
  const reload = async (why: string) => {
    if (reloading) return;
    reloading = true;
    try {
      const next = await loadArchive(config.indexDir);
      if (next.build !== live.build) {
        live = next;
        console.error(`baoku serve: switched to index ${next.build} (${why})`);
      }
    } catch (error) {
      console.error(`baoku serve: kept the current index; the new one cannot be used: ${(error as Error).message}`);
    } finally {
      reloading = false;
    }
  };
  const currentFile = join(config.indexDir, 'CURRENT');
  watchFile(currentFile, { interval: 1000 }, () => void reload('index changed'));
  process.on('SIGHUP', () => void reload('SIGHUP'));

  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    console.error(
      `baoku serve: ${live.archive.reportCount} reports, ${live.archive.paragraphCount} paragraphs at http://${config.host}:${info.port}/`,
    );
  });
  // A slow client cannot hold a connection open forever.
  const node = server as unknown as { headersTimeout: number; requestTimeout: number; keepAliveTimeout: number };
  node.headersTimeout = 10_000;
  node.requestTimeout = 30_000;
  node.keepAliveTimeout = 5_000;

  return new Promise((resolve) => {
    const stop = (signal: string) => {
      console.error(`baoku serve: ${signal}, finishing open requests…`);
      unwatchFile(currentFile);
      server.close(() => resolve(0));
      // Idle keep-alive connections would hold close() open.
      (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
      setTimeout(() => resolve(0), 10_000).unref();
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}
