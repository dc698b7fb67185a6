// Configuration: command-line flags and environment → one validated, frozen Config (entry points only).
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';
import { UsageError } from './errors.ts';

/** Everything the server and the CLI are configured with. */
export interface Config {
  corpusDir: string;
  indexDir: string;
  port: number;
  host: string;
  /** Write queries to the request log (off by default: journalists' searches are sensitive). */
  logQueries: boolean;
  /** Worker threads for segmentation during index builds. */
  workers: number;
  /** Processes that `baoku serve` answers from, each with its own copy of the index. */
  processes: number;
}

const PROCESSES_RANGE =
  'must be a whole number from 1 to 64, set by --processes or $BAOKU_PROCESSES';

const schema = z.object({
  corpusDir: z.string().min(1),
  indexDir: z.string().min(1),
  port: z.coerce.number().int().min(0).max(65535),
  host: z.string().min(1),
  logQueries: z.boolean(),
  workers: z.coerce.number().int().min(0).max(64),
  processes: z.coerce
    .number({ error: PROCESSES_RANGE })
    .int({ error: PROCESSES_RANGE })
    .min(1, { error: PROCESSES_RANGE })
    .max(64, { error: PROCESSES_RANGE }),
});

/** Reads flags (already parsed, as strings) over environment variables over defaults. */
export function readConfig(
  flags: Partial<Record<keyof Config, string | boolean | undefined>>,
  env: NodeJS.ProcessEnv = process.env,
): Readonly<Config> {
  const candidate = {
    corpusDir: resolve(String(flags.corpusDir ?? env.BAOKU_CORPUS ?? 'corpus')),
    indexDir: resolve(String(flags.indexDir ?? env.BAOKU_INDEX ?? 'index')),
    port: flags.port ?? env.PORT ?? '3000',
    host: flags.host ?? env.HOST ?? '127.0.0.1',
    logQueries: flags.logQueries === true || env.BAOKU_LOG_QUERIES === '1',
    workers: flags.workers ?? env.BAOKU_WORKERS ?? String(Math.min(4, availableParallelism())),
    processes: flags.processes ?? env.BAOKU_PROCESSES ?? '1',
  };
  const parsed = schema.safeParse(candidate);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map(
        (issue) =>
          `${issue.path.join('.')}: ${issue.message} (got ${JSON.stringify(candidate[issue.path[0] as keyof typeof candidate])})`,
      )
      .join('; ');
    throw new UsageError(`baoku: invalid configuration: ${problems}`);
  }
  return Object.freeze(parsed.data);
}
