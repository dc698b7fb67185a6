// Latency statistics, memory readings and the machine's load.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';

/** Percentiles of a set of latencies, in milliseconds. */
export interface LatencySummary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

/** The nearest-rank percentile `p` (0–100) of ascending `sorted`. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** Summarises latencies (any order). */
export function summarize(values: readonly number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  const sum = sorted.reduce((total, v) => total + v, 0);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    mean: sorted.length === 0 ? NaN : sum / sorted.length,
    max: sorted[sorted.length - 1] ?? NaN,
  };
}

/** Memory of this process after a full collection, in bytes. */
export interface MemoryReading {
  heapUsed: number;
  /** ArrayBuffers (typed-array postings live here, outside the JS heap). */
  arrayBuffers: number;
  external: number;
  rss: number;
  /** Highest RSS of the process so far. */
  peakRss: number;
}

/**
 * Peak RSS of this process. Linux's VmHWM belongs to the process image; getrusage's maxRSS is
 * inherited through fork and exec, so a child of a large parent would report the parent's peak.
 */
function peakRss(): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]) * 1024;
  } catch {
    // Not Linux: fall back to getrusage.
  }
  return process.resourceUsage().maxRSS * 1024;
}

/**
 * Collects garbage and reads the memory. ArrayBuffers (and zlib's buffers) are released by the
 * collector's background sweeper, so it collects again after a pause before reading.
 */
export async function measureMemory(): Promise<MemoryReading> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  await new Promise((resolve) => setTimeout(resolve, 1500));
  gc?.();
  const usage = process.memoryUsage();
  return {
    heapUsed: usage.heapUsed,
    arrayBuffers: usage.arrayBuffers,
    external: usage.external,
    rss: usage.rss,
    peakRss: peakRss(),
  };
}

/** Milliseconds taken by `fn`, and its result. */
export async function timed<T>(fn: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

/** Samples the 1-minute load average while the benchmark runs: other work on the machine skews timings. */
export class LoadSampler {
  private readonly samples: number[] = [];
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(intervalMs = 15_000) {
    this.samples.push(loadavg()[0]!);
    this.timer = setInterval(() => this.samples.push(loadavg()[0]!), intervalMs);
    this.timer.unref();
  }

  /** Stops sampling; mean and highest 1-minute load average seen. */
  stop(): { mean: number; max: number; samples: number } {
    clearInterval(this.timer);
    this.samples.push(loadavg()[0]!);
    const sum = this.samples.reduce((total, v) => total + v, 0);
    return {
      mean: sum / this.samples.length,
      max: Math.max(...this.samples),
      samples: this.samples.length,
    };
  }
}
