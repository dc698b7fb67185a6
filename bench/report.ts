// A run rendered as a Markdown report: machine, corpus, targets, build, memory, latency, ratios, HTTP.
import { int, mb, ms, seconds, times } from './format.ts';
import { CLASS_LABELS, QUERY_CLASSES, type QueryClass } from './queries.ts';
import type { HttpRun } from './http.ts';
import type { BenchResult, EngineLatency } from './result.ts';
import type { LatencySummary } from './stats.ts';

function row(cells: (string | number)[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** p50, (p95,) p99; a baseline's p50 says how many queries it answered when its budget cut the class. */
function latencyCells(summary: LatencySummary | undefined, full: boolean, of?: number): string[] {
  if (!summary || summary.n === 0) return full ? ['–', '–', '–'] : ['–', '–'];
  const p50 =
    of !== undefined && summary.n < of ? `${ms(summary.p50)} (n=${summary.n})` : ms(summary.p50);
  return full ? [p50, ms(summary.p95), ms(summary.p99)] : [p50, ms(summary.p99)];
}

function ratio(a: number, b: number): string {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return '–';
  const r = a / b;
  return r < 0.01 ? r.toExponential(1) : r.toFixed(r < 1 ? 3 : 2);
}

/** The run as a Markdown report: machine, corpus, targets, build, memory, latency, ratios, HTTP. */
/**
 * Which engine a run measured: the commit, and the one that last changed the engine's files when
 * that is an earlier one, so that runs of one engine at different commits read as such.
 */
export function engineAt(git: BenchResult['machine']['git']): string {
  const commit = git.commit ?? 'unknown';
  const last =
    git.engineCommit !== null && git.engineCommit !== git.commit
      ? ` (its engine files last changed in ${git.engineCommit})`
      : '';
  const dirty = git.uncommitted ? ' with uncommitted changes in src/, views/ or bin/' : '';
  return `${commit}${last}${dirty}`;
}

export function renderMarkdown(result: BenchResult): string {
  const { machine, corpus, baoku } = result;
  const lines: string[] = [];
  const push = (...more: string[]) => lines.push(...more);
  const text = corpus.utf8Bytes;

  push(
    `# baoku benchmark: ${int(corpus.paragraphs)} paragraphs, ${int(result.queries.total)} queries`,
    '',
    `Run on ${result.startedAt.slice(0, 10)} (${result.startedAt}), ${(result.durationMs / 60000).toFixed(0)} min in all` +
      `${result.options.quick ? ' (--quick)' : ''}, seed ${result.options.seed}.`,
    '',
    `**Machine**: ${machine.cpu}, ${machine.cores} cores, ${(machine.memoryBytes / 2 ** 30).toFixed(1)} GiB RAM, ` +
      `Node ${machine.node}, ${machine.platform}, SQLite ${machine.sqlite ?? 'n/a'}. ` +
      `Analysis used ${baoku.workers} worker threads. ` +
      `Engine at commit ${engineAt(machine.git)}` +
      (machine.git.engineChangedDuringRun
        ? '; **the engine files changed during the run**, so child processes (cold start, server) may have run other code.'
        : '.'),
    '',
    `**Load**: 1-minute load average ${machine.load.mean.toFixed(1)} on average, ${machine.load.max.toFixed(1)} at most ` +
      `(this benchmark alone accounts for up to about ${machine.cores})` +
      (machine.load.mean > machine.cores + 0.5
        ? '; other work was running on the machine, so timings are pessimistic.'
        : '.'),
    '',
    `**Corpus**: ${int(corpus.realParagraphs)} real paragraphs (${int(corpus.realReports)} reports from ` +
      `${corpus.folders.join(', ')})` +
      (corpus.syntheticParagraphs > 0
        ? ` + ${int(corpus.syntheticParagraphs)} new paragraphs in ${int(corpus.syntheticReports)} reports, ` +
          'each 2–6 real sentences recombined (seeded), sources from the real reports, dates 2004–2024'
        : '') +
      `: ${int(corpus.paragraphs)} paragraphs, ${int(corpus.characters)} characters, ${mb(text)} MB of UTF-8 text` +
      ` (MB = 10⁶ bytes).${corpus.parseFailures > 0 ? ` ${corpus.parseFailures} records could not be parsed.` : ''}`,
    '',
    `**Queries**: ${QUERY_CLASSES.map((c) => `${result.queries.perClass[c]} ${c}`).join(', ')}; each run once ` +
      `on every engine in turn (so that load on the machine falls on all alike), after ${result.queries.warmup} ` +
      'different warm-up queries. Every engine does the same task: the exact total of paragraphs that ' +
      'literally contain every term (after normalisation) and the ranked top 20. baoku also builds snippets, ' +
      'facets and "related" matches, which the baselines do not.',
    '',
  );

  push('## Targets', '');
  if (corpus.paragraphs !== 1_000_000) {
    push(
      `The targets are stated for 1,000,000 paragraphs; this run has ${int(corpus.paragraphs)}.`,
      '',
    );
  }
  push(row(['target', 'measured', 'met']), row(['---', '---', '---']));
  for (const check of result.targets) {
    push(
      row([
        check.target,
        check.measured,
        check.met === null ? 'n/a' : check.met ? 'yes' : '**no**',
      ]),
    );
  }
  push('');

  push(
    '## Build and size',
    '',
    row(['engine', 'build', 'throughput', 'size', '× text']),
    row(['---', '---', '---', '---', '---']),
  );
  const b = baoku.build;
  push(
    row([
      'baoku',
      `${seconds(b.totalMs)} = parse ${seconds(b.parseMs)} + buildArchive ${seconds(b.buildMs)} ` +
        `(analysis ${seconds(b.analyzeMs)}, grams ${seconds(b.gramsMs)}, words ${seconds(b.wordsMs)}, ` +
        `answers ${seconds(b.answersMs)}` +
        `${b.analyzeMs + b.gramsMs + b.wordsMs > b.buildMs * 1.02 ? '; analysis and grams overlap' : ''})`,
      `${(text / 1e6 / (b.totalMs / 1000)).toFixed(2)} MB/s`,
      `${mb(baoku.save.bytes)} MB on disk (saved in ${seconds(baoku.save.ms)})`,
      times(baoku.save.bytes / text),
    ]),
  );
  for (const baseline of result.baselines) {
    push(
      row([
        baseline.name,
        `${seconds(baseline.buildMs)}${baseline.bytes === null ? ' (normalise every paragraph)' : ' (insert + optimize)'}`,
        `${(text / 1e6 / (baseline.buildMs / 1000)).toFixed(2)} MB/s`,
        baseline.bytes === null ? 'in memory' : `${mb(baseline.bytes)} MB on disk`,
        baseline.bytes === null ? '–' : times(baseline.bytes / text),
      ]),
    );
  }
  push(
    '',
    'baoku index on disk by part:',
    '',
    row(['part', 'MB', '× text']),
    row(['---', '---', '---']),
  );
  for (const [part, bytes] of Object.entries(baoku.save.files).sort((x, y) => y[1] - x[1])) {
    push(row([part, mb(bytes), times(bytes / text)]));
  }
  push('');

  const before = baoku.memoryBefore;
  const after = baoku.memoryAfterBuild;
  push(
    '## Memory (baoku, after the build, after a full gc)',
    '',
    row(['', 'MB', '× text']),
    row(['---', '---', '---']),
    row(['JS heap used', mb(after.heapUsed), times(after.heapUsed / text)]),
    row([
      'array buffers (typed-array postings)',
      mb(after.arrayBuffers),
      times(after.arrayBuffers / text),
    ]),
    row([
      'heap + array buffers',
      mb(after.heapUsed + after.arrayBuffers),
      times((after.heapUsed + after.arrayBuffers) / text),
    ]),
    row(['… of which before the corpus was read', mb(before.heapUsed + before.arrayBuffers), '–']),
    row(['RSS', mb(after.rss), times(after.rss / text)]),
    row([
      'peak RSS (reading, recombining, parsing and building)',
      mb(after.peakRss),
      times(after.peakRss / text),
    ]),
    '',
  );

  push('## Cold start (fresh process: node + tsx + modules, loadArchive, first search)', '');
  if (baoku.coldStart.length === 0) {
    push('The cold-start process failed; see the log.', '');
  } else {
    push(
      row([
        'run',
        'start + imports',
        'loadArchive',
        'first search',
        'total',
        'heap + array buffers after',
        'peak RSS',
      ]),
      row(['---', '---', '---', '---', '---', '---', '---']),
    );
    baoku.coldStart.forEach((c, i) => {
      push(
        row([
          i + 1,
          seconds(c.importMs),
          seconds(c.loadMs),
          `${ms(c.firstSearchMs)} ms`,
          seconds(c.totalMs),
          `${mb(c.heapUsed + c.arrayBuffers)} MB`,
          `${mb(c.peakRss)} MB`,
        ]),
      );
    });
    push('');
  }
  if (baoku.cliSearchWallMs !== null) {
    push(`\`baoku search 疫情 --index …\` (spawn to exit): ${seconds(baoku.cliSearchWallMs)}.`, '');
  }

  push('## Query latency (ms): ranked top 20 + exact total', '');
  if (result.baselines.some((x) => x.latency.mixed.n < baoku.latency.mixed.n)) {
    push(
      `A baseline stops a class once it has spent ${result.options.baselineBudget} s on it (after at least ` +
        `${result.options.baselineMin} queries); "(n=…)" says how many of the class it answered. The classes are interleaved at ` +
        'random, so those are a fair sample.',
      '',
    );
  }
  push(
    row([
      'class',
      'n',
      'baoku p50',
      'p95',
      'p99',
      ...result.baselines.flatMap((x) => [`${x.name} p50`, 'p99']),
    ]),
    row(['---', ...Array<string>(4 + 2 * result.baselines.length).fill('---:')]),
  );
  const classRow = (label: string, pick: (l: EngineLatency) => LatencySummary) =>
    row([
      label,
      pick(baoku.latency).n,
      ...latencyCells(pick(baoku.latency), true),
      ...result.baselines.flatMap((x) =>
        latencyCells(pick(x.latency), false, pick(baoku.latency).n),
      ),
    ]);
  push(classRow('**mixed**', (l) => l.mixed));
  for (const cls of QUERY_CLASSES)
    push(classRow(`${cls}: ${CLASS_LABELS[cls]}`, (l) => l.perClass[cls]));
  push('');

  if (result.baselines.length > 0) {
    push(
      '## baoku ÷ baseline latency (below 1: baoku is faster)',
      '',
      row(['class', ...result.baselines.flatMap((x) => [`÷ ${x.name} p50`, 'p99'])]),
      row(['---', ...Array<string>(2 * result.baselines.length).fill('---:')]),
    );
    const ratioRow = (label: string, pick: (l: EngineLatency) => LatencySummary) =>
      row([
        label,
        ...result.baselines.flatMap((x) => [
          ratio(pick(baoku.latency).p50, pick(x.latency).p50),
          ratio(pick(baoku.latency).p99, pick(x.latency).p99),
        ]),
      ]);
    push(ratioRow('**mixed**', (l) => l.mixed));
    for (const cls of QUERY_CLASSES) push(ratioRow(cls, (l) => l.perClass[cls as QueryClass]));
    push('');
  }

  push('## HTTP (`baoku serve`, autocannon, 10 connections, 127.0.0.1)', '');
  if (result.http === null) {
    push('Skipped (--skip-http).', '');
  } else if (result.http.skipped) {
    push(`Skipped: ${result.http.skipped}.`, '');
  } else {
    const processes = result.http.processes ?? 1;
    push(
      `\`baoku serve --processes ${processes}\` ready ${seconds(result.http.startupMs ?? NaN)} after spawn; ` +
        `${result.options.httpSeconds} s per route, cycling through the query set. ` +
        `Server RSS after the runs ${mb(result.http.serverRss ?? NaN)} MB ` +
        `(peak ${mb(result.http.serverPeakRss ?? NaN)} MB), summed over the server process and its children. ` +
        "autocannon runs in the benchmark's process and shares the machine's cores with the server: " +
        'the CPU time per request of each (user + system) bounds the searches per second at ' +
        `${result.machine.cores} × 1,000 ms divided by their sum.`,
      '',
      row([
        'route',
        'processes',
        'searches/s',
        'p50 ms',
        'p90 ms',
        'p99 ms',
        'max ms',
        'requests',
        'errors',
        'timeouts',
        'non-2xx',
        'server CPU ms/request',
        'autocannon CPU ms/request',
        'bound, searches/s',
      ]),
      row(['---', ...Array<string>(13).fill('---:')]),
    );
    for (const run of result.http.runs) {
      push(
        row([
          run.route,
          processes,
          int(run.requestsPerSecond),
          ms(run.latency.p50),
          ms(run.latency.p90),
          ms(run.latency.p99),
          ms(run.latency.max),
          int(run.requests),
          run.errors,
          run.timeouts,
          run.non2xx,
          ms(run.serverCpuMsPerRequest ?? NaN),
          ms(run.loadCpuMsPerRequest ?? NaN),
          cpuBound(result.machine.cores, run),
        ]),
      );
    }
    push('');
  }

  const recall = result.recall;
  push(
    '## Correctness',
    '',
    `- check-recall on ${int(recall.paragraphs)} real paragraphs, ${int(recall.samples)} sampled terms: ` +
      `${int(recall.found)}/${int(recall.expected)} paragraphs found, ${recall.missed.length} terms missed, ` +
      `${recall.falsePositives} false positives.`,
  );
  for (const baseline of result.baselines) {
    push(
      `- ${baseline.name}: exact totals equal to baoku's on ` +
        `${int(baseline.latency.mixed.n - baseline.disagreements.length)} of the ` +
        `${int(baseline.latency.mixed.n)} queries it answered.`,
    );
  }
  push(
    `- ${int(baoku.relatedQueries)} queries also had "related" hits (all jieba words, not contiguous); ` +
      'they are not counted in the compared totals.',
    '',
  );
  return `${lines.join('\n')}\n`;
}

/** The searches per second that the cores allow at a run's CPU time per request, or a dash. */
function cpuBound(cores: number, run: HttpRun): string {
  const perRequest = (run.serverCpuMsPerRequest ?? NaN) + (run.loadCpuMsPerRequest ?? NaN);
  return Number.isFinite(perRequest) && perRequest > 0 ? int((cores * 1000) / perRequest) : '–';
}
