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
 * The files of one build, read, checked (size and CRC-32) and inflated where stored deflated, in
 * worker threads, in the order given. {@link get} resolves with a file's bytes once they are
 * checked, so that checking a gigabyte overlaps with everything the loading thread does (loading
 * jieba, parsing), and nothing unchecked is used.
 */
export class VerifiedFiles {
  private readonly waiting = new Map<string, { resolve: (bytes: Buffer) => void; reject: (error: Error) => void }>();
  private readonly arrived = new Map<string, Outcome>();
  private failure: Error | null = null;
  private readonly exits: Promise<void>[] = [];
  /** Set to 1 to make the readers stop after the file they are on. */
  private readonly stop = new Int32Array(new SharedArrayBuffer(4));
  private running: number;

  /**
   * @param threads - reader threads; the files are shared out so that each reads about as many
   *   bytes, each in the order given.
   */
  constructor(
    private readonly root: string,
    dir: string,
    files: readonly ExpectedFile[],
    threads = 2,
  ) {
    const shares: ExpectedFile[][] = Array.from({ length: Math.max(1, threads) }, () => []);
    const load = shares.map(() => 0);
    for (const file of [...files].sort((a, b) => b.bytes - a.bytes)) {
      const lightest = load.indexOf(Math.min(...load));
      shares[lightest]!.push(file);
      load[lightest]! += file.bytes;
    }
    const order = new Map(files.map((file, i) => [file.name, i]));
    this.running = 0;
    for (const share of shares) {
      if (share.length === 0) continue;
      share.sort((a, b) => order.get(a.name)! - order.get(b.name)!);
      const worker = new Worker(new URL('./read-worker.mjs', import.meta.url), {
        workerData: { dir, files: share, stop: this.stop.buffer },
      });
      this.exits.push(new Promise((resolve) => worker.once('exit', () => resolve())));
      this.running++;
      worker.on('message', (outcome: Outcome) => {
        const waiter = this.waiting.get(outcome.name);
        if (waiter === undefined) {
          this.arrived.set(outcome.name, outcome);
          return;
        }
        this.waiting.delete(outcome.name);
        this.settle(outcome, waiter);
      });
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', () => {
        if (--this.running === 0 && this.waiting.size > 0) this.fail(new Error('the file readers stopped early'));
      });
    }
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

  /**
   * Stops the readers after the file each is on and waits for them (the files not yet read are
   * dropped). Never `terminate()`: a thread stopped inside zlib aborts the process in Node 20.
   */
  async close(): Promise<void> {
    Atomics.store(this.stop, 0, 1);
    await Promise.all(this.exits);
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
