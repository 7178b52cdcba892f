import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { synthesize } from '../../src/synthesize.ts';
import { fingerprintPath, inputFingerprint } from '../../src/store/input-fingerprint.ts';
import { loadQuestions } from '../../src/store/question-files.ts';

// Every read the slow way of deciding "unchanged" makes (parsing a corpus, a retrieval cache, a stored synthesis)
// is counted, and the engine's version can be bumped, without changing what they do.
const seen = vi.hoisted(() => ({ corpus: 0, synthesis: 0, cache: 0, engine: null as string | null }));
vi.mock('../../src/sources/corpus.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/sources/corpus.ts')>();
  return { ...real, readCorpus: (...args: Parameters<typeof real.readCorpus>) => (seen.corpus++, real.readCorpus(...args)) };
});
vi.mock('../../src/store/synthesis-store.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/store/synthesis-store.ts')>();
  return {
    ...real,
    readSynthesis: (...args: Parameters<typeof real.readSynthesis>) => (seen.synthesis++, real.readSynthesis(...args)),
    readRetrievalCache: (...args: Parameters<typeof real.readRetrievalCache>) => (seen.cache++, real.readRetrievalCache(...args)),
  };
});
vi.mock('../../src/records/index.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/records/index.ts')>();
  return {
    ...real,
    get ENGINE() {
      return seen.engine ?? real.ENGINE;
    },
  };
});

const repo = new URL('../..', import.meta.url).pathname;
const ID = 'adversarial-robustness-code-models';
const secrets = { keys: { openalex: null, semanticscholar: null } };

// A scratch copy of the repository's questions and corpora, one demo question synthesized from real data.
function scratch(): string {
  const root = mkdtempSync(join(tmpdir(), 'sift-fingerprint-'));
  cpSync(join(repo, 'questions'), join(root, 'questions'), { recursive: true });
  cpSync(join(repo, 'corpora'), join(root, 'corpora'), { recursive: true });
  return root;
}
const stored = (root: string) => readFileSync(join(root, 'src/content/syntheses', `${ID}.json`), 'utf8');

describe('an unchanged question is decided from its inputs\' fingerprint', () => {
  let root: string;
  let day = 10;
  const run = (force = false) => {
    for (const key of ['corpus', 'synthesis', 'cache'] as const) seen[key] = 0;
    const result = synthesize({ root, only: [ID], now: () => new Date(`2026-11-${day++}T10:00:00Z`), secrets, ...(force ? { force } : {}) });
    return { status: result.outcomes.map((o) => o.status).join(), ...seen };
  };

  beforeAll(() => {
    root = scratch();
    expect(run()).toMatchObject({ status: 'written' });
  }, 120_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('reads no corpus and parses no synthesis when nothing changed, and writes nothing', () => {
    const before = stored(root);
    const record = readFileSync(fingerprintPath(root, ID), 'utf8');
    expect(run()).toEqual({ status: 'unchanged', corpus: 0, synthesis: 0, cache: 0, engine: null });
    expect(stored(root)).toBe(before);
    expect(readFileSync(fingerprintPath(root, ID), 'utf8')).toBe(record);
    expect(readdirSync(join(root, 'src/content/syntheses'))).toEqual([`${ID}.json`]);
  });

  it('a corpus whose bytes change but not its records is read, still unchanged, and not read the next time', () => {
    const before = stored(root);
    const corpus = join(root, 'corpora/ml4code.csl.json');
    writeFileSync(corpus, `${readFileSync(corpus, 'utf8')}\n\n`);
    expect(run()).toMatchObject({ status: 'unchanged', corpus: 2, synthesis: 1 });
    expect(run()).toMatchObject({ status: 'unchanged', corpus: 0, synthesis: 0 });
    expect(stored(root)).toBe(before);
  });

  it('a corpus that loses a record re-synthesizes', () => {
    const corpus = join(root, 'corpora/ml4code.csl.json');
    writeFileSync(corpus, JSON.stringify(JSON.parse(readFileSync(corpus, 'utf8')).slice(1), null, 2));
    expect(run().status).toBe('written');
    expect(run()).toMatchObject({ status: 'unchanged', corpus: 0, synthesis: 0 });
  }, 120_000);

  it('an edited question re-synthesizes', () => {
    const file = join(root, `questions/${ID}.yaml`);
    const text = readFileSync(file, 'utf8');
    const edited = text.replace(/^title: (.*)$/m, 'title: $1 (edited)');
    expect(edited).not.toBe(text);
    writeFileSync(file, edited);
    expect(run().status).toBe('written');
    expect(JSON.parse(stored(root)).title).toMatch(/\(edited\)$/);
    expect(run()).toMatchObject({ status: 'unchanged', corpus: 0, synthesis: 0 });
  }, 120_000);

  it('a new engine version re-synthesizes', () => {
    seen.engine = 'sift 99.0.0-test';
    try {
      expect(run().status).toBe('written');
      expect(JSON.parse(stored(root)).engine).toBe('sift 99.0.0-test');
      expect(run()).toMatchObject({ status: 'unchanged', corpus: 0, synthesis: 0 });
    } finally {
      seen.engine = null;
    }
  }, 120_000);

  it('a stored synthesis edited by hand is parsed again, and a broken one fails its review and is kept', () => {
    const path = join(root, 'src/content/syntheses', `${ID}.json`);
    const broken = stored(root).slice(0, 1000);
    writeFileSync(path, broken);
    const result = synthesize({ root, only: [ID], now: () => new Date('2026-11-29T10:00:00Z'), secrets });
    const outcome = result.outcomes[0]!;
    expect(outcome.status).toBe('failed');
    expect(outcome.status === 'failed' && outcome.message).toMatch(/not JSON/);
    expect(readFileSync(path, 'utf8')).toBe(broken);
  });

  it('--force re-synthesizes whatever the fingerprint says', () => {
    rmSync(join(root, 'src/content/syntheses', `${ID}.json`));
    expect(run().status).toBe('written');
    expect(run(true).status).toBe('written');
  }, 120_000);
});

describe('inputFingerprint', () => {
  const question = loadQuestions(repo).questions.find((q) => q.id === ID)!;
  const base = inputFingerprint(repo, question, 'sift 0.3.0', secrets);

  it('names the engine, the keys redacted and the model\'s answers, and nothing of the clock', () => {
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(inputFingerprint(repo, question, 'sift 0.3.0', secrets)).toBe(base);
    expect(inputFingerprint(repo, question, 'sift 0.3.1', secrets)).not.toBe(base);
    expect(inputFingerprint(repo, question, 'sift 0.3.0', { keys: { openalex: 'k', semanticscholar: null } })).not.toBe(base);
    expect(inputFingerprint(repo, question, 'sift 0.3.0', secrets, 'answers')).not.toBe(base);
  });

  it('is null when a corpus cannot be read, so the runner reads it and names the problem', () => {
    const missing = { ...question, sources: [{ type: 'csl-json' as const, path: 'corpora/missing.csl.json' }] };
    expect(inputFingerprint(repo, missing, 'sift 0.3.0', secrets)).toBeNull();
  });
});
