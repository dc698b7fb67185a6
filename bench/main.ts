// `npm run bench`: builds the benchmark archive, measures baoku and the baselines, writes the report.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkRecall } from '../src/cli/recall-command.ts';
import { buildArchive } from '../src/index/build.ts';
import { saveArchive } from '../src/index/store.ts';
import { initSegmenter, segmenterInfo } from '../src/text/segment.ts';
import type { Report } from '../src/types.ts';
import { buildBruteIndex, bruteEngine } from './baselines/brute.ts';
import { BIGRAM, buildFts, TRIGRAM } from './baselines/fts.ts';
import { prepareQuery, type Engine } from './baselines/prepared.ts';
import { runNode } from './child.ts';
import { measureColdStart } from './cold-start.ts';
import {
  benchLines,
  locateCorpora,
  paragraphCount,
  parseLines,
  readRealLines,
  sampleReports,
} from './corpus.ts';
import { describeMachine, engineFingerprint } from './environment.ts';
import { measureHttp, type HttpResult } from './http.ts';
import {
  baokuContender,
  baselineContender,
  countClasses,
  latencyOf,
  race,
  type ContenderRun,
} from './latency.ts';
import { elapsedMs, log } from './log.ts';
import { BenchUsageError, readOptions, USAGE, type BenchOptions } from './options.ts';
import { buildQuerySet, type BenchQuery } from './queries.ts';
import { renderMarkdown } from './report.ts';
import type { BaselineResult, BenchResult } from './result.ts';
import { LoadSampler, measureMemory, timed } from './stats.ts';
import { checkTargets } from './targets.ts';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const RESULTS_DIR = join(REPO_ROOT, 'bench', 'results');
const COLD_START_RUNS = 3;
const WARMUP_QUERIES = 90;
/** Paragraphs of the real corpus that the recall check builds its own archive from. */
const RECALL_PARAGRAPHS = 30_000;

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
const s = (ms: number) => (ms / 1000).toFixed(1);

/** Runs the benchmark; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(`Usage: ${USAGE}`);
    return 0;
  }
  let options: Readonly<BenchOptions>;
  try {
    options = readOptions(argv);
  } catch (error) {
    if (!(error instanceof BenchUsageError)) throw error;
    console.error(`${error.message}\n\nUsage: ${USAGE}`);
    return 2;
  }
  const corporaDir = locateCorpora(REPO_ROOT);
  if (corporaDir === null) {
    console.log(
      'bench: no corpora found at ../shared/corpora (or $BAOKU_CORPORA); nothing to measure.',
    );
    return 0;
  }
  const startedAt = new Date().toISOString();
  const load = new LoadSampler();
  const engineAtStart = await engineFingerprint(REPO_ROOT);
  const workers = availableParallelism();
  initSegmenter(null);
  const memoryBefore = await measureMemory();

  // The real corpus, parsed once for the recall check, the queries and the recombined sentences.
  log(`reading the corpora in ${corporaDir}`);
  const real = await readRealLines(corporaDir);
  const realReports = parseLines(real.lines).reports;
  const realParagraphs = paragraphCount(realReports);
  log(`${real.folders.join(', ')}: ${realReports.length} reports, ${realParagraphs} paragraphs`);

  // Recall first: a wrong engine makes every other number meaningless.
  const recall = await runRecall(realReports, options);
  if (recall.missed.length > 0 || recall.falsePositives > 0) {
    console.error(
      `\nbench: RECALL CHECK FAILED — ${recall.missed.length} sampled terms missed paragraphs, ` +
        `${recall.falsePositives} false positives:`,
    );
    for (const miss of recall.missed.slice(0, 20)) {
      console.error(`  missed ${miss.paragraphs} paragraphs for ${JSON.stringify(miss.term)}`);
    }
    return 1;
  }

  const queries = buildQuerySet(realReports, options.queries, options.seed);
  const known = new Set(queries.map((q) => q.text));
  const warmup = buildQuerySet(realReports, WARMUP_QUERIES, options.seed + 1_000_003).filter(
    (q) => !known.has(q.text),
  );
  log(`${queries.length} queries, ${warmup.length} different warm-up queries`);
  const corpus = benchLines(real.lines, realReports, options.paragraphs, options.seed);
  const realCounts = { reports: realReports.length, paragraphs: realParagraphs };
  // Only the archive's lines stay: the real reports would otherwise count in the memory after build.
  real.lines = [];
  realReports.length = 0;

  // The build, phase by phase: parse here, then buildArchive's analysis, grams and words.
  const parseStarted = performance.now();
  const parsed = parseLines(corpus.lines);
  const parseMs = performance.now() - parseStarted;
  corpus.lines = [];
  const reports: Report[] = parsed.reports;
  parsed.reports = [];
  const paragraphs = paragraphCount(reports);
  const reportCount = reports.length;
  let characters = 0;
  let utf8Bytes = 0;
  for (const report of reports) {
    for (const paragraph of report.paragraphs) {
      characters += paragraph.text.length;
      utf8Bytes += Buffer.byteLength(paragraph.text, 'utf8');
    }
  }
  log(
    `parsed ${reportCount} reports, ${paragraphs} paragraphs, ${mb(utf8Bytes)} MB of text in ${s(parseMs)} s`,
  );
  let lastProgress = 0;
  const buildStarted = performance.now();
  const built = await buildArchive(reports, {
    userDict: null,
    workers,
    onProgress: (done, total) => {
      if (performance.now() - lastProgress < 10_000) return;
      lastProgress = performance.now();
      log(`analysing ${done}/${total}`);
    },
  });
  // Wall time: buildArchive's phases may overlap (segmentation runs alongside the gram build).
  const buildMs = performance.now() - buildStarted;
  const archive = built.archive;
  reports.length = 0;
  const { analyzeMs, gramsMs, wordsMs, answersMs } = built.timings;
  const build = {
    parseMs,
    analyzeMs,
    gramsMs,
    wordsMs,
    answersMs,
    buildMs,
    totalMs: parseMs + buildMs,
  };
  log(
    `built in ${s(build.totalMs)} s (parse ${s(parseMs)}, buildArchive ${s(buildMs)}: analysis ${s(analyzeMs)}, ` +
      `grams ${s(gramsMs)}, words ${s(wordsMs)}, answers ${s(answersMs)})`,
  );
  const memoryAfterBuild = await measureMemory();
  log(
    `after build: heap ${mb(memoryAfterBuild.heapUsed)} MB + ${mb(memoryAfterBuild.arrayBuffers)} MB array buffers`,
  );

  const work = await mkdtemp(join(tmpdir(), 'baoku-bench-'));
  try {
    const indexDir = join(work, 'index');
    const saved = await timed(() =>
      saveArchive(indexDir, archive, segmenterInfo(), {
        corpusSha256: `bench-${options.seed}-${paragraphs}`,
        userDictText: null,
        failures: [],
      }),
    );
    log(`saved ${mb(saved.value.bytes)} MB in ${s(saved.ms)} s`);

    const coldQuery = queries.find((q) => q.cls === 'word2')?.text ?? '中国';
    const coldStart = await measureColdStart(REPO_ROOT, indexDir, coldQuery, COLD_START_RUNS);
    const cli = await runNode(
      ['bin/baoku.mjs', 'search', coldQuery, '--index', indexDir],
      REPO_ROOT,
    );
    if (cli.code !== 0)
      log(`baoku search exited with ${cli.code}: ${cli.stderr.trim().slice(0, 500)}`);

    let http: HttpResult | null = null;
    if (!options.skipHttp) {
      const texts = queries.map((q) => q.text);
      http = await measureHttp(REPO_ROOT, indexDir, texts, {
        seconds: options.httpSeconds,
        processes: options.httpProcesses,
        log,
      });
      if (http.skipped) log(`http: SKIPPED — ${http.skipped}`);
    }

    // The baselines are built first; then every query runs on every engine in turn.
    const built: { engine: Engine; buildMs: number; bytes: number | null; close: () => void }[] =
      [];
    let runs: ContenderRun[];
    let relatedQueries: number;
    try {
      if (!options.skipBaselines) {
        const brute = await timed(() => buildBruteIndex(archive));
        built.push({
          engine: bruteEngine(archive, brute.value),
          buildMs: brute.ms,
          bytes: null,
          close: () => {},
        });
        for (const scheme of [TRIGRAM, BIGRAM]) {
          log(`building ${scheme.name}`);
          const fts = buildFts(
            scheme,
            archive,
            join(work, `${scheme.name.replace(/\W+/g, '-')}.sqlite`),
          );
          built.push(fts);
          log(`${scheme.name}: built in ${s(fts.buildMs)} s, ${mb(fts.bytes)} MB`);
        }
      }
      const budgetMs = options.baselineBudget * 1000;
      const contenders = (set: readonly BenchQuery[]) => {
        const prepared = built.length > 0 ? set.map((q) => prepareQuery(archive, q.text)) : [];
        const baoku = baokuContender(archive, set);
        const others = built.map((b) =>
          baselineContender(b.engine, set, prepared, budgetMs, options.baselineMin),
        );
        return { baoku, all: [baoku, ...others] };
      };
      race(contenders(warmup).all, warmup);
      log(`${queries.length} queries on ${built.length + 1} engines, in turn`);
      const measured = contenders(queries);
      runs = race(measured.all, queries);
      relatedQueries = measured.baoku.relatedQueries();
    } finally {
      for (const b of built) b.close();
    }
    const baokuRun = runs[0]!;
    const baokuTotals = baokuRun.totals.map((total) => total ?? 0);
    const baokuLatency = latencyOf(queries, baokuRun.ms);
    const baselines: BaselineResult[] = built.map((b, k) => {
      const run = runs[k + 1]!;
      const disagreements: BaselineResult['disagreements'] = [];
      run.totals.forEach((total, i) => {
        if (total !== null && total !== baokuTotals[i]) {
          disagreements.push({ query: queries[i]!.text, baoku: baokuTotals[i]!, baseline: total });
        }
      });
      return {
        name: b.engine.name,
        buildMs: b.buildMs,
        bytes: b.bytes,
        latency: latencyOf(queries, run.ms),
        disagreements,
      };
    });
    for (const { name, latency } of [{ name: 'baoku', latency: baokuLatency }, ...baselines]) {
      log(
        `${name}: ${latency.mixed.n} queries, p50 ${latency.mixed.p50.toFixed(2)} ms, p99 ${latency.mixed.p99.toFixed(2)} ms`,
      );
    }

    const engineChanged = (await engineFingerprint(REPO_ROOT)) !== engineAtStart;
    const result: BenchResult = {
      schema: 1,
      startedAt,
      durationMs: elapsedMs(),
      machine: describeMachine(REPO_ROOT, load.stop(), engineChanged),
      options: { ...options },
      corpus: {
        folders: real.folders,
        realReports: corpus.syntheticParagraphs > 0 ? realCounts.reports : reportCount,
        realParagraphs: corpus.syntheticParagraphs > 0 ? realCounts.paragraphs : paragraphs,
        syntheticReports: corpus.syntheticReports,
        syntheticParagraphs: corpus.syntheticParagraphs,
        reports: reportCount,
        paragraphs,
        characters,
        utf8Bytes,
        parseFailures: parsed.failures,
      },
      queries: { total: queries.length, perClass: countClasses(queries), warmup: warmup.length },
      recall,
      baoku: {
        workers,
        build,
        mbPerSecond: utf8Bytes / 1e6 / (build.totalMs / 1000),
        memoryBefore,
        memoryAfterBuild,
        save: {
          ms: saved.ms,
          bytes: saved.value.bytes,
          files: fileGroups(saved.value.manifest.files),
        },
        coldStart,
        cliSearchWallMs: cli.code === 0 ? cli.wallMs : null,
        latency: baokuLatency,
        relatedQueries,
        slowest: queries
          .map((q, i) => ({
            query: q.text,
            cls: q.cls,
            ms: baokuRun.ms[i]!,
            total: baokuTotals[i]!,
          }))
          .sort((a, b) => b.ms - a.ms)
          .slice(0, 25),
      },
      baselines,
      http,
      targets: [],
    };
    result.targets = checkTargets(result);
    await writeResults(result, options.quick);

    const wrong = baselines.find((b) => b.name === 'brute force')?.disagreements ?? [];
    if (wrong.length > 0) {
      const examples = wrong
        .slice(0, 5)
        .map((d) => `${JSON.stringify(d.query)} (baoku ${d.baoku}, scan ${d.baseline})`);
      console.error(
        `bench: baoku's exact totals differ from the brute-force scan on ${wrong.length} queries, ` +
          `e.g. ${examples.join(', ')}`,
      );
      return 1;
    }
    return 0;
  } finally {
    if (options.keep) log(`kept ${work}`);
    else await rm(work, { recursive: true, force: true });
  }
}

/** Builds an archive of a seeded sample of the real reports and runs baoku's recall checker on it. */
async function runRecall(
  realReports: readonly Report[],
  options: BenchOptions,
): Promise<BenchResult['recall']> {
  const size = Math.min(RECALL_PARAGRAPHS, options.paragraphs);
  const sample = sampleReports(realReports, size, options.seed + 7);
  const { archive } = await buildArchive(sample, {
    userDict: null,
    workers: availableParallelism(),
  });
  const report = checkRecall(sample, archive, options.recallSamples, options.seed);
  log(
    `recall: ${report.samples} terms over ${archive.paragraphCount} real paragraphs, ` +
      `${report.found}/${report.expected} paragraphs found, ${report.falsePositives} false positives`,
  );
  return { paragraphs: archive.paragraphCount, ...report };
}

/** Writes `<time>-<N>p.json` and `.md` (and latest.md, unless quick) and prints the Markdown. */
async function writeResults(result: BenchResult, quick: boolean): Promise<void> {
  const markdown = renderMarkdown(result);
  await mkdir(RESULTS_DIR, { recursive: true });
  const stem = `${result.startedAt.replace(/[:.]/g, '-')}-${result.corpus.paragraphs}p`;
  await writeFile(join(RESULTS_DIR, `${stem}.json`), `${JSON.stringify(result, null, 2)}\n`);
  await writeFile(join(RESULTS_DIR, `${stem}.md`), markdown);
  if (!quick) await writeFile(join(RESULTS_DIR, 'latest.md'), markdown);
  console.log(markdown);
  log(`wrote bench/results/${stem}.json and .md${quick ? '' : ' and bench/results/latest.md'}`);
}

/** Saved bytes grouped by what they hold (by file name, so that it follows the store's layout). */
function fileGroups(files: Record<string, { bytes: number }>): Record<string, number> {
  const groupOf = (name: string) => {
    if (/^(unigram|bigram)/.test(name)) return 'gram postings and frequencies';
    if (/^words?[/.-]/.test(name) && !name.startsWith('word-counts')) return 'word index';
    if (name.startsWith('text')) return 'texts';
    if (name.startsWith('norm')) return 'normalised texts';
    return 'metadata and the rest';
  };
  const groups: Record<string, number> = {};
  for (const [name, { bytes }] of Object.entries(files)) {
    groups[groupOf(name)] = (groups[groupOf(name)] ?? 0) + bytes;
  }
  return groups;
}
