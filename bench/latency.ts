// Runs the query set through an engine once, timing every query, and summarises per class.
import type { Archive } from '../src/index/archive.ts';
import { search } from '../src/search/search.ts';
import type { Engine, PreparedQuery } from './baselines/prepared.ts';
import { log } from './log.ts';
import { QUERY_CLASSES, type BenchQuery, type QueryClass } from './queries.ts';
import type { BaselineResult, EngineLatency } from './result.ts';
import { summarize } from './stats.ts';

/** Per-query times and exact totals of one pass over the set. */
export interface BaokuRun {
  ms: number[];
  totals: number[];
  /** Queries that also had related (non-literal) matches. */
  relatedQueries: number;
}

/** Runs every query through `search(archive, q, {limit: 20})` once. */
export function runBaoku(archive: Archive, queries: readonly BenchQuery[]): BaokuRun {
  const run: BaokuRun = { ms: [], totals: [], relatedQueries: 0 };
  for (const query of queries) {
    const started = performance.now();
    const result = search(archive, query.text, { limit: 20 });
    run.ms.push(performance.now() - started);
    run.totals.push(result.exactTotal);
    if (result.relatedTotal > 0) run.relatedQueries++;
  }
  return run;
}

/** Fewest queries of a class a baseline answers before its time budget may stop it. */
export const MIN_BASELINE_QUERIES = 20;

/**
 * Runs the warm-up and then the queries through a baseline, comparing its totals with baoku's.
 * Once a class has used `budgetMs` (and at least {@link MIN_BASELINE_QUERIES} queries), the rest of
 * that class is skipped: the set is interleaved at random, so what was measured is a fair sample.
 */
export function runBaseline(
  engine: Engine,
  build: { ms: number; bytes: number | null },
  queries: readonly BenchQuery[],
  prepared: { queries: readonly PreparedQuery[]; warmup: readonly PreparedQuery[] },
  baokuTotals: readonly number[],
  budgetMs: number,
): BaselineResult {
  log(`${engine.name}: ${queries.length} queries`);
  for (const query of prepared.warmup) engine.answer('', query);
  const ms: (number | null)[] = [];
  const spent = new Map<QueryClass, { ms: number; n: number }>();
  const disagreements: BaselineResult['disagreements'] = [];
  let lastProgress = performance.now();
  queries.forEach((query, i) => {
    const used = spent.get(query.cls) ?? { ms: 0, n: 0 };
    spent.set(query.cls, used);
    if (used.ms >= budgetMs && used.n >= MIN_BASELINE_QUERIES) {
      ms.push(null);
      return;
    }
    const started = performance.now();
    const answer = engine.answer(query.text, prepared.queries[i]!);
    const took = performance.now() - started;
    ms.push(took);
    used.ms += took;
    used.n++;
    if (answer.total !== baokuTotals[i]) {
      disagreements.push({ query: query.text, baoku: baokuTotals[i]!, baseline: answer.total });
    }
    if (performance.now() - lastProgress > 30_000) {
      lastProgress = performance.now();
      log(`${engine.name}: ${i + 1}/${queries.length}`);
    }
  });
  const latency = latencyOf(queries, ms);
  const measured = ms.filter((v) => v !== null).length;
  log(
    `${engine.name}: ${measured} queries measured, p50 ${latency.mixed.p50.toFixed(2)} ms, ` +
      `p99 ${latency.mixed.p99.toFixed(2)} ms, ${disagreements.length} totals differ from baoku`,
  );
  return { name: engine.name, buildMs: build.ms, bytes: build.bytes, latency, disagreements };
}

/** Latency summaries over the whole set and per class. */
export function latencyOf(
  queries: readonly BenchQuery[],
  ms: readonly (number | null)[],
): EngineLatency {
  const measured = (cls?: QueryClass) =>
    ms.filter((v, i): v is number => v !== null && (cls === undefined || queries[i]!.cls === cls));
  const perClass = Object.fromEntries(
    QUERY_CLASSES.map((cls) => [cls, summarize(measured(cls))]),
  ) as EngineLatency['perClass'];
  return { mixed: summarize(measured()), perClass };
}

/** Queries per class. */
export function countClasses(queries: readonly BenchQuery[]): Record<QueryClass, number> {
  const counts = Object.fromEntries(QUERY_CLASSES.map((cls) => [cls, 0])) as Record<
    QueryClass,
    number
  >;
  for (const query of queries) counts[query.cls]++;
  return counts;
}
