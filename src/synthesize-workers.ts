// The runner's questions spread over worker threads (node:worker_threads), for runs of many questions.
//
// Exported API
//   type WorkerRun = { root, force, secrets, workers, now, here }
//   synthesizeInWorkers(questions, run, told): void   `run.workers` threads: this one (run.here) and workers - 1
//                                                      worker threads; each question's QuestionDone handed to `told`,
//                                                      in the order of `questions`, as soon as it and those before are done
//   queuesByStyle(questions, threads): number[][]     question indices per thread, by citation style
//
// synthesize() is synchronous, and its callers (scripts, tests, the build) rely on that, so the runner's
// thread synthesizes questions itself between taking the workers' replies with receiveMessageOnPort, and when it
// has nothing left to do waits with Atomics.wait on a shared counter each worker bumps after each reply: neither
// needs the event loop (the way synckit runs async work synchronously). The runner's thread works too, rather than
// only waiting, because a worker costs its own module loading, JIT warm-up and citeproc engines (seconds of CPU):
// on two cores one worker beside it does what two workers would, at half that cost. Each worker has two questions
// in hand, so it never idles while the runner's thread is busy with a question of its own. Each worker synthesizes whole questions with synthesizeQuestion, the function the runner
// itself uses, so a question's files are the same whichever thread made them (tests/synthesize-workers.test.ts).
//
// Questions are dealt out by citation style: a style's citeproc engine (about 0.2 s to build) and the
// references it has formatted (src/cite/references.ts remembers them per style) live in the worker that
// formats that style, instead of being built and formatted again in every worker. A worker whose own
// questions are done takes the last ones of the longest other queue.
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { Question } from './records/index.ts';
import type { LiveConfig } from './sources/config.ts';
import type { QuestionDone } from './synthesize.ts';

export type WorkerRun = {
  root: string;
  force: boolean;
  secrets: Pick<LiveConfig, 'keys'>;
  /** threads synthesizing, this one included */
  workers: number;
  /** read when a question is handed out: its synthesis's start time */
  now: () => Date;
  /** one question synthesized in this thread (the runner's synthesizeQuestion) */
  here: (question: Question, started: string) => QuestionDone;
};

/** What a worker is given once. */
export type WorkerSetup = { root: string; force: boolean; secrets: Pick<LiveConfig, 'keys'>; signal: Int32Array; port: MessagePort };
/** One question for a worker. */
export type WorkerJob = { index: number; question: Question; started: string };
/** A worker's answer: the question's outcome, or why the worker itself failed (not the question: that is an outcome). */
export type WorkerReply = { index: number; done: QuestionDone } | { index: number; crashed: string };

// A worker that dies without a word (its heap exhausted, a native crash) sends nothing, and its 'exit' event
// needs the event loop this thread is not running; a question never takes this long (10,000 records take
// seconds), so a silence this long means a worker is gone.
const SILENCE_MS = 5 * 60_000;

/** Indices of `questions` per worker: whole styles, largest first, each onto the worker with the fewest. */
export function queuesByStyle(questions: readonly Pick<Question, 'citationStyle'>[], workers: number): number[][] {
  const byStyle = new Map<string, number[]>();
  questions.forEach((q, i) => {
    const group = byStyle.get(q.citationStyle);
    if (group) group.push(i);
    else byStyle.set(q.citationStyle, [i]);
  });
  const queues = Array.from({ length: workers }, (): number[] => []);
  const groups = [...byStyle.values()].sort((a, b) => b.length - a.length || a[0]! - b[0]!);
  for (const group of groups) {
    const shortest = queues.reduce((best, q) => (q.length < best.length ? q : best));
    shortest.push(...group);
  }
  for (const q of queues) q.sort((a, b) => a - b);
  return queues;
}

/** Questions a worker is given before it has answered: the next one is waiting when it finishes one. */
const IN_HAND = 2;

export function synthesizeInWorkers(questions: readonly Question[], run: WorkerRun, told: (done: QuestionDone) => void): void {
  const signal = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  const [mine, ...theirs] = queuesByStyle(questions, run.workers);
  const own = { queue: mine! };
  const pool = theirs.map((queue) => {
    const { port1, port2 } = new MessageChannel();
    const setup: WorkerSetup = { root: run.root, force: run.force, secrets: run.secrets, signal, port: port2 };
    const worker = new Worker(new URL('./synthesize-worker-thread.ts', import.meta.url), { workerData: setup, transferList: [port2] });
    return { worker, port: port1, queue, inHand: 0 };
  });
  const queues = [own, ...pool];
  const results: (QuestionDone | undefined)[] = new Array(questions.length);
  let emitted = 0;
  let done = 0;

  // The next question for a thread: its own queue's first, else the last of the longest queue.
  const next = (q: { queue: number[] }): number | undefined => {
    const index = q.queue.shift();
    if (index !== undefined) return index;
    const longest = queues.reduce((best, o) => (o.queue.length > best.queue.length ? o : best));
    return longest.queue.pop();
  };
  const handOut = (w: (typeof pool)[number]): void => {
    while (w.inHand < IN_HAND) {
      const index = next(w);
      if (index === undefined) return;
      const job: WorkerJob = { index, question: questions[index]!, started: run.now().toISOString() };
      w.port.postMessage(job);
      w.inHand++;
    }
  };
  const emit = (): void => {
    for (; emitted < questions.length && results[emitted] !== undefined; emitted++) {
      told(results[emitted]!);
      results[emitted] = undefined;
    }
  };

  try {
    for (const w of pool) handOut(w);
    while (done < questions.length) {
      const seen = Atomics.load(signal, 0);
      for (const w of pool) {
        for (let m = receiveMessageOnPort(w.port); m !== undefined; m = receiveMessageOnPort(w.port)) {
          const reply = m.message as WorkerReply;
          if ('crashed' in reply) throw new Error(`synthesize: a worker thread failed: ${reply.crashed}`);
          results[reply.index] = reply.done;
          done++;
          w.inHand--;
        }
        handOut(w);
      }
      emit();
      if (done === questions.length) break;
      const index = next(own);
      if (index !== undefined) {
        results[index] = run.here(questions[index]!, run.now().toISOString());
        done++;
        continue;
      }
      if (Atomics.wait(signal, 0, seen, SILENCE_MS) === 'timed-out') {
        throw new Error(`synthesize: no worker thread answered for ${SILENCE_MS / 60_000} minutes; ${questions.length - done} question(s) not done`);
      }
    }
    emit();
  } finally {
    for (const w of pool) {
      w.port.close();
      void w.worker.terminate();
    }
  }
}
