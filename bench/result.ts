// The shape of one benchmark run's results, as saved to bench/results/<run>.json.
import type { HttpResult } from './http.ts';
import type { ColdStartReading } from './cold-start.ts';
import type { QueryClass } from './queries.ts';
import type { LatencySummary, MemoryReading } from './stats.ts';
import type { BenchOptions } from './options.ts';

/** Latencies of one engine over the query set. */
export interface EngineLatency {
  mixed: LatencySummary;
  perClass: Record<QueryClass, LatencySummary>;
}

/** A baseline: how long it took to build, how big it is, how fast it answers. */
export interface BaselineResult {
  name: string;
  buildMs: number;
  /** Bytes on disk (SQLite file); null for the in-memory scan. */
  bytes: number | null;
  latency: EngineLatency;
  /** Queries whose exact total differs from baoku's. */
  disagreements: { query: string; baoku: number; baseline: number }[];
}

/** One target from the issue and whether this run met it. */
export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean | null;
}

/** Everything one run measured. */
export interface BenchResult {
  schema: 1;
  startedAt: string;
  durationMs: number;
  machine: {
    cpu: string;
    cores: number;
    memoryBytes: number;
    node: string;
    platform: string;
    sqlite: string | null;
    /** 1-minute load average over the run (this benchmark itself adds up to about the core count). */
    load: { mean: number; max: number; samples: number };
    git: {
      /** HEAD when the run started. */
      commit: string | null;
      /** The last commit that changed src/, views/ or bin/: the engine measured. */
      engineCommit: string | null;
      /** Whether src/, views/ or bin/ had uncommitted changes. */
      uncommitted: boolean | null;
      engineChangedDuringRun: boolean;
    };
  };
  options: BenchOptions;
  corpus: {
    folders: string[];
    realReports: number;
    realParagraphs: number;
    syntheticReports: number;
    syntheticParagraphs: number;
    reports: number;
    paragraphs: number;
    characters: number;
    utf8Bytes: number;
    parseFailures: number;
  };
  queries: { total: number; perClass: Record<QueryClass, number>; warmup: number };
  recall: {
    paragraphs: number;
    samples: number;
    expected: number;
    found: number;
    falsePositives: number;
    missed: { term: string; paragraphs: number }[];
  };
  baoku: {
    workers: number;
    /**
     * Phases as buildArchive reports them (they may overlap); `buildMs` is buildArchive's wall
     * time and `totalMs` parse + build, what the throughput is computed from.
     */
    build: {
      parseMs: number;
      analyzeMs: number;
      gramsMs: number;
      wordsMs: number;
      answersMs: number;
      buildMs: number;
      totalMs: number;
    };
    mbPerSecond: number;
    memoryBefore: MemoryReading;
    memoryAfterBuild: MemoryReading;
    save: { ms: number; bytes: number; files: Record<string, number> };
    coldStart: ColdStartReading[];
    cliSearchWallMs: number | null;
    latency: EngineLatency;
    /** Queries that also had related (non-literal, all-jieba-words) matches. */
    relatedQueries: number;
    slowest: { query: string; cls: QueryClass; ms: number; total: number }[];
  };
  baselines: BaselineResult[];
  http: HttpResult | null;
  targets: TargetCheck[];
}
