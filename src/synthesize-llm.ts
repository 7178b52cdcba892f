import type { LlmEntry } from './records/index.ts';
import { ENGINE, LLM_STEPS } from './records/index.ts';
import { loadQuestions } from './store/question-files.ts';
import { readLlmCache, writeLlmCache } from './store/llm-cache.ts';
import { readLocalStyles } from './store/csl-styles.ts';
import { referenceFormatter } from './cite/references.ts';
import { runStagesDetailed } from './pipeline/run-stages.ts';
import type { LlmRequest } from './pipeline/llm-request.ts';
import type { LlmAsker } from './llm/client.ts';
import { gatherResults, selectQuestions } from './synthesize.ts';
import type { Shard } from './workflows/shard.ts';

// The runner's other half, for `npm run synthesize -- --llm`: asks a language model what the questions' chosen
// steps need and stores the answers in each question's answer cache (src/store/llm-cache.ts). It never writes a
// synthesis: synthesize() then reads the cache like any build, so what --llm writes and what a later build
// rebuilds from the cache are the same bytes.
//
// The stages say what they would ask (runStagesDetailed → llm.wanted); a step's requests depend on the answers
// to the steps before it (stance judges the claims the model extracted, the summary cites the verdicts), so the
// requests are answered one step at a time, the stages re-run between, until nothing is missing, a request
// fails, or the budget is spent.

export type AskModelOptions = {
  root: string;
  only?: readonly string[];
  shard?: Shard;
  model: string;
  asker: LlmAsker;
  now: () => Date;
  /** ask again even what the cache already holds */
  force?: boolean;
  log?: (line: string) => void;
};

export type AskModelQuestion = { id: string; asked: number; answered: number; failed: number; cached: number };

export type AskModelResult = {
  questions: AskModelQuestion[];
  /** questions selected that give no step to a model */
  skipped: string[];
  /** one line per failed request, key redacted */
  failures: string[];
  /** why the run stopped asking before it had everything, when the budget did it */
  budgetStopped: string | null;
};

// Four steps, each at most once, plus one round in case a step's answers change what an earlier one asked for.
const MAX_ROUNDS = LLM_STEPS.length + 1;

export async function askModel(options: AskModelOptions): Promise<AskModelResult> {
  const log = options.log ?? (() => {});
  const formatReferences = referenceFormatter(readLocalStyles());
  const result: AskModelResult = { questions: [], skipped: [], failures: [], budgetStopped: null };

  for (const question of selectQuestions(loadQuestions(options.root).questions, options.only, options.shard)) {
    const steps = question.llm?.steps ?? [];
    if (steps.length === 0) {
      result.skipped.push(question.id);
      continue;
    }
    if (result.budgetStopped !== null) break;
    const tally: AskModelQuestion = { id: question.id, asked: 0, answered: 0, failed: 0, cached: 0 };
    result.questions.push(tally);
    const previous = readLlmCache(options.root, question.id);
    const entries = new Map<string, LlmEntry>(
      options.force || previous?.model !== options.model ? [] : previous.entries.map((e) => [e.key, e]),
    );
    const failed = new Set<string>();
    const results = gatherResults(question, options.root, options.now().toISOString());
    const demand = () =>
      runStagesDetailed(question, results, null, {
        engine: ENGINE,
        generated: options.now().toISOString(),
        inputHash: '',
        formatReferences,
        llm: { model: options.model, steps, entries },
      }).llm;
    // Another model's answers stay until this one has answered something: a run stopped before its first answer
    // (budget, a server down) must not leave a review with fewer answers than it had.
    const replacing = previous !== null && previous.model !== options.model;
    const save = (keep: (e: LlmEntry) => boolean) => {
      if (replacing && tally.answered === 0) return;
      writeLlmCache(options.root, { question: question.id, model: options.model, entries: [...entries.values()].filter(keep) });
    };

    for (let round = 0; round < MAX_ROUNDS && result.budgetStopped === null; round++) {
      const missing = unique(demand().wanted.filter((r) => !entries.has(r.key) && !failed.has(r.key)));
      const step = LLM_STEPS.find((s) => missing.some((r) => r.step === s));
      if (step === undefined) break;
      const batch = missing.filter((r) => r.step === step);
      log(`${question.id}: asking ${options.model} for ${step} (${batch.length} request${batch.length === 1 ? '' : 's'})`);
      const outcomes = await Promise.all(batch.map(async (request) => ({ request, outcome: await options.asker.ask(request) })));
      for (const { request, outcome } of outcomes) {
        if (outcome.status === 'answered') {
          entries.set(request.key, outcome.entry);
          tally.asked++;
          tally.answered++;
        } else if (outcome.status === 'failed') {
          failed.add(request.key);
          tally.asked++;
          tally.failed++;
          result.failures.push(`${question.id}: ${request.step} for ${request.subject}: ${outcome.message}`);
        } else {
          result.budgetStopped = outcome.message;
        }
      }
      // Written after every round: an interrupted run keeps every answer it paid for.
      save(() => true);
    }
    // What the last synthesis did not read (answers about claims the model's own claims replaced, answers of
    // another model) goes, so the committed cache holds exactly what the review rests on.
    const used = new Set(demand().used);
    tally.cached = used.size;
    save((e) => used.has(e.key));
    log(`${question.id}: ${tally.answered} answered, ${tally.failed} failed; ${tally.cached} answers cached for the review`);
  }
  return result;
}

function unique(requests: readonly LlmRequest[]): LlmRequest[] {
  const seen = new Set<string>();
  return requests.filter((r) => !seen.has(r.key) && seen.add(r.key));
}

