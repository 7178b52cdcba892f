#!/usr/bin/env node
// npm run synthesize [-- --question ID ... --shard I/N --force --refresh --source NAME]
import { Command } from 'commander';
import { synthesize } from '../src/synthesize.ts';
import { parseShard } from '../src/shard.ts';
import { formatProblem } from '../src/questions/problems.ts';

const program = new Command('synthesize')
  .description('Synthesize every question (or the ones named) from the committed cache and local corpora.')
  .option('-q, --question <id...>', 'only these question ids')
  .option('--shard <I/N>', 'only the I-th of N stable slices of the questions (for CI job matrices)')
  .option('--force', 'recompute even when the inputs have not changed')
  .parse();
const opts = program.opts<{ question?: string[]; shard?: string; force?: boolean }>();

const result = synthesize({
  root: process.cwd(),
  ...(opts.question ? { only: opts.question } : {}),
  ...(opts.shard ? { shard: parseShard(opts.shard) } : {}),
  ...(opts.force ? { force: true } : {}),
  now: () => new Date(),
  log: (line) => console.log(line),
});
for (const p of result.problems) console.error(formatProblem(p));
const failed = result.outcomes.filter((o) => o.status === 'failed');
const written = result.outcomes.filter((o) => o.status === 'written').length;
const unchanged = result.outcomes.filter((o) => o.status === 'unchanged').length;
console.log(
  `synthesize: ${written} written, ${unchanged} unchanged, ${failed.length} failed, ${result.failedFiles.length} invalid question file(s)`,
);
process.exitCode = failed.length > 0 || result.failedFiles.length > 0 ? 1 : 0;
