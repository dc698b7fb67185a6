// Finds the Chromium the browser tests drive, says loudly when it is missing, and launches it.
import { accessSync, constants } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Where Chromium is looked for: $CHROMIUM_PATH, else Debian's package. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for a quiet, sandbox-free headless run that never talks to Google. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether the browser suite can run. When Chromium is missing it prints a banner once (at
 * collection time) and returns false, or throws when BAOKU_REQUIRE_BROWSER=1 demands the suite.
 */
export function chromiumAvailable(): boolean {
  if (isExecutable(CHROMIUM_PATH)) return true;
  const why = `Chromium not found at ${CHROMIUM_PATH}`;
  const fix =
    'install it (apt-get install chromium) or point CHROMIUM_PATH at a Chromium or Chrome binary';
  if (process.env.BAOKU_REQUIRE_BROWSER === '1') {
    throw new Error(`BAOKU_REQUIRE_BROWSER=1 but ${why}: ${fix}.`);
  }
  const line = '!'.repeat(100);
  console.warn(
    `\n${line}\n!!! BROWSER TESTS SKIPPED: ${why} — ${fix}.\n!!! Set BAOKU_REQUIRE_BROWSER=1 to make this a failure.\n${line}\n`,
  );
  return false;
}

/** Starts headless Chromium. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}
