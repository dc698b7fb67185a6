#!/usr/bin/env node
// Entry point of `npm run bench`: makes sure gc is exposed, then runs bench/main.ts through tsx.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const [first, ...rest] = process.argv.slice(2);

if (first === 'cold-start') {
  // A fresh process for the cold-start measurement (started by main.ts with --expose-gc).
  register();
  const { runColdStart } = await import('./cold-start.ts');
  process.exitCode = await runColdStart(rest);
} else if (typeof globalThis.gc !== 'function') {
  // Memory is measured after a full collection, which needs --expose-gc; the 1M-paragraph run
  // also holds the corpus, the archive and the baselines at once, more than the default heap.
  const child = spawnSync(
    process.execPath,
    [
      '--expose-gc',
      '--max-old-space-size=16384',
      fileURLToPath(import.meta.url),
      ...process.argv.slice(2),
    ],
    { stdio: 'inherit' },
  );
  process.exitCode = child.status ?? 1;
} else {
  register();
  const { main } = await import('./main.ts');
  process.exitCode = await main(process.argv.slice(2));
}
