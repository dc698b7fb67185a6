// Command-line options of `npm run bench`, read once and frozen.
import { parseArgs } from 'node:util';

/** How one benchmark run is sized and which parts it runs. */
export interface BenchOptions {
  /** Paragraphs in the archive: the real corpora, plus recombined ones up to this number. */
  paragraphs: number;
  /** Queries in the fixed set (split evenly over the query classes). */
  queries: number;
  seed: number;
  quick: boolean;
  skipHttp: boolean;
  skipBaselines: boolean;
  /** Seconds of load per HTTP route. */
  httpSeconds: number;
  /** `baoku serve --processes` for the HTTP runs. */
  httpProcesses: number;
  /**
   * Seconds a baseline may spend on one query class; past it (and at least 20 queries), the rest
   * of that class is skipped for that baseline. LIKE scans make FTS5 trigram take seconds a query.
   */
  baselineBudget: number;
  /** Fewest queries of each class a baseline answers before its budget may stop it. */
  baselineMin: number;
  /** Terms sampled by the recall check. */
  recallSamples: number;
  /** Keep the temporary index and databases (their folder is printed). */
  keep: boolean;
}

export const USAGE = `npm run bench -- [--paragraphs N] [--queries N] [--quick] [--skip-http] [--skip-baselines]
                  [--seed N] [--http-seconds N] [--http-processes N] [--baseline-budget N]
                  [--baseline-min N] [--recall-samples N] [--keep]

  --paragraphs N      archive size in paragraphs (default 1000000; --quick: 150000)
  --queries N         queries in the fixed set, >= 9 (default 2250; --quick: 500)
  --quick             a run of a few minutes: 150k paragraphs, 500 queries, 10 s of HTTP load
  --skip-http         do not start \`baoku serve\` or run autocannon
  --skip-baselines    do not measure brute force and the two SQLite FTS5 baselines
  --seed N            seed of the corpus scale-up and the query set (default 1)
  --http-seconds N    seconds of load per HTTP route (default 30; --quick: 10)
  --http-processes N  processes of the server under load (\`baoku serve --processes N\`,
                      1-64; default 1)
  --baseline-budget N seconds each baseline may spend per query class, after --baseline-min
                      queries of it (default 240; --quick: 30)
  --baseline-min N    queries of each class every baseline answers before its budget may
                      stop it (default 20)
  --recall-samples N  terms sampled by the recall check (default 1000; --quick: 300)
  --keep              keep the temporary index and databases`;

/** A command-line value that cannot be used; the message says which and why. */
export class BenchUsageError extends Error {}

function count(
  flag: string,
  value: string | undefined,
  fallback: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (value === undefined) return fallback;
  const n = Number(value.replace(/_/g, ''));
  if (!/^[\d_]+$/.test(value) || !Number.isSafeInteger(n) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
    throw new BenchUsageError(
      `bench: ${flag} must be a whole number ${range} (got ${JSON.stringify(value)})`,
    );
  }
  return n;
}

/** Reads the options from argv (without node and the script). */
export function readOptions(argv: string[]): Readonly<BenchOptions> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        paragraphs: { type: 'string' },
        queries: { type: 'string' },
        seed: { type: 'string' },
        quick: { type: 'boolean' },
        'skip-http': { type: 'boolean' },
        'skip-baselines': { type: 'boolean' },
        'http-seconds': { type: 'string' },
        'http-processes': { type: 'string' },
        'baseline-budget': { type: 'string' },
        'baseline-min': { type: 'string' },
        'recall-samples': { type: 'string' },
        keep: { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new BenchUsageError(`bench: ${(error as Error).message}`, { cause: error });
  }
  const quick = values.quick === true;
  return Object.freeze({
    paragraphs: count('--paragraphs', values.paragraphs, quick ? 150_000 : 1_000_000, 1000),
    queries: count('--queries', values.queries, quick ? 500 : 2250, 9),
    seed: count('--seed', values.seed, 1, 0),
    quick,
    skipHttp: values['skip-http'] === true,
    skipBaselines: values['skip-baselines'] === true,
    httpSeconds: count('--http-seconds', values['http-seconds'], quick ? 10 : 30, 1),
    httpProcesses: count('--http-processes', values['http-processes'], 1, 1, 64),
    baselineBudget: count('--baseline-budget', values['baseline-budget'], quick ? 30 : 240, 1),
    baselineMin: count('--baseline-min', values['baseline-min'], 20, 1),
    recallSamples: count('--recall-samples', values['recall-samples'], quick ? 300 : 1000, 1),
    keep: values.keep === true,
  });
}
