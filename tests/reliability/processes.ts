// Real `baoku` processes for the reliability tests: run a command, start and stop the server.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { freePort } from '../helpers/ports.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(REPO, 'bin', 'baoku.mjs');

/** How a finished command ended and what it printed. */
export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts `node bin/baoku.mjs …args` with output collected; the caller waits or kills. */
export function spawnBaoku(
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): { child: ChildProcess; finished: Promise<Finished>; stderr: () => string } {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: REPO,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const finished = new Promise<Finished>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, finished, stderr: () => stderr };
}

/** Runs `baoku …args` to the end (killed after `timeoutMs`). */
export async function runBaoku(
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<Finished> {
  const { child, finished } = spawnBaoku(args, options.env);
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
  try {
    return await finished;
  } finally {
    clearTimeout(timer);
  }
}

/** A running `baoku serve`. */
export interface RunningServer {
  origin: string;
  port: number;
  pid: number;
  /** Sends SIGTERM and resolves to how the process ended (SIGKILL after 15 s). */
  stop: () => Promise<Finished>;
  /** Resolves when the process ends, however it ends. */
  finished: Promise<Finished>;
  stderr: () => string;
}

/**
 * Starts `baoku serve` on `indexDir` (with `args` added) and waits until `/healthz` answers and it
 * has said that it serves (with `--processes n`, once every worker listens).
 */
export async function startServer(
  indexDir: string,
  env: NodeJS.ProcessEnv = {},
  args: readonly string[] = [],
): Promise<RunningServer> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const { child, finished, stderr } = spawnBaoku(
    ['serve', '--index', indexDir, '--port', String(port), '--host', '127.0.0.1', ...args],
    env,
  );
  let exited = false;
  void finished.then(() => (exited = true));
  const stop = async () => {
    if (!exited) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    try {
      return await finished;
    } finally {
      clearTimeout(timer);
    }
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) {
      const end = await finished;
      throw new Error(`baoku serve exited with ${end.code} before answering:\n${end.stderr}`);
    }
    try {
      if (stderr().includes(` paragraphs at ${origin}/`) && (await fetch(`${origin}/healthz`)).ok)
        break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`baoku serve did not answer /healthz within 60 s:\n${stderr()}`);
    }
    await sleep(100);
  }
  return { origin, port, pid: child.pid!, stop, finished, stderr };
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A temporary folder for the calling test file, removed after all its tests. */
export function useTempRoot(prefix: string): () => Promise<string> {
  const made: string[] = [];
  afterAll(async () => {
    await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
  });
  return async () => {
    const dir = await mkdtemp(join(tmpdir(), prefix));
    made.push(dir);
    return dir;
  };
}
