// Reading a build's files in a worker thread that checks every checksum while this thread loads.
import { Worker } from 'node:worker_threads';
import { IndexMismatchError } from '../errors.ts';

/** A data file as the manifest lists it, and whether it is to be inflated once checked. */
export interface ExpectedFile {
  name: string;
  bytes: number;
  crc32: number;
  deflated: boolean;
}

type Outcome = { name: string; content: Uint8Array } | { name: string; problem: 'missing' | 'damaged'; detail?: string };

/**
 * The files of one build, read, checked (size and CRC-32) and inflated where stored deflated, in a
 * worker thread, in the order given. {@link get} resolves with a file's bytes once they are
 * checked, so that checking a gigabyte overlaps with everything the loading thread does (loading
 * jieba, parsing), and nothing unchecked is used.
 */
export class VerifiedFiles {
  private readonly waiting = new Map<string, { resolve: (bytes: Buffer) => void; reject: (error: Error) => void }>();
  private readonly arrived = new Map<string, Outcome>();
  private failure: Error | null = null;
  private readonly worker: Worker;

  constructor(
    private readonly root: string,
    dir: string,
    files: readonly ExpectedFile[],
  ) {
    this.worker = new Worker(new URL('./read-worker.mjs', import.meta.url), { workerData: { dir, files } });
    this.worker.on('message', (outcome: Outcome) => {
      const waiter = this.waiting.get(outcome.name);
      if (waiter === undefined) {
        this.arrived.set(outcome.name, outcome);
        return;
      }
      this.waiting.delete(outcome.name);
      this.settle(outcome, waiter);
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', () => {
      if (this.waiting.size > 0) this.fail(new Error('the file reader stopped early'));
    });
  }

  /** The checked bytes of `name` (once: they are handed over, not kept). */
  get(name: string): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      if (this.failure !== null) return reject(this.failure);
      const outcome = this.arrived.get(name);
      if (outcome === undefined) {
        this.waiting.set(name, { resolve, reject });
        return;
      }
      this.arrived.delete(name);
      this.settle(outcome, { resolve, reject });
    });
  }

  /** Stops the worker (the files not yet asked for are dropped). */
  async close(): Promise<void> {
    await this.worker.terminate();
  }

  private settle(outcome: Outcome, waiter: { resolve: (bytes: Buffer) => void; reject: (error: Error) => void }): void {
    if ('content' in outcome) {
      const { content } = outcome;
      waiter.resolve(Buffer.from(content.buffer, content.byteOffset, content.byteLength));
    } else if (outcome.problem === 'missing') {
      waiter.reject(new IndexMismatchError(this.root, `${outcome.name} is missing`, { cause: new Error(outcome.detail) }));
    } else {
      waiter.reject(new IndexMismatchError(this.root, `${outcome.name} is damaged (its checksum does not match)`));
    }
  }

  private fail(error: Error): void {
    this.failure = new IndexMismatchError(this.root, `its files could not be read (${error.message})`, { cause: error });
    for (const waiter of this.waiting.values()) waiter.reject(this.failure);
    this.waiting.clear();
  }
}
