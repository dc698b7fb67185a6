// Cold start, measured in fresh processes: load the saved index and answer one search.
import { runNode } from './child.ts';
import { log } from './log.ts';

/** What the fresh process reports, in milliseconds since it started and bytes. */
export interface ColdStartReading {
  /** Node start, tsx and the engine's modules (and the segmenter's dictionaries). */
  importMs: number;
  loadMs: number;
  firstSearchMs: number;
  /** Process start to the first answer. */
  totalMs: number;
  heapUsed: number;
  arrayBuffers: number;
  rss: number;
  peakRss: number;
}

/** Starts `runs` fresh processes one after another; each loads the index and searches `query`. */
export async function measureColdStart(
  repoRoot: string,
  indexDir: string,
  query: string,
  runs: number,
): Promise<ColdStartReading[]> {
  const readings: ColdStartReading[] = [];
  for (let run = 0; run < runs; run++) {
    const args = ['--expose-gc', 'bench/run.mjs', 'cold-start', indexDir, query];
    const child = await runNode(args, repoRoot);
    const line = child.stdout.trim().split('\n').pop() ?? '';
    if (child.code !== 0 || !line.startsWith('{')) {
      log(`cold start failed (exit ${child.code}): ${child.stderr.trim().slice(0, 800)}`);
      break;
    }
    const reading = JSON.parse(line) as ColdStartReading;
    readings.push(reading);
    log(`cold start: ${(reading.totalMs / 1000).toFixed(1)} s to the first answer`);
  }
  return readings;
}

/** Runs in the child started as `node --expose-gc bench/run.mjs cold-start <indexDir> <query>`. */
export async function runColdStart(args: string[]): Promise<number> {
  const [indexDir, query] = args;
  if (!indexDir || !query) {
    console.error('usage: node --expose-gc bench/run.mjs cold-start <indexDir> <query>');
    return 2;
  }
  const { loadArchive } = await import('../src/index/store.ts');
  const { search } = await import('../src/search/search.ts');
  const imported = performance.now();
  const { archive } = await loadArchive(indexDir);
  const loaded = performance.now();
  search(archive, query, { limit: 20 });
  const answered = performance.now();
  const { measureMemory } = await import('./stats.ts');
  const memory = await measureMemory();
  const reading: ColdStartReading = {
    importMs: imported,
    loadMs: loaded - imported,
    firstSearchMs: answered - loaded,
    totalMs: answered,
    heapUsed: memory.heapUsed,
    arrayBuffers: memory.arrayBuffers,
    rss: memory.rss,
    peakRss: memory.peakRss,
  };
  console.log(JSON.stringify(reading));
  return 0;
}
