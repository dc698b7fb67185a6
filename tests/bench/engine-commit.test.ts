// The benchmark names the engine it measured: the commit, and the last one to change the engine.
import { execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeMachine } from '../../bench/environment.ts';
import { engineAt } from '../../bench/report.ts';

const load = { mean: 1, max: 1, samples: 1 };
/** Whoever runs the tests may have no git identity or default branch configured. */
const IDENTITY = [
  '-c',
  'user.name=t',
  '-c',
  'user.email=t@example.org',
  '-c',
  'init.defaultBranch=main',
];

describe('the engine a run measured', () => {
  let repo: string | null = null;
  afterEach(async () => {
    if (repo !== null) await rm(repo, { recursive: true, force: true });
    repo = null;
  });

  /** A git repository where `steps` each write files and commit them; returns the short hashes. */
  async function history(steps: Record<string, string>[]): Promise<string[]> {
    repo = await mkdtemp(join(tmpdir(), 'baoku-bench-git-'));
    const git = (...args: string[]) =>
      execFileSync('git', [...IDENTITY, ...args], {
        cwd: repo!,
        encoding: 'utf8',
      }).trim();
    git('init', '-q');
    const commits: string[] = [];
    for (const [i, files] of steps.entries()) {
      for (const [path, text] of Object.entries(files)) {
        await mkdir(join(repo, path, '..'), { recursive: true });
        await writeFile(join(repo, path), text);
      }
      git('add', '-A');
      git('commit', '-q', '-m', `step ${i}`);
      commits.push(git('rev-parse', '--short', 'HEAD'));
    }
    return commits;
  }

  it('is the last commit that changed src/, views/ or bin/, not a later one of tests or documents', async () => {
    const [, engine, docs] = await history([
      { 'src/a.ts': '1', 'README.md': 'a' },
      { 'views/V.tsx': '2' },
      { 'README.md': 'b', 'tests/a.test.ts': 'c' },
    ]);
    const { git } = describeMachine(repo!, load, false);
    expect(git).toEqual({
      commit: docs,
      engineCommit: engine,
      uncommitted: false,
      engineChangedDuringRun: false,
    });
    expect(engineAt(git)).toBe(`${docs} (its engine files last changed in ${engine})`);
  });

  it('is the commit itself when that commit changed the engine', async () => {
    const [, head] = await history([{ 'src/a.ts': '1' }, { 'bin/b.mjs': '2' }]);
    const { git } = describeMachine(repo!, load, false);
    expect(git.engineCommit).toBe(head);
    expect(engineAt(git)).toBe(head);
  });

  it('says when the engine files had uncommitted changes', async () => {
    const [head] = await history([{ 'src/a.ts': '1', 'views/V.tsx': '1' }]);
    await writeFile(join(repo!, 'views', 'V.tsx'), '2');
    const { git } = describeMachine(repo!, load, false);
    expect(git.uncommitted).toBe(true);
    expect(engineAt(git)).toBe(`${head} with uncommitted changes in src/, views/ or bin/`);
  });

  it('is unknown outside a git repository', async () => {
    repo = await mkdtemp(join(tmpdir(), 'baoku-bench-nogit-'));
    const { git } = describeMachine(repo, load, false);
    expect(git.commit).toBeNull();
    expect(git.engineCommit).toBeNull();
    expect(engineAt(git)).toBe('unknown');
  });
});
