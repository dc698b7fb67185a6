// Progress lines on stderr, with the time since the run started and the machine's load.
import { loadavg } from 'node:os';

const started = performance.now();

/** Milliseconds since the benchmark started. */
export function elapsedMs(): number {
  return performance.now() - started;
}

/** Writes one progress line to stderr. */
export function log(line: string): void {
  const seconds = (elapsedMs() / 1000).toFixed(1).padStart(7);
  process.stderr.write(`[bench ${seconds} s, load ${loadavg()[0]!.toFixed(1)}] ${line}\n`);
}
