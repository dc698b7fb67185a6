// Times every query on every engine, interleaved, so that load on the machine hits all alike.
import type { Archive } from '../src/index/archive.ts';
import { search } from '../src/search/search.ts';
import type { Engine, PreparedQuery } from './baselines/prepared.ts';
import { log } from './log.ts';
import { QUERY_CLASSES, type BenchQuery, type QueryClass } from './queries.ts';
import type { EngineLatency } from './result.ts';
import { summarize } from './stats.ts';

/** One engine in the race: how it answers query `i` of the set (its exact total). */
export interface Contender {
  name: string;
  answer(i: number): number;
  /** Milliseconds it may spend on one query class (after {@link minQueries} of it), or null. */
  budgetMs: number | null;
  /** Fewest queries of a class it answers before its time budget may stop it. */
  minQueries: number;
}

/** What one engine did over the set: per-query time and total, null where its budget skipped it. */
export interface ContenderRun {
  name: string;
  ms: (number | null)[];
  totals: (number | null)[];
}

/** baoku as a contender: `search(archive, q, {limit: 20})`, the ranked top 20 and exact total. */
export function baokuContender(
  archive: Archive,
  queries: readonly BenchQuery[],
): Contender & { relatedQueries: () => number } {
  let related = 0;
  return {
    name: 'baoku',
    budgetMs: null,
    minQueries: Infinity,
    answer(i) {
      const result = search(archive, queries[i]!.text, { limit: 20 });
      if (result.relatedTotal > 0) related++;
      return result.exactTotal;
    },
    relatedQueries: () => related,
  };
}

/** A baseline as a contender, answering the queries as prepared (read) beforehand. */
export function baselineContender(
  engine: Engine,
  queries: readonly BenchQuery[],
  prepared: readonly PreparedQuery[],
  budgetMs: number,
  minQueries: number,
): Contender {
  return {
    name: engine.name,
    budgetMs,
    minQueries,
    answer: (i) => engine.answer(queries[i]!.text, prepared[i]!).total,
  };
}

/**
 * Runs query 0 on every engine, then query 1, … The engines take turns going first, and each
 * budgeted engine stops a class once it has spent its budget there (the classes are interleaved at
 * random, so what it measured is a fair sample).
 */
export function race(
  contenders: readonly Contender[],
  queries: readonly BenchQuery[],
): ContenderRun[] {
  const runs = contenders.map((c) => ({ name: c.name, ms: [], totals: [] }) as ContenderRun);
  const spent = contenders.map(() => new Map<QueryClass, { ms: number; n: number }>());
  let lastProgress = performance.now();
  queries.forEach((query, i) => {
    for (let turn = 0; turn < contenders.length; turn++) {
      const c = (i + turn) % contenders.length;
      const contender = contenders[c]!;
      const used = spent[c]!.get(query.cls) ?? { ms: 0, n: 0 };
      spent[c]!.set(query.cls, used);
      const budget = contender.budgetMs;
      if (budget !== null && used.ms >= budget && used.n >= contender.minQueries) {
        runs[c]!.ms[i] = null;
        runs[c]!.totals[i] = null;
        continue;
      }
      const started = performance.now();
      const total = contender.answer(i);
      const took = performance.now() - started;
      runs[c]!.ms[i] = took;
      runs[c]!.totals[i] = total;
      used.ms += took;
      used.n++;
    }
    if (performance.now() - lastProgress > 60_000) {
      lastProgress = performance.now();
      log(`queries: ${i + 1}/${queries.length}`);
    }
  });
  return runs;
}

/** Latency summaries over the whole set and per class (skipped queries left out). */
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
