// What the run was measured on: the machine, the engine's commit and whether its files changed.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { availableParallelism, cpus, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { BenchResult } from './result.ts';

/** The folders that hold the engine: what a search, the server and the command line run. */
const ENGINE_DIRS = ['src', 'views', 'bin'] as const;

/**
 * A hash of the engine's files (src/, views/, bin/). Child processes (cold start, the server) load
 * them later than this process does, so a change during the run means they measured other code.
 */
export async function engineFingerprint(repoRoot: string): Promise<string> {
  const hash = createHash('sha256');
  for (const dir of ENGINE_DIRS) {
    const entries = await readdir(join(repoRoot, dir), { recursive: true, withFileTypes: true });
    const files = entries
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name))
      .sort();
    for (const file of files)
      hash
        .update(`${file}\0`)
        .update(await readFile(file))
        .update('\0');
  }
  return hash.digest('hex');
}

/**
 * The commit measured, the last commit that changed the engine's files (a run at a later commit
 * that changed only tests or documents measured that engine), and whether those files had
 * uncommitted changes (read-only git).
 */
function gitState(repoRoot: string): Omit<BenchResult['machine']['git'], 'engineChangedDuringRun'> {
  const git = (args: string[]) =>
    spawnSync('git', ['--no-optional-locks', ...args], { cwd: repoRoot, encoding: 'utf8' });
  const head = git(['rev-parse', '--short', 'HEAD']);
  const engine = git(['log', '-1', '--format=%h', '--', ...ENGINE_DIRS]);
  const status = git(['status', '--porcelain', '--', ...ENGINE_DIRS]);
  return {
    commit: head.status === 0 ? head.stdout.trim() : null,
    engineCommit: engine.status === 0 && engine.stdout.trim() !== '' ? engine.stdout.trim() : null,
    uncommitted: status.status === 0 ? status.stdout.trim() !== '' : null,
  };
}

function sqliteVersion(): string | null {
  try {
    const db = new Database(':memory:');
    const row = db.prepare<{ v: string }>('SELECT sqlite_version() AS v').get();
    db.close();
    return row?.v ?? null;
  } catch {
    return null;
  }
}

/** Describes the machine and the engine's state at the end of a run. */
export function describeMachine(
  repoRoot: string,
  load: BenchResult['machine']['load'],
  engineChangedDuringRun: boolean,
): BenchResult['machine'] {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: availableParallelism(),
    memoryBytes: totalmem(),
    node: process.version,
    platform: `${platform()} ${release()}`,
    sqlite: sqliteVersion(),
    load,
    git: { ...gitState(repoRoot), engineChangedDuringRun },
  };
}
