#!/usr/bin/env node
// npm run bench:build -- --questions N --papers M [--baseline] [--records 4000,8000] [--no-site] [--workers N] [--site-jobs N]
// Generates questions from corpora/ in a temporary directory, runs synthesize, astro build and pagefind there,
// and prints each phase's wall time and peak memory; the last line is one JSON object (src/bench/bench-build.ts).
import { Command } from 'commander';
import { fileURLToPath } from 'node:url';
import { BenchPhaseFailed, benchSummaryLines, coldBuildSeconds, runBenchBuild, siteVersusBaseline, type BenchBuildReport } from '../src/bench/bench-build.ts';

const project = fileURLToPath(new URL('../', import.meta.url));
const int = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`not a whole number: ${v}`);
  return n;
};
const opts = new Command('bench:build')
  .option('--questions <n>', 'generated questions', '1000')
  .option('--papers <m>', 'records in each question', '50')
  .option('--seed <n>', 'seed of the question generator', '13')
  .option('--max-included <n>', "each question's screening.maxIncluded", '40')
  .option('--no-site', 'skip astro build and pagefind')
  .option('--baseline [dir]', 'also build the MDX baseline for as many reports', false)
  .option('--records <list>', 'also synthesize one question per size with that many records (comma-separated)')
  .option('--big-max-included <n>', "the big questions' screening.maxIncluded", '150')
  .option('--keep', 'keep the temporary directory')
  .option('--workers <n>', "synthesize's --workers (threads; 0: one per CPU)")
  .option('--site-jobs <n>', 'build the site as N shards side by side, then merge them (build --jobs N)', '1')
  .parse()
  .opts<{ questions: string; papers: string; seed: string; maxIncluded: string; site: boolean; baseline: string | boolean; records?: string; bigMaxIncluded: string; keep?: boolean; workers?: string; siteJobs: string }>();

let report: BenchBuildReport;
try {
  report = await runBenchBuild({
    project,
    questions: int(opts.questions),
    papers: int(opts.papers),
    seed: int(opts.seed),
    maxIncluded: int(opts.maxIncluded),
    site: opts.site,
    ...(opts.baseline === false ? {} : { baseline: opts.baseline === true ? `${project}../shared/bench/mdx-baseline` : opts.baseline }),
    records: opts.records === undefined ? [] : opts.records.split(',').map(int),
    bigMaxIncluded: int(opts.bigMaxIncluded),
    keep: opts.keep === true,
    ...(opts.workers === undefined ? {} : { workers: int(opts.workers) }),
    siteJobs: Math.max(1, int(opts.siteJobs)),
    log: (line) => console.log(line),
  });
} catch (error) {
  if (!(error instanceof BenchPhaseFailed)) throw error;
  console.error(error.message);
  process.exit(1);
}
for (const line of benchSummaryLines(report)) console.log(line);
console.log(JSON.stringify({ ...report, site: siteVersusBaseline(report), coldBuildSeconds: coldBuildSeconds(report) }));
