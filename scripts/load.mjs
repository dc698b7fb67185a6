#!/usr/bin/env node
// `npm run load`: indexes the shared corpora, serves them, and measures `baoku serve` under load:
// 60 s at saturation, then a soak that samples the server's memory. Prints a Markdown summary.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { createServer } from 'node:net';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { register } from 'tsx/esm/api';

// The request mix uses baoku's own seeded generator, loaded from the TypeScript sources.
register();
const { seededRandom } = await import('../src/random.ts');

const REPO = fileURLToPath(new URL('..', import.meta.url));
const CORPORA = join(REPO, '..', 'shared', 'corpora');
/** Folders of the shared corpora that are not news reports. */
const NOT_REPORTS = new Set(['sighan2005']);
/** RSS may grow by this much from the end of the warm-up to the end of the soak. */
const MAX_RSS_GROWTH = 0.1;
const SAMPLE_EVERY_MS = 10_000;

const USAGE = `Usage: npm run load -- [--duration 60] [--soak-minutes 10] [--connections 16] [--keep]

  --duration s       seconds at saturation (default 60)
  --soak-minutes m   minutes of soak with memory sampling (default 10; 0 skips it)
  --connections n    concurrent connections (default 16)
  --keep             keep the temporary corpus and index folder`;

function readOptions() {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '60' },
      'soak-minutes': { type: 'string', default: '10' },
      connections: { type: 'string', default: '16' },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const number = (name, min, max) => {
    const n = Number(values[name]);
    if (!/^\d+(?:\.\d+)?$/.test(values[name]) || n < min || n > max) {
      console.error(
        `load: --${name} must be a number from ${min} to ${max} (got ${values[name]})\n\n${USAGE}`,
      );
      process.exit(2);
    }
    return n;
  };
  return Object.freeze({
    durationS: number('duration', 1, 3600),
    soakMinutes: number('soak-minutes', 0, 240),
    connections: number('connections', 1, 1000),
    keep: values.keep,
  });
}

/** Query terms common in the corpora (news, 2017–2023), combined into many distinct queries. */
const WORDS = [
  '疫情',
  '防控',
  '经济',
  '武汉',
  '湖北',
  '口罩',
  '疫苗',
  '改革',
  '脱贫攻坚',
  '一带一路',
  '医疗队',
  '复工复产',
  '春运',
  '会议',
  '发展',
  '记者',
  '香港',
  '农业',
  '科技',
  '教育',
];
/** Fixed queries that use every part of the query language. */
const QUERIES = [
  '疫情防控',
  '"人类命运共同体"',
  '武汉 OR 湖北',
  '疫情 -武汉',
  'source:新闻联播 经济',
  'source:人民日报 疫情',
  'from:2020-01 to:2020-03 口罩',
  'yiqing',
  '新',
  '不存在的组合词汇甲乙丙',
  '习近平 主持',
  '全面建成小康社会',
];

/** The next request of the mix: JSON API or the htmx fragment, a fixed or a combined query. */
function requestMaker(seed) {
  const random = seededRandom(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  return (request) => {
    const q = random() < 0.4 ? pick(QUERIES) : `${pick(WORDS)} ${pick(WORDS)}`;
    const page = random() < 0.8 ? 1 : 2 + Math.floor(random() * 3);
    const sort = random() < 0.2 ? '&sort=date' : '';
    if (random() < 0.5) {
      const offset = (page - 1) * 20;
      return {
        ...request,
        method: 'GET',
        path: `/api/search?q=${encodeURIComponent(q)}&offset=${offset}${sort}`,
        headers: {},
      };
    }
    return {
      ...request,
      method: 'GET',
      path: `/search?q=${encodeURIComponent(q)}&page=${page}${sort}`,
      headers: { 'HX-Request': 'true' },
    };
  };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

function run(args, label) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [join(REPO, 'bin', 'baoku.mjs'), ...args], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.once('error', reject);
    child.once('close', (code) => {
      if (code === 0) resolve({ stdout, seconds: (performance.now() - started) / 1000 });
      else reject(new Error(`${label} exited with ${code}\n${stdout}`));
    });
  });
}

async function rssKiB(pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(status);
  if (!match) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(match[1]);
}

async function startServer(indexDir) {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    [
      join(REPO, 'bin', 'baoku.mjs'),
      'serve',
      '--index',
      indexDir,
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
    ],
    { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal })),
  );
  const started = performance.now();
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`baoku serve exited with ${child.exitCode}:\n${stderr}`);
    try {
      const response = await fetch(`${origin}/healthz`);
      if (response.ok) {
        return {
          origin,
          pid: child.pid,
          health: await response.json(),
          startSeconds: (performance.now() - started) / 1000,
          stop: async () => {
            child.kill('SIGTERM');
            return exited;
          },
        };
      }
    } catch {
      // Not listening yet.
    }
    if (performance.now() - started > 300_000)
      throw new Error(`baoku serve did not start:\n${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function cannon(origin, { seconds, connections, seed }) {
  return autocannon({
    url: origin,
    connections,
    duration: seconds,
    timeout: 10,
    requests: [{ setupRequest: requestMaker(seed) }],
  });
}

const fmt = (n, digits = 0) =>
  n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const mib = (kib) => `${fmt(kib / 1024, 1)} MiB`;

function resultRow(label, result) {
  const statuses = Object.entries(result.statusCodeStats)
    .map(([code, { count }]) => `${code}: ${fmt(Number(count))}`)
    .join(', ');
  return `| ${label} | ${fmt(result.duration, 0)} s | ${fmt(result.requests.total)} | ${fmt(result.requests.average, 1)} | ${fmt(result.latency.p50, 1)} ms | ${fmt(result.latency.p99, 1)} ms | ${fmt(result.latency.max, 1)} ms | ${result.errors} | ${result.timeouts} | ${result.non2xx} | ${statuses} |`;
}

async function main() {
  const options = readOptions();
  if (!existsSync(CORPORA)) {
    console.log(
      `load: skipped: the shared corpora are not at ${join('..', 'shared', 'corpora')} (relative to the repository).`,
    );
    return 0;
  }
  const sources = readdirSync(CORPORA, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !NOT_REPORTS.has(entry.name))
    .map((entry) => entry.name)
    .filter((name) => existsSync(join(CORPORA, name, 'docs.jsonl')))
    .sort();
  if (sources.length === 0) {
    console.log('load: skipped: no docs.jsonl in the shared corpora.');
    return 0;
  }

  const root = await mkdtemp(join(tmpdir(), 'baoku-load-'));
  const corpusDir = join(root, 'corpus');
  const indexDir = join(root, 'index');
  await mkdir(corpusDir);
  for (const name of sources)
    await symlink(join(CORPORA, name, 'docs.jsonl'), join(corpusDir, `${name}.jsonl`));

  let server;
  let failed = false;
  try {
    console.error(`load: indexing ${sources.join(', ')}…`);
    const loadBefore = os.loadavg();
    const built = await run(['index', corpusDir, '--out', indexDir, '--force'], 'baoku index');
    server = await startServer(indexDir);
    const { health, startSeconds } = server;
    console.error(
      `load: serving at ${server.origin} (pid ${server.pid}); ${options.durationS} s at saturation…`,
    );
    const rssStart = await rssKiB(server.pid);
    const saturation = await cannon(server.origin, {
      seconds: options.durationS,
      connections: options.connections,
      seed: 1,
    });
    const rssAfterSaturation = await rssKiB(server.pid);

    const samples = [];
    let soak = null;
    if (options.soakMinutes > 0) {
      console.error(
        `load: soak of ${options.soakMinutes} min, RSS every ${SAMPLE_EVERY_MS / 1000} s…`,
      );
      const started = performance.now();
      const pid = server.pid;
      const sample = async () =>
        samples.push({ atS: (performance.now() - started) / 1000, kib: await rssKiB(pid) });
      await sample();
      const running = cannon(server.origin, {
        seconds: options.soakMinutes * 60,
        connections: options.connections,
        seed: 2,
      });
      const sampler = setInterval(() => void sample().catch(() => {}), SAMPLE_EVERY_MS);
      soak = await running;
      clearInterval(sampler);
      await sample();
    }
    const stopped = await server.stop();
    server = null;

    // The warm-up is the saturation run and the first fifth of the soak (at least 10 s): the
    // first full collections of a fresh heap come in it. Growth compares the mean of the two
    // samples after it with the mean of the last two.
    let growth = null;
    const warmUpS = Math.max(10, (options.soakMinutes * 60) / 5);
    const afterWarmUp = samples.filter((s) => s.atS >= warmUpS - 1);
    if (afterWarmUp.length >= 4) {
      const mean = (list) => list.reduce((sum, s) => sum + s.kib, 0) / list.length;
      const base = mean(afterWarmUp.slice(0, 2));
      const end = mean(afterWarmUp.slice(-2));
      const peak = Math.max(...afterWarmUp.map((s) => s.kib));
      growth = { base, end, peak, ratio: end / base - 1 };
    }
    const runs = soak ? [saturation, soak] : [saturation];
    const troubles = runs.reduce((sum, r) => sum + r.errors + r.timeouts + r.non2xx, 0);
    const rssFailed = growth !== null && growth.ratio > MAX_RSS_GROWTH;
    failed = troubles > 0 || rssFailed || stopped.code !== 0;

    const lines = [
      '# baoku load test',
      '',
      `- corpus: ${sources.map((name) => `\`${name}\``).join(', ')} — ${fmt(health.reports)} reports, ${fmt(health.paragraphs)} paragraphs`,
      `- index build (\`baoku index --force\`, default workers): ${fmt(built.seconds, 1)} s; server answering in ${fmt(startSeconds, 1)} s`,
      `- ${options.connections} connections on 127.0.0.1; mix: half \`/api/search?q=…\`, half \`/search?q=…\` with \`HX-Request: true\`; ${QUERIES.length} fixed queries and pairs of ${WORDS.length} words; 20% page 2–4, 20% sorted by date`,
      `- node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), load average before: ${loadBefore.map((n) => n.toFixed(2)).join(' ')}`,
      '',
      '| run | time | requests | req/s | p50 | p99 | max | errors | timeouts | non-2xx | status codes |',
      '|---|---|---|---|---|---|---|---|---|---|---|',
      resultRow('saturation', saturation),
      ...(soak ? [resultRow(`soak (${options.soakMinutes} min)`, soak)] : []),
      '',
      `Server RSS: ${mib(rssStart)} after start, ${mib(rssAfterSaturation)} after the saturation run.`,
    ];
    if (samples.length > 0) {
      // A long soak is shown a sample a minute (all samples count for the growth).
      const shown = samples.filter(
        (s, i) => samples.length <= 13 || i === samples.length - 1 || Math.round(s.atS) % 60 === 0,
      );
      lines.push(
        '',
        '| soak time | RSS |',
        '|---|---|',
        ...shown.map((s) => `| ${fmt(s.atS, 0)} s | ${mib(s.kib)} |`),
      );
    }
    if (growth) {
      lines.push(
        '',
        `RSS growth after the warm-up (${fmt(warmUpS, 0)} s): ${mib(growth.base)} → ${mib(growth.end)} ` +
          `(${growth.ratio >= 0 ? '+' : ''}${fmt(growth.ratio * 100, 1)}%; limit +${MAX_RSS_GROWTH * 100}%; ` +
          `peak ${mib(growth.peak)}) — ${rssFailed ? '**FAIL**' : 'ok'}`,
      );
    }
    lines.push(
      '',
      `Errors, timeouts and non-2xx answers: ${troubles} — ${troubles > 0 ? '**FAIL**' : 'ok'}. ` +
        `SIGTERM: exit ${stopped.code ?? stopped.signal} — ${stopped.code === 0 ? 'ok' : '**FAIL**'}.`,
    );
    console.log(lines.join('\n'));
  } finally {
    if (server) await server.stop();
    if (!options.keep) await rm(root, { recursive: true, force: true });
    else console.error(`load: kept ${root}`);
  }
  return failed ? 1 : 0;
}

process.exitCode = await main();
