// Child processes of the benchmark: run one to completion, or start a server and stop it later.
import { spawn, type ChildProcess } from 'node:child_process';

/** What a finished child printed and how long it ran. */
export interface ChildOutcome {
  code: number | null;
  stdout: string;
  stderr: string;
  wallMs: number;
}

/** Runs `node <args>` in `cwd` and waits for it to exit. */
export function runNode(args: string[], cwd: string): Promise<ChildOutcome> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code, stdout, stderr, wallMs: performance.now() - started }),
    );
  });
}

/** Stops a child this benchmark started (by its own handle, never by name) and waits for it. */
export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
