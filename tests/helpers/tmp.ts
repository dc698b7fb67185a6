// Temporary folders for tests that touch the file system, removed after each test.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';

/**
 * Registers cleanup in the calling test file and returns a function that creates a fresh
 * temporary folder; every folder it made is removed after each test.
 */
export function useTempDirs(prefix = 'baoku-test-'): () => Promise<string> {
  const made: string[] = [];
  afterEach(async () => {
    await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });
  return async () => {
    const dir = await mkdtemp(join(tmpdir(), prefix));
    made.push(dir);
    return dir;
  };
}

/** Writes files (folder-relative path with `/` → content) under `dir`, creating folders. */
export async function writeFiles(
  dir: string,
  files: Record<string, string | Uint8Array>,
): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    const file = join(dir, ...rel.split('/'));
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, content);
  }
}
