// `baoku serve --processes n`: the primary forks n workers that serve one port, restarts them, stops them.
import cluster, { type Worker } from 'node:cluster';
import type { Config } from '../config.ts';
import { WorkerStartError } from '../errors.ts';

/** What a worker tells its primary: that it listens (and on what), or why it could not start. */
export type WorkerMessage =
  | { baoku: 'listening'; reports: number; paragraphs: number; port: number }
  | { baoku: 'failed'; message: string };

/** Sends `message` to the primary; resolves once it is written (at once outside a worker). */
export function tellPrimary(message: WorkerMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) return resolve();
    process.send(message, undefined, undefined, () => resolve());
  });
}

function isWorkerMessage(value: unknown): value is WorkerMessage {
  if (typeof value !== 'object' || value === null) return false;
  const kind = (value as { baoku?: unknown }).baoku;
  return kind === 'listening' || kind === 'failed';
}

/** Replacements in a row that may die before they serve; then the primary gives up. */
export const MAX_FAILED_STARTS = 3;
/** Pause before forking again after a replacement died before it served. */
const RESTART_DELAY_MS = 1_000;
/** Time past the workers' own grace period before the primary kills a worker that has not stopped. */
const STOP_MARGIN_MS = 5_000;

interface Tracked {
  worker: Worker;
  pid: number;
  /** It has said it listens. */
  ready: boolean;
  /** The worker it replaces, for the log. */
  replaces?: number;
  /** Why it could not start, as it said. */
  failure?: string;
}

/**
 * Forks `config.processes` workers (each runs this same command and serves the port the primary
 * shares with them), restarts one that dies, and stops them all on SIGTERM/SIGINT. Resolves to 0
 * when they have stopped; rejects with WorkerStartError when workers die before they serve: at the
 * first start (all load the same index, so what stops one stops all) or `MAX_FAILED_STARTS`
 * replacements in a row.
 */
export function superviseWorkers(config: Config, options: { graceMs: number }): Promise<number> {
  const workers = new Set<Tracked>();
  let phase: 'starting' | 'serving' | 'stopping' = 'starting';
  let failedStarts = 0;
  let failure: WorkerStartError | undefined;
  let settle: (() => void) | undefined;

  const fork = (replaces?: number) => {
    const worker = cluster.fork();
    const entry: Tracked = { worker, pid: worker.process.pid ?? 0, ready: false, replaces };
    workers.add(entry);
    worker.on('message', (message: unknown) => {
      if (!isWorkerMessage(message)) return;
      if (message.baoku === 'failed') {
        entry.failure = message.message;
        return;
      }
      entry.ready = true;
      failedStarts = 0;
      if (phase === 'starting' && [...workers].every((other) => other.ready)) {
        phase = 'serving';
        console.error(
          `baoku serve: ${message.reports} reports, ${message.paragraphs} paragraphs at http://${config.host}:${message.port}/ (${config.processes} processes)`,
        );
      } else if (phase === 'serving' && replaces !== undefined) {
        console.error(`baoku serve: worker ${entry.pid} serves in place of worker ${replaces}`);
      }
    });
    // A failed IPC write to a dying worker; its exit follows and is handled there.
    worker.on('error', (error) =>
      console.error(`baoku serve: worker ${entry.pid}: ${error.message}`),
    );
    worker.on('exit', (code, signal) =>
      exited(entry, signal ? `signal ${signal}` : `code ${code}`),
    );
  };

  const stopAll = (signal: NodeJS.Signals) => {
    phase = 'stopping';
    for (const { worker } of workers) worker.process.kill(signal);
    // Each worker cuts its open connections after the grace period; one that is stuck is killed.
    setTimeout(() => {
      for (const { worker, pid } of workers) {
        console.error(`baoku serve: worker ${pid} did not stop; killing it`);
        worker.process.kill('SIGKILL');
      }
    }, options.graceMs + STOP_MARGIN_MS).unref();
    if (workers.size === 0) settle?.();
  };

  const giveUp = (entry: Tracked, how: string) => {
    failure = new WorkerStartError(
      entry.pid,
      entry.failure ?? `baoku serve: worker ${entry.pid} exited with ${how} before it was serving`,
    );
    stopAll('SIGTERM');
  };

  const exited = (entry: Tracked, how: string) => {
    workers.delete(entry);
    if (phase === 'stopping') {
      if (workers.size === 0) settle?.();
    } else if (entry.ready) {
      console.error(`baoku serve: worker ${entry.pid} exited with ${how}; starting another`);
      fork(entry.pid);
    } else if (phase === 'starting' || ++failedStarts >= MAX_FAILED_STARTS) {
      giveUp(entry, how);
    } else {
      if (entry.failure) console.error(entry.failure);
      console.error(
        `baoku serve: worker ${entry.pid} exited with ${how} before it was serving ` +
          `(${failedStarts} of ${MAX_FAILED_STARTS} in a row); starting another in ${RESTART_DELAY_MS / 1000} s`,
      );
      setTimeout(() => {
        if (phase === 'serving') fork(entry.replaces);
      }, RESTART_DELAY_MS);
    }
  };

  const onSignal = (signal: NodeJS.Signals) => {
    if (phase === 'stopping') return;
    console.error(`baoku serve: ${signal}, stopping ${workers.size} workers…`);
    stopAll(signal);
  };
  const onTerm = () => onSignal('SIGTERM');
  const onInt = () => onSignal('SIGINT');
  // A worker that is still loading has no SIGHUP handler yet (it would die of it), and it reads
  // CURRENT when it loads anyway.
  const onHup = () => {
    for (const { worker, ready } of workers) if (ready) worker.process.kill('SIGHUP');
  };

  return new Promise((resolve, reject) => {
    settle = () => {
      process.off('SIGTERM', onTerm);
      process.off('SIGINT', onInt);
      process.off('SIGHUP', onHup);
      if (failure) reject(failure);
      else resolve(0);
    };
    // As with one process, a second SIGTERM or SIGINT ends the primary at once (and with it,
    // through their IPC channels, the workers).
    process.once('SIGTERM', onTerm);
    process.once('SIGINT', onInt);
    process.on('SIGHUP', onHup);
    for (let i = 0; i < config.processes; i++) fork();
  });
}
