// The runner's questions spread over worker threads (src/synthesize-workers.ts): the same files, byte for byte,
// as one thread writes, on questions generated from the real corpora (src/bench/bench-questions.ts).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { synthesize, threadsFor, MIN_QUESTIONS_PER_WORKER, PER_CPU_MIN_QUESTIONS } from '../src/synthesize.ts';
import { queuesByStyle } from '../src/synthesize-workers.ts';
import { corporaPapers, corpusPath, writeQuestions } from '../src/bench/bench-build.ts';
import { benchPool, generateQuestions } from '../src/bench/bench-questions.ts';

const project = fileURLToPath(new URL('../', import.meta.url));
const clock = () => new Date('2026-12-03T09:00:00Z');
const secrets = { keys: { openalex: null, semanticscholar: null } };
const stored = (root: string) => {
  const dir = join(root, 'content', 'syntheses');
  return Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
};

describe('synthesize over worker threads', () => {
  const count = 2 * MIN_QUESTIONS_PER_WORKER;
  const roots: string[] = [];
  let one: ReturnType<typeof synthesize>;
  let two: ReturnType<typeof synthesize>;
  let oneLog: string[];
  let twoLog: string[];
  beforeAll(() => {
    const questions = generateQuestions(benchPool(corporaPapers(project)), { count, papers: 20, seed: 13, maxIncluded: 40, corpusPath });
    const run = (workers: number, log: string[]) => {
      const root = mkdtempSync(join(tmpdir(), 'sift-workers-'));
      roots.push(root);
      writeQuestions(root, questions);
      process.env['SIFT_CONTENT_DIR'] = join(root, 'content');
      try {
        return { root, result: synthesize({ root, now: clock, secrets, workers, log: (l) => log.push(l) }) };
      } finally {
        delete process.env['SIFT_CONTENT_DIR'];
      }
    };
    oneLog = [];
    twoLog = [];
    one = run(1, oneLog).result;
    two = run(2, twoLog).result;
  }, 240_000);
  afterAll(() => {
    for (const r of roots) rmSync(r, { recursive: true, force: true });
  });

  it('writes every question, byte-identical to one thread, with the same outcomes and log in question order', () => {
    expect(two.outcomes.map((o) => [o.id, o.status])).toEqual(one.outcomes.map((o) => [o.id, o.status]));
    expect(two.outcomes.filter((o) => o.status === 'written')).toHaveLength(count);
    expect(two.outcomes).toEqual(one.outcomes);
    expect(twoLog).toEqual(oneLog);
    const [a, b] = roots.map(stored);
    expect(Object.keys(b!)).toHaveLength(count);
    expect(b).toEqual(a);
  });

  // The runner's thread goes through the unchanged questions itself and starts the workers at the first that changed:
  // the outcomes and the log stay in question order on both sides of it.
  it('runs again with one question changed: that one written, the rest unchanged, in question order', () => {
    const root = roots[1]!;
    const changed = two.outcomes[4]!.id;
    rmSync(join(root, 'content', 'syntheses', `${changed}.json`));
    const log: string[] = [];
    process.env['SIFT_CONTENT_DIR'] = join(root, 'content');
    let again: ReturnType<typeof synthesize>;
    try {
      again = synthesize({ root, now: clock, secrets, workers: 2, log: (l) => log.push(l) });
    } finally {
      delete process.env['SIFT_CONTENT_DIR'];
    }
    expect(again.outcomes.map((o) => o.id)).toEqual(two.outcomes.map((o) => o.id));
    expect(again.outcomes.map((o) => o.status)).toEqual(two.outcomes.map((o) => (o.id === changed ? 'written' : 'unchanged')));
    expect(log.map((l) => l.slice(0, l.indexOf(':')))).toEqual(two.outcomes.map((o) => o.id));
    expect(stored(root)).toEqual(stored(roots[0]!));
  });
});

describe('threadsFor', () => {
  it('keeps a run in one thread unless asked, and the command\'s per-CPU default for large runs only', () => {
    expect(threadsFor(undefined, 1000)).toBe(1);
    expect(threadsFor(4, 2 * MIN_QUESTIONS_PER_WORKER)).toBe(2);
    expect(threadsFor('per-cpu', PER_CPU_MIN_QUESTIONS * 2 - 1)).toBe(1);
    expect(threadsFor('per-cpu', 1000)).toBe(Math.min(availableParallelism(), 1000 / PER_CPU_MIN_QUESTIONS));
  });
});

describe('queuesByStyle', () => {
  it('keeps each citation style in one queue, largest style first onto the shortest queue', () => {
    const styles = ['apa', 'vancouver', 'apa', 'mla', 'apa', 'vancouver', 'chicago'] as const;
    const queues = queuesByStyle(styles.map((citationStyle) => ({ citationStyle })), 2);
    // apa (3) → first; vancouver (2) → second; mla → second (2 < 3); chicago → first (3 = 3: the first shortest).
    expect(queues).toEqual([
      [0, 2, 4, 6],
      [1, 3, 5],
    ]);
  });
});
