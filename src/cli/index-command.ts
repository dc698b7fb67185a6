// `baoku index`: builds the index with a progress line on a terminal, then one summary line.
import type { Config } from '../config.ts';
import { indexCorpus } from '../index/indexer.ts';
import { formatBytes } from './format.ts';

/** Runs an index build; resolves to the exit code. */
export async function runIndex(
  config: Config,
  options: { force: boolean; strict: boolean },
): Promise<number> {
  const tty = process.stderr.isTTY === true;
  let lastDraw = 0;
  const outcome = await indexCorpus({
    corpusDir: config.corpusDir,
    indexDir: config.indexDir,
    force: options.force,
    workers: config.workers,
    onProgress: (done, total) => {
      if (!tty) return;
      const now = Date.now();
      if (now - lastDraw < 100 && done < total) return;
      lastDraw = now;
      const width = 30;
      const filled = Math.round((done / Math.max(1, total)) * width);
      process.stderr.write(
        `\r分析段落 [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done.toLocaleString('en')}/${total.toLocaleString('en')}`,
      );
    },
  });
  if (tty && outcome.built) process.stderr.write('\n');
  for (const failure of outcome.failures)
    console.error(`baoku: cannot read ${failure.file}: ${failure.reason}`);

  const summary = [
    `${outcome.reports.toLocaleString('en')} reports`,
    `${outcome.paragraphs.toLocaleString('en')} paragraphs`,
    `${outcome.characters.toLocaleString('en')} characters`,
    `${(outcome.timings.totalMs / 1000).toFixed(1)} s`,
    `index ${formatBytes(outcome.bytes)}`,
    `${outcome.failures.length} failures`,
  ].join(', ');
  if (outcome.built) {
    console.log(`baoku index: built ${config.indexDir}: ${summary}`);
  } else {
    console.log(
      `baoku index: ${config.indexDir} is up to date (corpus and dictionary unchanged; --force rebuilds): ${summary}`,
    );
  }
  return options.strict && outcome.failures.length > 0 ? 1 : 0;
}
