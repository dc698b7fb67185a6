// A small pool of segmentation workers, so that an index build uses every core.
import { Worker } from 'node:worker_threads';
import { BaokuError } from '../errors.ts';
import type { SegmentedBatch } from './analyze.ts';

interface Pending {
  resolve: (batch: SegmentedBatch) => void;
  reject: (error: Error) => void;
}

/**
 * Runs {@link segmentBatch} in worker threads; each worker loads the same user dictionary. Batches
 * are handed out as soon as they are submitted (round robin), so the workers keep going while this
 * thread is busy with other work and not answering messages.
 */
export class AnalyzePool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private failure: Error | null = null;

  private constructor() {}

  /** Starts `size` workers and waits until each has loaded its dictionaries. */
  static async start(size: number, userDict: string | null): Promise<AnalyzePool> {
    const pool = new AnalyzePool();
    await Promise.all(Array.from({ length: size }, () => pool.spawn(userDict)));
    return pool;
  }

  private spawn(userDict: string | null): Promise<void> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(new URL('./analyze-worker.mjs', import.meta.url), {
        workerData: { userDict },
      });
      this.workers.push(worker);
      worker.on('message', (message: { ready?: true; id?: number } & SegmentedBatch) => {
        if (message.ready) {
          resolve();
          return;
        }
        this.pending.get(message.id!)?.resolve(message);
        this.pending.delete(message.id!);
      });
      worker.on('error', (error) => {
        this.fail(new BaokuError(`baoku: a segmentation worker failed: ${error.message}`, { cause: error }));
        reject(error);
      });
    });
  }

  private fail(error: Error): void {
    this.failure = error;
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
  }

  /** Segments one batch of paragraph texts. */
  segment(texts: string[]): Promise<SegmentedBatch> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.workers[id % this.workers.length]!.postMessage({ id, texts });
    });
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
