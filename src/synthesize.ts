import { availableParallelism } from 'node:os';
import type { Question, SourceResult } from './records/index.ts';
import { ENGINE, SiftError, type Problem } from './records/index.ts';
import { loadQuestions } from './store/question-files.ts';
import { readCorpus } from './sources/corpus.ts';
import { labelDecisions, withLabelDecisions, type LabelDecision } from './sources/label-decisions.ts';
import type { RecordLabel } from './sources/record-label.ts';
import { cleanCachedResult } from './sources/cached-result.ts';
import { readRetrievalCache, readSynthesis, writeSynthesis } from './store/synthesis-store.ts';
import { inputHash } from './store/input-hash.ts';
import { fingerprintHolds, inputFingerprint, recordFingerprint } from './store/input-fingerprint.ts';
import { inShard, type Shard } from './workflows/shard.ts';
import { runStages } from './pipeline/run-stages.ts';
import { referenceFormatter, type ReferenceFormatter } from './cite/references.ts';
import { readLocalStyles } from './store/csl-styles.ts';
import { llmInputs } from './store/llm-cache.ts';
import { readLiveConfig, redact, redactValue, type LiveConfig } from './sources/config.ts';
import { acquireContentLockSync } from './store/content-lock.ts';
import { synthesizeInWorkers } from './synthesize-workers.ts';

// The runner: the one place where IO (question files, corpora, the committed cache) meets the pure
// stages. It never touches the network: live sources are read from the cache a refresh wrote.

export interface SynthesizeOptions {
  root: string;
  /** only these question ids */
  only?: readonly string[];
  shard?: Shard;
  now: () => Date;
  /** recompute even when the inputs hash the same */
  force?: boolean;
  log?: (line: string) => void;
  /** the keys to keep out of logs and stored syntheses; read from the environment when absent */
  secrets?: Pick<LiveConfig, 'keys'>;
  /**
   * Threads to spread the questions over, this one included (default 1: all in this thread; 2: this thread and
   * one worker). Each worker loads its own module graph, warms up its own JIT and builds its own citeproc engines,
   * so with fewer than MIN_QUESTIONS_PER_WORKER questions per thread they are all done here. 'per-cpu' (the
   * command's default): one per CPU, for runs of at least PER_CPU_MIN_QUESTIONS questions per thread.
   */
  workers?: number | 'per-cpu';
}

/** Below this many questions per worker, starting the workers costs more than they save. */
export const MIN_QUESTIONS_PER_WORKER = 8;

// Measured with `synthesize --force` of generated questions (bench:build's, 50 papers each) on 2 cores, one thread
// against two, same sitting: 56 questions 13.5 → 12.4 s (CPU +30%), 329 questions 34.5 → 27.9 s (CPU +25%), 1,000
// questions 88.0 → 54.3 s and 82.3 → 61.0 s (CPU +4% and +25%); an unchanged run of 1,000 3.4 → 3.2 s. Wall time is
// what a CI runner waits for, so a large run uses every CPU by default; a small one stays in one thread, where a
// worker's start-up is most of what it would save.
export const PER_CPU_MIN_QUESTIONS = 50;

export function threadsFor(workers: SynthesizeOptions['workers'], questions: number): number {
  if (workers === 'per-cpu') return Math.min(availableParallelism(), Math.floor(questions / PER_CPU_MIN_QUESTIONS));
  return Math.min(workers ?? 1, Math.floor(questions / MIN_QUESTIONS_PER_WORKER));
}

// What became of each question. A written synthesis is in its stored file, and only there: readSynthesis it when
// needed. Carried in the outcome, every synthesis of a run crossed from its worker thread to the runner's (a copy
// of about 240 KB) and stayed there to the end (1,000 generated questions: peak 2.36-2.52 GiB with them, 2.22-2.27
// without).
export type QuestionOutcome =
  | { id: string; status: 'written' }
  | { id: string; status: 'unchanged' }
  | { id: string; status: 'failed'; message: string };

export interface SynthesizeResult {
  outcomes: QuestionOutcome[];
  problems: Problem[];
  failedFiles: string[];
}

export function selectQuestions(questions: readonly Question[], only?: readonly string[], shard?: Shard): Question[] {
  return questions.filter((q) => (!only || only.includes(q.id)) && (!shard || inShard(q.id, shard)));
}

/** Every source's records; the decisions label columns in its corpora carry are added to `labelled`. */
export function gatherResults(question: Question, root: string, now: string, labelled: LabelDecision[] = []): SourceResult[] {
  const cache = readRetrievalCache(root, question.id);
  return question.sources.map((source): SourceResult => {
    if ('path' in source) {
      const labels: RecordLabel[] = [];
      const result = readCorpus(source, root, now, labels);
      labelled.push(...labelDecisions(labels, source.path));
      return result;
    }
    const cached = cache?.results.find((r) => r.source === source.type);
    // Cleaned as a fresh record is (sources/cached-result.ts): an old cache must not wait for a refresh.
    if (cached) return cleanCachedResult(cached);
    return {
      source: source.type,
      stale: true,
      records: [],
      log: [
        {
          source: source.type,
          query: null,
          params: {},
          time: now,
          outcome: 'stale',
          status: null,
          count: 0,
          cacheHit: true,
          message: `no cached results yet: run npm run synthesize -- --refresh --question ${question.id}`,
        },
      ],
    };
  });
}

export function synthesize(options: SynthesizeOptions): SynthesizeResult {
  const secrets = options.secrets ?? readLiveConfig(process.env);
  // Every line passes through redact(), like every stored synthesis below: a key that reached a cache
  // written before redaction was complete must not reach a log or the site through a review.
  const log = (line: string): void => options.log?.(redact(line, secrets));
  // One writer at a time (store/content-lock.ts): a refresh writing a cache now would change the inputs
  // under us, and two runners would overwrite each other's syntheses.
  let lock: ReturnType<typeof acquireContentLockSync>;
  try {
    lock = acquireContentLockSync(options.root, { command: 'synthesize' });
  } catch (error) {
    if (!(error instanceof SiftError)) throw error;
    return { outcomes: [], problems: [...error.problems], failedFiles: error.problems.map((p) => p.file) };
  }
  try {
    return synthesizeLocked(options, secrets, log);
  } finally {
    lock.release();
  }
}

function synthesizeLocked(options: SynthesizeOptions, secrets: Pick<LiveConfig, 'keys'>, log: (line: string) => void): SynthesizeResult {
  const { questions, problems, failed: failedFiles } = loadQuestions(options.root);
  if (options.only) {
    const unknown = options.only.filter((id) => !questions.some((q) => q.id === id) && !failedFiles.includes(`questions/${id}.yaml`));
    for (const id of unknown) {
      problems.push({
        file: `questions/${id}.yaml`,
        problem: 'no such question (the file does not exist)',
        fix: 'give --question the id of a review: its file name in questions/ without .yaml',
      });
      failedFiles.push(`questions/${id}.yaml`);
    }
  }

  const selected = selectQuestions(questions, options.only, options.shard);
  const run = { root: options.root, force: options.force === true, secrets };
  const outcomes: QuestionOutcome[] = [];
  const told = (done: QuestionDone): void => {
    outcomes.push(done.outcome);
    for (const line of done.lines) log(line);
  };
  const formatReferences = referenceFormatter(readLocalStyles());
  const here = (given: Question, started: string) => synthesizeQuestion(given, started, { ...run, formatReferences });
  // Workers start at the first question that changed: an unchanged question costs one fingerprint, so a run where all
  // are unchanged (a rebuild with nothing new) would spend more starting the workers than on its questions.
  const workers = threadsFor(options.workers, selected.length);
  let from = 0;
  if (!run.force && workers >= 2) {
    while (from < selected.length) {
      const done = here(selected[from]!, options.now().toISOString());
      told(done);
      from += 1;
      if (done.outcome.status !== 'unchanged') break;
    }
  }
  const rest = selected.slice(from);
  if (workers >= 2 && rest.length >= 2) {
    synthesizeInWorkers(rest, { ...run, workers, now: options.now, here }, told);
  } else {
    for (const given of rest) told(here(given, options.now().toISOString()));
  }
  return { outcomes, problems, failedFiles };
}

/** What one question needs besides itself: where to read and write, and the run's settings. */
export type QuestionRun = {
  root: string;
  force: boolean;
  secrets: Pick<LiveConfig, 'keys'>;
  formatReferences: ReferenceFormatter;
};

/** One question's outcome and its log lines (not yet redacted: the runner's log redacts every line). */
export type QuestionDone = { outcome: QuestionOutcome; lines: string[] };

/**
 * One question, from its files to its stored synthesis: the same in the runner's thread and in a worker
 * (src/synthesize-workers.ts), so a run gives the same files whichever thread synthesized each question.
 * `started`: the ISO time the question's synthesis starts.
 */
export function synthesizeQuestion(given: Question, started: string, run: QuestionRun): QuestionDone {
  const { root, secrets } = run;
  try {
    // A question that gives steps to a language model also depends on the answers cached for it.
    const llmDigest = given.llm?.steps.length ? llmInputs(root, given).digest : undefined;
    const fingerprint = inputFingerprint(root, given, ENGINE, secrets, llmDigest);
    if (fingerprint !== null && !run.force && fingerprintHolds(root, given.id, fingerprint)) {
      return { outcome: { id: given.id, status: 'unchanged' }, lines: [`${given.id}: unchanged (inputs are as recorded), nothing written`] };
    }
    // Redacted on the way in as well as on the way out: a stage that splits an abstract into sentences
    // would cut a key in two, and neither half is recognisable as the key any more.
    const labelled: LabelDecision[] = [];
    const results = redactValue(gatherResults(given, root, started, labelled), secrets);
    // An export's label column is the maintainers' decision on its records (sources/label-decisions.ts).
    const question = withLabelDecisions(given, labelled);
    const llm = llmInputs(root, question);
    const hash = inputHash(question, results.flatMap((r) => r.records), ENGINE, llm.digest);
    const previous = readSynthesis(root, question.id);
    if (previous && previous.inputHash === hash && !run.force) {
      // The inputs' bytes changed but not what they parse to (or no fingerprint was recorded yet): the next run
      // needs to read neither.
      if (fingerprint !== null) recordFingerprint(root, question.id, fingerprint);
      return { outcome: { id: question.id, status: 'unchanged' }, lines: [`${question.id}: unchanged (inputs hash the same), nothing written`] };
    }
    const synthesis = redactValue(
      runStages(question, results, previous, {
        engine: ENGINE,
        generated: started,
        inputHash: hash,
        formatReferences: run.formatReferences,
        ...(llm.context ? { llm: llm.context } : {}),
      }),
      secrets,
    );
    writeSynthesis(root, synthesis);
    if (fingerprint !== null) recordFingerprint(root, question.id, fingerprint);
    const c = synthesis.counts;
    return {
      outcome: { id: question.id, status: 'written' },
      lines: [
        `${question.id}: ${c.identified} identified, ${c.duplicates} duplicates, ${c.included} included, ` +
          `${c.claims} claims (${c.supported} supported), score ${synthesis.review.score}/10 — version ${synthesis.history.at(-1)?.version ?? 1}`,
      ],
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { outcome: { id: given.id, status: 'failed', message }, lines: [`${given.id}: FAILED — ${message}. Its stored review (if any) is kept as it was.`] };
  }
}
