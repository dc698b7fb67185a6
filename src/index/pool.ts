// A small pool of analysis workers, so that an index build uses every core.
import { Worker } from 'node:worker_threads';
import { BaokuError } from '../errors.ts';
import type { AnalyzedBatch } from './analyze.ts';

interface Pending {
  resolve: (batch: AnalyzedBatch) => void;
  reject: (error: Error) => void;
}

/** Runs {@link analyzeBatch} in worker threads; each worker loads the same user dictionary. */
export class AnalyzePool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: { id: number; texts: string[] }[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly busy = new Map<Worker, number>();
  private nextId = 0;
  private failure: Error | null = null;

  private constructor() {}

  /** Starts `size` workers and waits until each has loaded its dictionaries. */
  static async start(size: number, userDict: string | null): Promise<AnalyzePool> {
    const pool = new AnalyzePool();
    await Promise.all(
      Array.from({ length: size }, () => pool.spawn(userDict)),
    );
    return pool;
  }

  private spawn(userDict: string | null): Promise<void> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(new URL('./analyze-worker.mjs', import.meta.url), {
        workerData: { userDict },
      });
      this.workers.push(worker);
      worker.on('message', (message: { ready?: true; id?: number } & AnalyzedBatch) => {
        if (message.ready) {
          this.idle.push(worker);
          this.drain();
          resolve();
          return;
        }
        const id = this.busy.get(worker)!;
        this.busy.delete(worker);
        this.pending.get(id)?.resolve(message);
        this.pending.delete(id);
        this.idle.push(worker);
        this.drain();
      });
      worker.on('error', (error) => {
        this.fail(new BaokuError(`baoku: an analysis worker failed: ${error.message}`, { cause: error }));
        reject(error);
      });
    });
  }

  private fail(error: Error): void {
    this.failure = error;
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
  }

  private drain(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop()!;
      const job = this.queue.shift()!;
      this.busy.set(worker, job.id);
      worker.postMessage(job);
    }
  }

  /** Analyses one batch of paragraph texts. */
  analyze(texts: string[]): Promise<AnalyzedBatch> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.queue.push({ id, texts });
      this.drain();
    });
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
