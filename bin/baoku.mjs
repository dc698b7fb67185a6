#!/usr/bin/env node
// Entry point of the `baoku` command: loads the TypeScript sources through tsx.
import { register } from 'tsx/esm/api';

register();
// `baoku search … | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
