import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthesize } from '../src/synthesize.ts';
import { toReportJson } from '../src/publish/report-json.ts';
import { findTerms } from '../src/text/terms.ts';
import { loadQuestions } from '../src/store/question-files.ts';
import { readSynthesis } from '../src/store/synthesis-store.ts';

const repo = new URL('..', import.meta.url).pathname;
const clock = (iso: string) => () => new Date(iso);

// A scratch copy of the repository's questions and corpora: the runner reads and writes files.
function scratch(): string {
  const root = mkdtempSync(join(tmpdir(), 'sift-run-'));
  cpSync(join(repo, 'questions'), join(root, 'questions'), { recursive: true });
  cpSync(join(repo, 'corpora'), join(root, 'corpora'), { recursive: true });
  return root;
}
const stored = (root: string) =>
  Object.fromEntries(readdirSync(join(root, 'src/content/syntheses')).map((f) => [f, readFileSync(join(root, 'src/content/syntheses', f), 'utf8')]));

describe('synthesize (runner, real corpora)', () => {
  let root: string;
  let first: ReturnType<typeof synthesize>;
  beforeAll(() => {
    root = scratch();
    first = synthesize({ root, now: clock('2026-11-26T10:00:00Z') });
  }, 120_000);

  it('writes every demo review', () => {
    expect(first.outcomes.map((o) => [o.id, o.status])).toEqual([
      ['adversarial-robustness-code-models', 'written'],
      ['finetuning-robustness-codestral', 'written'],
      ['llm-vulnerability-detection', 'written'],
    ]);
  });

  it('writes nothing when the inputs did not change', () => {
    const before = stored(root);
    const again = synthesize({ root, now: clock('2026-12-01T10:00:00Z') });
    expect(again.outcomes.every((o) => o.status === 'unchanged')).toBe(true);
    expect(stored(root)).toEqual(before);
  });

  it('gives byte-identical output for the same inputs and engine', () => {
    const other = scratch();
    synthesize({ root: other, now: clock('2026-11-26T10:00:00Z') });
    expect(stored(other)).toEqual(stored(root));
  });

  it('keeps the report JSON invariants on real output', () => {
    for (const outcome of first.outcomes) {
      if (outcome.status !== 'written') throw new Error(outcome.status === 'failed' ? outcome.message : 'nothing written');
      const r = toReportJson(readSynthesis(root, outcome.id)!);
      const papers = new Map(r.papers.map((p) => [p.id, p]));
      expect(r.counts.screened).toBe(r.counts.identified - r.counts.duplicates);
      expect(r.counts.excluded).toBe(r.counts.screened - r.counts.included);
      for (const c of r.claims) {
        const paper = papers.get(c.paper)!;
        expect(paper[c.quote.field]!.slice(c.quote.start, c.quote.end)).toBe(c.quote.text);
        for (const e of c.evidence) expect(`${papers.get(e.paper)!.title}\n${papers.get(e.paper)!.abstract}`).toContain(e.quote);
      }
    }
  });

  it('states single-study findings only under a facet the sentence itself speaks of', () => {
    const questions = new Map(loadQuestions(repo).questions.map((q) => [q.id, q]));
    let seen = 0;
    for (const outcome of first.outcomes) {
      if (outcome.status !== 'written') throw new Error(outcome.status === 'failed' ? outcome.message : 'nothing written');
      const facets = new Map(questions.get(outcome.id)!.facets.map((f) => [f.id, f.terms]));
      for (const s of readSynthesis(root, outcome.id)!.summary.filter((x) => x.kind === 'single-study')) {
        seen++;
        expect(findTerms(s.text, facets.get(s.facet!)!).length, s.text).toBeGreaterThan(0);
      }
    }
    expect(seen).toBeGreaterThan(0);
  });

  it('a changed question adds a version whose diff is exactly what changed', () => {
    const other = scratch();
    synthesize({ root: other, now: clock('2026-11-26T10:00:00Z') });
    const v1 = JSON.parse(stored(other)['llm-vulnerability-detection.json']!);
    const file = join(other, 'questions/llm-vulnerability-detection.yaml');
    // Narrow the years: papers from before 2024 must leave, none may arrive.
    writeFileSync(file, readFileSync(file, 'utf8').replace('years: { from: 2020 }', 'years: { from: 2024 }'));
    const result = synthesize({ root: other, now: clock('2026-12-03T10:00:00Z') });
    expect(result.outcomes.map((o) => [o.id, o.status])).toEqual([
      ['adversarial-robustness-code-models', 'unchanged'],
      ['finetuning-robustness-codestral', 'unchanged'],
      ['llm-vulnerability-detection', 'written'],
    ]);
    const v2 = JSON.parse(stored(other)['llm-vulnerability-detection.json']!);
    expect(v2.history).toHaveLength(2);
    const latest = v2.history[1];
    expect(latest).toMatchObject({ version: 2, date: '2026-12-03' });
    const ids = (s: { papers: { id: string }[] }) => new Set(s.papers.map((p) => p.id));
    const [before, after] = [ids(v1), ids(v2)];
    expect(latest.papersRemoved).toEqual([...before].filter((id) => !after.has(id)).sort());
    expect(latest.papersAdded).toEqual([...after].filter((id) => !before.has(id)).sort());
    expect(latest.papersRemoved.length).toBeGreaterThan(0);
    const year = new Map(v1.papers.map((p: { id: string; year: number }) => [p.id, p.year]));
    for (const id of latest.papersRemoved) expect(year.get(id)).toBeLessThan(2024);
    const claimIds = (s: { claims: { id: string }[] }) => new Set(s.claims.map((c) => c.id));
    expect(latest.claimsRemoved).toEqual([...claimIds(v1)].filter((id) => !claimIds(v2).has(id)).sort());
    expect(v2.history[0]).toEqual(v1.history[0]);
  });

  it('a bad question file does not stop the others, and is named', () => {
    const other = scratch();
    writeFileSync(join(other, 'questions/broken.yaml'), 'title: x\nquestion: [unclosed\n');
    const result = synthesize({ root: other, now: clock('2026-11-26T10:00:00Z') });
    expect(result.failedFiles).toEqual(['questions/broken.yaml']);
    expect(result.problems[0]?.file).toBe('questions/broken.yaml');
    expect(result.outcomes.filter((o) => o.status === 'written')).toHaveLength(3);
  });

  it('a corpus that cannot be parsed fails only its own review and keeps what was stored', () => {
    const other = scratch();
    synthesize({ root: other, now: clock('2026-11-26T10:00:00Z') });
    const before = stored(other);
    writeFileSync(join(other, 'corpora/llm4swsec.bib'), '@article{broken, title={unclosed\n');
    const result = synthesize({ root: other, now: clock('2026-11-27T10:00:00Z') });
    const byId = Object.fromEntries(result.outcomes.map((o) => [o.id, o]));
    expect(byId['finetuning-robustness-codestral']?.status).toBe('failed');
    expect(byId['llm-vulnerability-detection']?.status).toBe('failed');
    expect(byId['adversarial-robustness-code-models']?.status).toBe('unchanged');
    const failure = byId['finetuning-robustness-codestral'];
    expect(failure?.status === 'failed' && failure.message).toMatch(/llm4swsec\.bib/);
    expect(stored(other)).toEqual(before);
  });
});
