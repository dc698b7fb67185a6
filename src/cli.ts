// The command line: baoku index | search | serve | check-recall.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { BaokuError, UsageError } from './errors.ts';
import { readConfig } from './config.ts';

interface Command {
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run: (
    values: Record<string, string | boolean | undefined>,
    positionals: string[],
  ) => Promise<number>;
}

const help = { help: { type: 'boolean', short: 'h' } } as const;

const commands: Record<string, Command> = {
  index: {
    summary: 'build the index of a corpus folder',
    usage: `baoku index [corpusDir] [--out dir] [--force] [--strict] [--workers n]

  corpusDir     the corpus folder (default: corpus, or $BAOKU_CORPUS)
  --out dir     where the index is saved (default: index, or $BAOKU_INDEX)
  --force       rebuild even when the corpus and dictionary are unchanged
  --strict      exit 1 when any corpus file could not be read
  --workers n   segmentation worker threads (default: cores, at most 4; 0 = none)`,
    options: {
      ...help,
      out: { type: 'string' },
      force: { type: 'boolean' },
      strict: { type: 'boolean' },
      workers: { type: 'string' },
    },
    run: async (values, positionals) => {
      if (positionals.length > 1)
        throw new UsageError('baoku index takes at most one corpus folder');
      const config = readConfig({
        corpusDir: positionals[0],
        indexDir: values.out,
        workers: values.workers,
      });
      const { runIndex } = await import('./cli/index-command.ts');
      return runIndex(config, { force: values.force === true, strict: values.strict === true });
    },
  },
  search: {
    summary: 'search the index from the terminal',
    usage: `baoku search "<query>" [--index dir] [--limit n] [--offset n] [--sort relevance|date] [--json]

  --index dir   the index folder (default: index, or $BAOKU_INDEX)
  --limit n     hits to show, 1-100 (default 20)
  --offset n    hits to skip (default 0)
  --sort s      relevance (default) or date (newest first)
  --json        print the result as JSON

Query syntax: 防控 湖北 (all), "支援湖北医疗队" (phrase), -孝感 (exclude), 武汉 OR 孝感,
source:央视, from:2020-01-01, to:2020-03-31, pinyin such as qijiang.`,
    options: {
      ...help,
      index: { type: 'string' },
      limit: { type: 'string' },
      offset: { type: 'string' },
      sort: { type: 'string' },
      json: { type: 'boolean' },
    },
    run: async (values, positionals) => {
      if (positionals.length === 0)
        throw new UsageError('baoku search needs a query, e.g. baoku search "防控 湖北"');
      const config = readConfig({ indexDir: values.index });
      const { runSearch } = await import('./cli/search-command.ts');
      return runSearch(config, positionals.join(' '), {
        limit: readCount('--limit', values.limit, 20, 1, 100),
        offset: readCount('--offset', values.offset, 0, 0, 1_000_000_000),
        sort: readSort(values.sort),
        json: values.json === true,
      });
    },
  },
  serve: {
    summary: 'serve the archive in the browser',
    usage: `baoku serve [--index dir] [--corpus dir] [--port 3000] [--host 127.0.0.1] [--processes 1] [--build-if-needed] [--log-queries]

  --index dir         the index folder (default: index, or $BAOKU_INDEX)
  --corpus dir        the corpus folder, for --build-if-needed (default: corpus)
  --port n            port (default 3000, or $PORT)
  --host h            address to listen on (default 127.0.0.1, or $HOST)
  --processes n       processes answering on the port, 1-64 (default 1, or $BAOKU_PROCESSES);
                      each loads the whole index, so memory is n times that of one process
  --build-if-needed   build the index first when it is missing or older than the corpus
  --log-queries       write search queries to the request log (off by default)`,
    options: {
      ...help,
      index: { type: 'string' },
      corpus: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      processes: { type: 'string' },
      'build-if-needed': { type: 'boolean' },
      'log-queries': { type: 'boolean' },
    },
    run: async (values, positionals) => {
      if (positionals.length > 0)
        throw new UsageError(`baoku serve takes no arguments (got ${positionals.join(' ')})`);
      const config = readConfig({
        indexDir: values.index,
        corpusDir: values.corpus,
        port: values.port,
        host: values.host,
        processes: values.processes,
        logQueries: values['log-queries'] === true,
      });
      const { runServe } = await import('./cli/serve-command.ts');
      return runServe(config, { buildIfNeeded: values['build-if-needed'] === true });
    },
  },
  'check-recall': {
    summary: 'measure recall against a plain substring scan on JSON Lines corpora',
    usage: `baoku check-recall <docs.jsonl...> [--samples 1000] [--seed 1]

Samples literal substrings (1-8 characters, inside and across jieba words) from the files,
searches each with baoku and with a plain substring scan, and prints recall and precision.
Exits 1 when any paragraph is missed.`,
    options: {
      ...help,
      samples: { type: 'string' },
      seed: { type: 'string' },
      workers: { type: 'string' },
    },
    run: async (values, positionals) => {
      if (positionals.length === 0)
        throw new UsageError('baoku check-recall needs at least one .jsonl file');
      const config = readConfig({ workers: values.workers });
      const { runCheckRecall } = await import('./cli/recall-command.ts');
      return runCheckRecall(config, positionals, {
        samples: readCount('--samples', values.samples, 1000, 1, 1_000_000),
        seed: readCount('--seed', values.seed, 1, 0, 2 ** 31),
      });
    },
  },
};

function readCount(
  flag: string,
  value: string | boolean | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value) || n < min || n > max) {
    throw new UsageError(
      `baoku: ${flag} must be a whole number from ${min} to ${max} (got ${JSON.stringify(value)})`,
    );
  }
  return n;
}

function readSort(value: string | boolean | undefined): 'relevance' | 'date' {
  if (value === undefined || value === 'relevance') return 'relevance';
  if (value === 'date') return 'date';
  throw new UsageError(`baoku: --sort must be relevance or date (got ${JSON.stringify(value)})`);
}

function overview(): string {
  const lines = Object.entries(commands).map(
    ([name, command]) => `  ${name.padEnd(13)} ${command.summary}`,
  );
  return `baoku — 报库, a searchable archive of Chinese news reports

Usage: baoku <command> [options]   (baoku <command> --help for details)

${lines.join('\n')}`;
}

/**
 * Moves query words that look like options (`-孝感`, an exclusion) behind `--`, so that
 * `baoku search 疫情防控 -孝感` works unquoted. Flags are ASCII (`--limit`, `-h`); anything else
 * that starts with `-` is query text.
 */
function separateQueryWords(args: string[], options: Command['options']): string[] {
  const flags: string[] = [];
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      words.push(...args.slice(i + 1));
      break;
    }
    if (/^--?[A-Za-z]/.test(arg)) {
      flags.push(arg);
      const name = arg.replace(/^--?/, '').split('=')[0]!;
      const option = options[name] ?? Object.values(options).find((o) => o.short === name);
      if (option?.type === 'string' && !arg.includes('=') && i + 1 < args.length)
        flags.push(args[++i]!);
    } else {
      words.push(arg);
    }
  }
  return [...flags, '--', ...words];
}

/** Runs the CLI with `argv` (without node and the script); resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(overview());
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (!command) {
    console.error(`baoku: unknown command ${JSON.stringify(name)}\n\n${overview()}`);
    return 2;
  }
  let parsed;
  try {
    const args = name === 'search' ? separateQueryWords(rest, command.options) : rest;
    parsed = parseArgs({ args, options: command.options, allowPositionals: true, strict: true });
  } catch (error) {
    console.error(`baoku ${name}: ${(error as Error).message}\n\nUsage: ${command.usage}`);
    return 2;
  }
  if (parsed.values.help) {
    console.log(`Usage: ${command.usage}`);
    return 0;
  }
  try {
    return await command.run(
      parsed.values as Record<string, string | boolean | undefined>,
      parsed.positionals,
    );
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\nUsage: ${command.usage}`);
      return 2;
    }
    if (error instanceof BaokuError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}
