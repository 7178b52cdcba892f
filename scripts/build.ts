#!/usr/bin/env node
// npm run build: synthesize from the committed cache (no network), build the site, index it.
// A bad question does not stop the others: the site is built from every good one, and the command
// exits non-zero at the end so CI still sees the problem.
import { spawnSync } from 'node:child_process';

const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
function run(command: string, args: string[]): number {
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

const synthesized = run(process.execPath, ['scripts/synthesize.ts']);
if (run('npx', ['astro', 'build']) !== 0) process.exit(1);
if (run('npx', ['pagefind', '--site', 'dist']) !== 0) process.exit(1);
if (synthesized !== 0) {
  console.error('build: the site was built, but some questions failed (see above); exiting with an error.');
  process.exit(1);
}
