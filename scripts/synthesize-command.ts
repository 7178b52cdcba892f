// The body of npm run synthesize (scripts/synthesize.ts loads it once Node's compile cache is on).
import { Command } from 'commander';
import { availableParallelism } from 'node:os';
import { loadQuestions } from '../src/store/question-files.ts';
import { synthesize, selectQuestions } from '../src/synthesize.ts';
import { parseShard } from '../src/workflows/shard.ts';
import { formatProblem } from '../src/records/problem.ts';
import { summaryLines } from '../src/refresh/refresh.ts';
import { refreshQuestions } from '../src/refresh/refresh-questions.ts';
import { refreshDisplay } from '../src/refresh/refresh-display.ts';
import { readLiveConfig } from '../src/sources/config.ts';
import { systemLiveDeps } from '../src/sources/live.ts';
import { SiftError } from '../src/records/problem.ts';

const opts = new Command('synthesize')
  .description('Synthesize every question (or the ones named) from the committed cache and local corpora.')
  .option('-q, --question <id...>', 'only these question ids')
  .option('--shard <I/N>', 'only the I-th of N stable slices of the questions (for CI job matrices)')
  .option('--force', 'recompute even when the inputs have not changed')
  .option('--refresh', 'first query the live sources (network) and update the committed cache')
  .option('--source <name...>', 'with --refresh: only these live sources')
  .option('--due', 'with --refresh: only reviews whose refresh interval has passed')
  .option('--workers <n>', 'threads to spread the questions over, the main one included (default: one per CPU for runs of 50 or more questions per thread, else 1; 0: one per CPU)')
  .option('--llm', 'ask the language model (SIFT_LLM_BASE_URL, SIFT_LLM_MODEL) for the steps each question gives it, and cache the answers')
  .parse()
  .opts<{ question?: string[]; shard?: string; force?: boolean; refresh?: boolean; source?: string[]; due?: boolean; llm?: boolean; workers?: string }>();

const root = process.cwd();

// By default one thread per CPU for a run of many questions, one thread for a few (src/synthesize.ts,
// PER_CPU_MIN_QUESTIONS, says what was measured); `--workers 1` keeps a large run in one thread, for a machine another
// job is using: there two threads compete for one core.
function workerCount(given: string | undefined): number | 'per-cpu' {
  if (given === undefined) return 'per-cpu';
  if (given === '0') return availableParallelism();
  const n = Number(given);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`synthesize: --workers ${given}: give a whole number of threads, 1 or more (0: one per CPU)`);
    process.exit(2);
  }
  return n;
}
const shard = opts.shard ? parseShard(opts.shard) : undefined;
let only = opts.question;

if (opts.refresh) {
  const controller = new AbortController();
  process.once('SIGINT', () => {
    console.error('\ninterrupted: the retrieval cache is left as it was');
    controller.abort();
  });
  const config = readLiveConfig(process.env);
  const display = refreshDisplay(Boolean(process.stdout.isTTY) && !process.env.CI, (line) => console.log(line));
  let outcome: Awaited<ReturnType<typeof refreshQuestions>>;
  try {
    outcome = await refreshQuestions(selectQuestions(loadQuestions(root).questions, only, shard), {
      root,
      ...(opts.source ? { sources: opts.source } : {}),
      ...(opts.due ? { due: true } : {}),
      now: new Date(),
      config,
      deps: systemLiveDeps(config, controller.signal),
      onProgress: display.onProgress,
    });
  } finally {
    display.stop();
  }
  const { refreshed: chosen, summaries } = outcome;
  if (opts.due) only = chosen.map((q) => q.id);
  for (const line of summaryLines(summaries)) console.log(line);
  if (chosen.length === 0) console.log('refresh: no question with live sources selected' + (opts.due ? ' is due' : ''));
}

let llmFailed = false;
if (opts.llm) {
  // Loaded only when asked for: a build never needs the model's client.
  const { readLlmConfig } = await import('../src/llm/config.ts');
  const { createLlmClient } = await import('../src/llm/client.ts');
  const { askModel } = await import('../src/synthesize-llm.ts');
  const { systemHttpDeps } = await import('../src/sources/http.ts');
  let config: ReturnType<typeof readLlmConfig>;
  try {
    config = readLlmConfig(process.env);
  } catch (error) {
    if (!(error instanceof SiftError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
  const controller = new AbortController();
  process.once('SIGINT', () => {
    console.error('\ninterrupted: every answer received so far is in the cache');
    controller.abort();
  });
  const asker = createLlmClient(config, { ...systemHttpDeps, clock: () => new Date().toISOString(), signal: controller.signal });
  const asked = await askModel({
    root,
    ...(only ? { only } : {}),
    ...(shard ? { shard } : {}),
    model: config.model,
    asker,
    now: () => new Date(),
    ...(opts.force ? { force: true } : {}),
    log: (line) => console.log(line),
  });
  for (const line of asked.failures) console.error(`llm: ${line}`);
  const spent = asker.budget.spent();
  console.log(`llm: ${asked.questions.length} question(s) asked, ${spent.requests} request(s), ${spent.tokens} tokens`);
  if (asked.questions.length === 0) {
    console.log('llm: no selected question gives a step to the model: add llm: { steps: [claims, stance, summary, review] } to its file');
  }
  if (asked.budgetStopped !== null) {
    console.log(`llm: stopped asking: ${asked.budgetStopped}. The reviews below use the answers cached so far; run again to continue.`);
  }
  llmFailed = asked.failures.length > 0;
}

const result = synthesize({
  root,
  ...(only ? { only } : {}),
  ...(shard ? { shard } : {}),
  ...(opts.force ? { force: true } : {}),
  workers: workerCount(opts.workers),
  now: () => new Date(),
  log: (line) => console.log(line),
});
for (const p of result.problems) console.error(formatProblem(p));
const failed = result.outcomes.filter((o) => o.status === 'failed');
const written = result.outcomes.filter((o) => o.status === 'written').length;
const unchanged = result.outcomes.filter((o) => o.status === 'unchanged').length;
console.log(`synthesize: ${written} written, ${unchanged} unchanged, ${failed.length} failed, ${result.failedFiles.length} invalid question file(s)`);
process.exitCode = failed.length > 0 || result.failedFiles.length > 0 || llmFailed ? 1 : 0;
