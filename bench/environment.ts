// What the run was measured on: the machine, the engine's commit and whether its files changed.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { availableParallelism, cpus, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { BenchResult } from './result.ts';

/**
 * A hash of the engine's files (src/, views/, bin/). Child processes (cold start, the server) load
 * them later than this process does, so a change during the run means they measured other code.
 */
export async function engineFingerprint(repoRoot: string): Promise<string> {
  const hash = createHash('sha256');
  for (const dir of ['src', 'views', 'bin']) {
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

/** The commit the engine was measured at, and whether src/ had uncommitted changes (read-only git). */
function gitState(repoRoot: string): { commit: string | null; srcChanged: boolean | null } {
  const git = (args: string[]) =>
    spawnSync('git', ['--no-optional-locks', ...args], { cwd: repoRoot, encoding: 'utf8' });
  const head = git(['rev-parse', '--short', 'HEAD']);
  const status = git(['status', '--porcelain', '--', 'src']);
  return {
    commit: head.status === 0 ? head.stdout.trim() : null,
    srcChanged: status.status === 0 ? status.stdout.trim() !== '' : null,
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
