#!/usr/bin/env node
// Entry point of `npm run quality`: runs bench/quality.ts through tsx.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./quality.ts');
process.exitCode = await main(process.argv.slice(2));
