#!/usr/bin/env node
// Entry point of the `reclaim` command: runs the sources bundled (cli-bundle.js), or through
// tsx when the bundle cannot be built or RECLAIM_CLI_BUNDLE=off.
import { cliBundle } from './cli-bundle.js';

const bundle = await cliBundle();
if (bundle) {
  process.setSourceMapsEnabled(true);
  await import(bundle);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
