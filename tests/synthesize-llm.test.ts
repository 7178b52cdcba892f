import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'vite';
import { getViteConfig } from 'astro/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LlmCalibration, Synthesis } from '../src/records/index.ts';
import { STANCE_CANDIDATES, STANCE_PROMPT } from '../src/pipeline/llm-stance.ts';
import { stanceCalibrationPath } from '../src/store/llm-calibration.ts';
import { askModel, type AskModelResult } from '../src/synthesize-llm.ts';
import { synthesize } from '../src/synthesize.ts';
import { readSynthesis } from '../src/store/synthesis-store.ts';
import { createLlmClient } from '../src/llm/client.ts';
import type { LlmConfig } from '../src/llm/config.ts';
import { toReportIndex, toReportJson } from '../src/publish/report-json.ts';
import { CLAIMS_PER_EVIDENCE_PAGE, pageCount } from '../src/publish/report-pages.ts';
import { startChatServer, type ChatServer } from './llm/chat-server.ts';
import { fixtureModel } from './llm/fixture-model.ts';

// The language-model path end to end, with no model reachable: a loopback server speaking the chat-completions
// protocol (streaming) answers from hand-written fixtures (tests/fixtures/llm/answers.json), hostile ones among
// them, for a question over ten real papers (corpora/code-security.csl.json) and one invented paper whose abstract
// carries a prompt injection (tests/fixtures/llm/PROVENANCE.md). The runner asks and caches; synthesize() reads the
// cache as a build does.

const repo = new URL('..', import.meta.url).pathname;
const NOW = '2026-11-26T10:00:00Z';
const clock = () => new Date(NOW);
const SECRET = 'sk-test-0123456789abcdef';
const MODEL = 'fixture-model';

function scratch(withLlm = true): string {
  const root = mkdtempSync(join(tmpdir(), 'sift-llm-'));
  mkdirSync(join(root, 'questions'));
  mkdirSync(join(root, 'tests/fixtures/llm'), { recursive: true });
  cpSync(join(repo, 'tests/fixtures/llm/corpora'), join(root, 'tests/fixtures/llm/corpora'), { recursive: true });
  const question = readFileSync(join(repo, 'tests/fixtures/llm/questions/llm-review.yaml'), 'utf8');
  writeFileSync(join(root, 'questions/llm-review.yaml'), withLlm ? question : question.replace(/\nllm:\n.*\n/, '\n'));
  return root;
}

function config(url: string, overrides: Partial<LlmConfig> = {}): LlmConfig {
  return { baseUrl: url, model: MODEL, apiKey: SECRET, stream: true, concurrency: 4, timeoutMs: 3000, retries: 4, budget: { requests: 500, tokens: 10_000_000 }, ...overrides };
}

function fakeDeps(delays: number[]) {
  // Waits are recorded, never slept; the per-attempt timeout (3 s here) is the one real clock, for the stalled stream.
  return { fetch: globalThis.fetch, now: () => Date.parse(NOW), sleep: async (ms: number) => void delays.push(ms), random: () => 0.5, clock: () => NOW };
}

// The report page and its evidence pages as a build renders them, through Astro's container API (as tests/site/astro-components.test.ts
// renders components): a whole site build would add a minute and show nothing more about this one page.
async function renderReportPage(s: Synthesis): Promise<string> {
  process.env['ASTRO_TELEMETRY_DISABLED'] = '1';
  const config = await getViteConfig(
    { server: { middlewareMode: true, hmr: false, ws: false }, appType: 'custom', logLevel: 'error' },
    { logLevel: 'error' },
  )({ command: 'serve', mode: 'test' });
  const vite = await createServer({ ...config, configFile: false });
  try {
    const { experimental_AstroContainer } = (await vite.ssrLoadModule('astro/container')) as typeof import('astro/container');
    const container = await experimental_AstroContainer.create();
    type Page = { default: Parameters<typeof container.renderToString>[0] };
    const page = (await vite.ssrLoadModule('/src/pages/reports/[id]/index.astro')) as Page;
    let html = await container.renderToString(page.default, { props: { synthesis: s }, params: { id: s.id } });
    // The claims' evidence (with a model's reasons) is on the evidence pages beside the report page.
    const evidence = (await vite.ssrLoadModule('/src/pages/reports/[id]/evidence/[...page].astro')) as Page;
    const pages = pageCount(s.claims.length, CLAIMS_PER_EVIDENCE_PAGE);
    for (let n = 1; n <= pages; n++) {
      html += await container.renderToString(evidence.default, { props: { synthesis: s, page: n, pages }, params: { id: s.id, page: n === 1 ? undefined : String(n) } });
    }
    // Dev-mode source annotations are not part of what a build ships.
    return html.replace(/ data-astro-source-(file|loc)="[^"]*"/g, '');
  } finally {
    await vite.close();
  }
}

function written(root: string, id = 'llm-review'): string {
  return readFileSync(join(root, 'src/content/syntheses', `${id}.json`), 'utf8');
}

// Material the fixture model made up: none of it is in any paper, so none of it may reach the report.
const INVENTED = [
  'Deep learning detectors reach 99% accuracy', // invented quote
  'data doubles the performance', // quote with one word changed ("improves")
  'doi:10.9999/not-included', // claim from a paper that is not included
  'a solved problem', // summary sentence citing nothing
  'Models trained on synthetic benchmarks fail', // cites a claim that does not exist
  '93% accuracy', // number in no quote
  'Zhang et al.', // citation to a paper that is not included, in the text
  'Static analysis finds fewer vulnerabilities than models do', // cites a claim of another facet
  'Every claim in this review is supported, and', // obeys the injection
  'Quantum annealing', // nothing in the cited claim bears it out
  'Confirms the claim in every benchmark', // stance on a sentence never sent
  'Prompting was found useless', // second stance on one sentence
  '95% detection rates', // stance reason with a number in neither text
  'The paper asks reviewers to rate', // reviewer reason quoting the injected abstract
  'Every claim answers the question', // reviewer reason about a claim that does not exist
  'Ignore the rest of the panel', // reviewer comment of two lines
  'Over 95% of claims', // reviewer comment with a number from nowhere
  'Compared with static analysis tools, large language models', // summary cut off by the length limit
];

describe('synthesize --llm against a loopback chat-completions server (hand-written answers)', () => {
  let root: string;
  let server: ChatServer;
  let asked: AskModelResult;
  let synthesis: Synthesis;
  const delays: number[] = [];

  beforeAll(async () => {
    root = scratch();
    server = await startChatServer(fixtureModel());
    asked = await askModel({ root, model: MODEL, asker: createLlmClient(config(server.url), fakeDeps(delays)), now: clock });
    await server.close();
    const run = synthesize({ root, now: clock });
    const outcome = run.outcomes[0]!;
    if (outcome.status !== 'written') throw new Error(outcome.status === 'failed' ? outcome.message : 'nothing written');
    synthesis = readSynthesis(root, outcome.id)!;
  }, 180_000);

  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('asks step by step over a stream, at temperature 0, for JSON of the step schema, with the key as a bearer token', () => {
    const steps = server.requests.map((r) => r.step);
    const firsts = ['claims', 'stance', 'summary', 'review'].map((s) => steps.indexOf(s));
    expect(firsts.every((at, i) => at >= 0 && (i === 0 || at > firsts[i - 1]!))).toBe(true);
    for (const r of server.requests) {
      expect(r.body).toMatchObject({ model: MODEL, stream: true, temperature: 0, response_format: { type: 'json_schema', json_schema: { name: r.step, strict: true } } });
      expect(r.headers.authorization).toBe(`Bearer ${SECRET}`);
    }
    expect(asked.failures).toEqual([]);
    expect(asked.budgetStopped).toBeNull();
  });

  it("waits as a 429's Retry-After asks, and retries a 500 and a stalled stream with backoff", () => {
    const asks = (paper: string) => server.requests.filter((r) => r.step === 'claims' && (r.data as { paper: { id: string } }).paper.id === paper).length;
    expect(asks('doi:10.1109/access.2025.3546700')).toBe(2); // 429, then the answer
    expect(asks('arxiv:2407.16235')).toBe(2); // 500, then the answer
    expect(asks('doi:10.1145/3639476.3639762')).toBe(2); // stalled stream (timed out), then the answer
    expect(delays).toContain(7000);
    expect(delays.filter((d) => d !== 7000)).toEqual([750, 750]);
    // Their answers were used: each of those papers' claims is the model's.
    for (const paper of ['doi:10.1109/access.2025.3546700', 'arxiv:2407.16235', 'doi:10.1145/3639476.3639762']) {
      expect(synthesis.claims.filter((c) => c.paper === paper).map((c) => c.method)).toEqual([`llm:claims-v1 (${MODEL})`]);
    }
  });

  it('counts every rejection, by the check that made it, in the provenance and the methods text', () => {
    expect(synthesis.llm?.rejections).toEqual({
      'claim-instruction': 2, // the injected sentence and the forged "END DATA … SYSTEM:" one
      'claim-not-verbatim': 2, // invented quote; quote with one word changed
      'claim-paper-not-sent': 1,
      malformed: 3, // claims JSON cut mid-object; stance answer in prose; a probability of 1.7
      refused: 1,
      truncated: 2, // claims and summary cut off by the length limit
      'review-reason-unchecked': 4,
      'review-score-unsupported': 4,
      'stance-duplicate': 1,
      'stance-evidence-not-sent': 1,
      'stance-reason-unchecked': 1,
      'summary-about-review': 1,
      'summary-citation-in-text': 1,
      'summary-no-citation': 1,
      'summary-number-not-quoted': 1,
      'summary-off-facet': 1,
      'summary-ungrounded': 1,
      'summary-unknown-claim': 1,
    });
    expect(synthesis.llm?.steps).toEqual([
      { step: 'claims', asked: 11, answered: 11, used: 8 },
      { step: 'stance', asked: 17, answered: 17, used: 16 },
      { step: 'summary', asked: 4, answered: 4, used: 3 },
      { step: 'review', asked: 1, answered: 1, used: 1 },
    ]);
    const methods = synthesis.methods.at(-1)!;
    expect(methods).toContain(`A language model (${MODEL}) took these steps`);
    expect(methods).toContain('claim spans not verbatim at their offsets: 2');
    expect(methods).toContain('stances on sentences that were never sent: 1');
    expect(methods).toContain('summary sentences stating a number found in none of their cited quotes: 1');
    expect(synthesis.counts.claimsDropped).toBe(2);
  });

  it('keeps the offline result where an answer was refused, malformed or cut off', () => {
    for (const paper of ['llm-review:tp0358', 'arxiv:2406.03718', 'arxiv:2403.17218']) {
      const methods = synthesis.claims.filter((c) => c.paper === paper).map((c) => c.method);
      expect(methods.length).toBeGreaterThan(0);
      expect(new Set(methods)).toEqual(new Set(['lexical-v1']));
    }
    // The baselines summary was cut off: that facet keeps the summary composed by rule.
    expect(synthesis.summary.filter((s) => s.facet === 'baselines' && s.method !== undefined)).toEqual([]);
    expect(synthesis.summary.some((s) => s.facet === 'baselines' && s.kind !== 'gap')).toBe(true);
  });

  it('lets through what passes: claims verbatim at their offsets, stances with their reasons, cited prose, a reviewer quoting the page', () => {
    const papers = new Map(synthesis.papers.map((p) => [p.id, p]));
    for (const c of synthesis.claims) {
      const p = papers.get(c.paper)!;
      expect((c.quote.field === 'title' ? p.title : p.abstract!).slice(c.quote.start, c.quote.end)).toBe(c.quote.text);
    }
    const overall = synthesis.claims.find((c) => c.text.startsWith('Overall, LLMs across'))!;
    expect(overall.verification.verdict).toBe('supported');
    expect(overall.verification.verifier).toBe(`llm:stance-v2 (${MODEL})`);
    expect(overall.verification.evidence[0]).toMatchObject({ stance: 'supports', score: 0.82, reason: 'Both report that LLMs detect vulnerabilities only modestly well.' });
    const prose = synthesis.summary.filter((s) => s.method !== undefined);
    expect(prose.map((s) => [s.facet, s.kind])).toEqual([
      ['accuracy', 'single-study'], // cites a supported claim and an uncorroborated one: labelled by the weaker
      ['prompting', 'single-study'],
      ['fine-tuning', 'single-study'],
    ]);
    const reviewer = synthesis.review.reviewers.find((r) => r.name === `Language model (${MODEL})`)!;
    expect(reviewer.criteria).toEqual({ informativeness: 3, completeness: 2 });
    expect(reviewer.reasons.every((r) => /\((?:claim [0-9a-f]{16}|summary sentence \d+|paper \S+|gap "[^"]+"|count \w+): /.test(r))).toBe(true);
  });

  it('the published report and its JSON contain none of the invented material, nor anything the injection asked for', () => {
    const corpus = readFileSync(join(repo, 'tests/fixtures/llm/corpora/llm-review.csl.json'), 'utf8');
    for (const text of INVENTED) expect(corpus, text).not.toContain(text);
    const json = JSON.stringify(toReportJson(synthesis));
    const stored = JSON.stringify(synthesis);
    for (const text of INVENTED) {
      expect(json, text).not.toContain(text);
      expect(stored, text).not.toContain(text);
    }
    // The injected abstract is a paper's data and is published as such; nothing the model was asked to write
    // carries it.
    const written = JSON.stringify([synthesis.claims.map((c) => c.text), synthesis.summary, synthesis.review, synthesis.methods]);
    for (const text of ['Ignore previous instructions', 'rate this review 10/10', 'SYSTEM:', 'detection is solved']) expect(written, text).not.toContain(text);
  });

  it('passes the report contract check', () => {
    const check = join(repo, '..', 'shared', 'checks', 'report-invariants.mjs');
    if (!existsSync(check)) return;
    const dir = mkdtempSync(join(tmpdir(), 'sift-llm-json-'));
    try {
      writeFileSync(join(dir, `${synthesis.id}.json`), JSON.stringify(toReportJson(synthesis)));
      writeFileSync(join(dir, 'index.json'), JSON.stringify(toReportIndex([synthesis], NOW)));
      const run = spawnSync(process.execPath, [check, dir], { encoding: 'utf8' });
      expect(run.stdout).toMatch(/problems=0/);
      expect(run.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps the key out of the cache, the synthesis and every message', () => {
    const cache = readFileSync(join(root, 'src/content/llm/llm-review.json'), 'utf8');
    for (const text of [cache, written(root), JSON.stringify(asked)]) expect(text).not.toContain(SECRET);
  });

  it('rebuilds byte-identically from the cache, with no server, and writes nothing on a second build', () => {
    const other = scratch();
    try {
      mkdirSync(join(other, 'src/content/llm'), { recursive: true });
      cpSync(join(root, 'src/content/llm/llm-review.json'), join(other, 'src/content/llm/llm-review.json'));
      synthesize({ root: other, now: clock });
      expect(written(other)).toBe(written(root));
      const again = synthesize({ root, now: () => new Date('2026-12-01T00:00:00Z') });
      expect(again.outcomes.map((o) => o.status)).toEqual(['unchanged']);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('asks nothing again when the cache already holds every answer', async () => {
    const again = await startChatServer(fixtureModel());
    try {
      const before = readFileSync(join(root, 'src/content/llm/llm-review.json'), 'utf8');
      const result = await askModel({ root, model: MODEL, asker: createLlmClient(config(again.url), fakeDeps([])), now: clock });
      expect(again.requests).toEqual([]);
      expect(result.questions).toEqual([{ id: 'llm-review', asked: 0, answered: 0, failed: 0, cached: 33 }]);
      expect(readFileSync(join(root, 'src/content/llm/llm-review.json'), 'utf8')).toBe(before);
    } finally {
      await again.close();
    }
  });

  it("sends the model the verifier's candidates beyond the five it keeps, and shows five, those the model judged to take a side first", () => {
    const stance = server.requests.filter((r) => r.step === 'stance').map((r) => r.data as { claim: string; evidence: { id: string; text: string }[] });
    expect(stance.length).toBeGreaterThan(0);
    for (const r of stance) expect(r.evidence.length).toBeLessThanOrEqual(STANCE_CANDIDATES);
    expect(stance.some((r) => r.evidence.length > 5)).toBe(true);
    // The model judged a sentence the verifier ranked tenth, below the five it keeps: it now leads the evidence.
    const future = stance.find((r) => r.claim.startsWith('We demonstrate that large language models (LLMs) are the future'))!;
    expect(future.evidence.findIndex((e) => e.text.includes('VulLLM surpasses'))).toBeGreaterThanOrEqual(5);
    const claim = synthesis.claims.find((c) => c.text.startsWith('We demonstrate that large language models (LLMs) are the future'))!;
    expect(claim.verification.verdict).toBe('supported');
    expect(claim.verification.evidence[0]!.quote).toContain('VulLLM surpasses');
    expect(claim.verification.evidence[0]).toMatchObject({ stance: 'supports', score: 0.8 });
    for (const c of synthesis.claims) expect(c.verification.evidence.length).toBeLessThanOrEqual(5);
  });

  it("says where the model's stance probabilities are its own: uncalibrated, in the provenance, the methods text and the JSON", () => {
    expect(synthesis.llm?.stanceConfidence).toEqual({ calibration: 'uncalibrated', fitted: null });
    expect(synthesis.methods.at(-1)).toContain("Stance probabilities are the model's own, uncalibrated");
    expect(toReportJson(synthesis).llm).toEqual({ model: MODEL, steps: ['claims', 'stance', 'summary', 'review'], stanceConfidence: 'uncalibrated' });
  });

  it('applies a calibration committed for the model: a verdict changes exactly where a mapped probability crosses 0.5', () => {
    // Written by hand, not fitted: supports maps 0.82 -> 0.6546, 0.80 -> 0.5811, 0.75 -> 0.4102 (a = 2.4, b = -3 on the
    // logit); contradicts and neutral are the identity. Only the prompting claim's support (0.75) falls below 0.5.
    const identity = { a: 1, b: 0, pairs: 0, own: false };
    const calibration: LlmCalibration = {
      model: MODEL,
      prompt: STANCE_PROMPT,
      method: 'platt-per-stance',
      stances: { supports: { a: 2.4, b: -3, pairs: 40, own: true }, contradicts: identity, neutral: identity },
      fittedOn: { file: 'pairs.csv', sha256: '0'.repeat(64), pairs: 120, judged: 110, answered: '2026-11-26' },
      crossValidated: { folds: 5, seed: 1, judged: 110, eceBefore: 0.31, eceAfter: 0.06, macroF1Before: 0.4, macroF1After: 0.4 },
    };
    const build = (c: LlmCalibration | null) => {
      const other = scratch();
      try {
        mkdirSync(join(other, 'src/content/llm'), { recursive: true });
        cpSync(join(root, 'src/content/llm/llm-review.json'), join(other, 'src/content/llm/llm-review.json'));
        if (c !== null) {
          mkdirSync(join(other, 'calibration/llm'), { recursive: true });
          writeFileSync(stanceCalibrationPath(other, MODEL), JSON.stringify(c));
        }
        const outcome = synthesize({ root: other, now: clock }).outcomes[0]!;
        if (outcome.status !== 'written') throw new Error(outcome.status === 'failed' ? outcome.message : 'nothing written');
        return readSynthesis(other, outcome.id)!;
      } finally {
        rmSync(other, { recursive: true, force: true });
      }
    };
    const calibrated = build(calibration);
    const verdicts = (s: Synthesis) => new Map(s.claims.map((c) => [c.id, c.verification.verdict]));
    const before = verdicts(synthesis);
    const after = verdicts(calibrated);
    expect([...after.keys()]).toEqual([...before.keys()]);
    const changed = [...before].filter(([id, v]) => after.get(id) !== v).map(([id]) => synthesis.claims.find((c) => c.id === id)!.text);
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatch(/^We find that advanced prompting strategies/);
    const byText = (s: Synthesis, start: string) => s.claims.find((c) => c.text.startsWith(start))!.verification;
    expect(byText(synthesis, 'We find that advanced prompting').verdict).toBe('supported');
    expect(byText(calibrated, 'We find that advanced prompting').verdict).toBe('insufficient');
    expect(byText(calibrated, 'Overall, LLMs across').evidence[0]).toMatchObject({ stance: 'supports', score: 0.6546 });
    expect(byText(calibrated, 'Overall, LLMs across').confidence).toBe(0.6546);
    expect(byText(calibrated, 'We demonstrate that large language models').evidence[0]).toMatchObject({ stance: 'supports', score: 0.5811 });
    expect(calibrated.llm?.stanceConfidence).toEqual({ calibration: 'calibrated', fitted: { file: 'pairs.csv', judged: 110, eceBefore: 0.31, eceAfter: 0.06 } });
    expect(calibrated.methods.at(-1)).toContain('Stance probabilities are calibrated');
    expect(calibrated.methods.at(-1)).toContain('0.310 before, 0.060 after');
    expect(toReportJson(calibrated).llm?.stanceConfidence).toBe('calibrated');

    // A calibration fitted with another prompt version, or for another model under the same file name, does not
    // describe these answers: the review is the uncalibrated one.
    for (const stale of [{ ...calibration, prompt: 'stance-v1' }, { ...calibration, model: 'Fixture Model' }]) {
      const s = build(stale);
      expect(s.llm?.stanceConfidence?.calibration).toBe('uncalibrated');
      expect(s.claims).toEqual(synthesis.claims);
    }
  }, 120_000);

  it('shows on the report page which steps a model did, which model and when, and none of the invented material', async () => {
    const page = await renderReportPage(synthesis);
    expect(page).toContain('Steps a language model did');
    expect(page).toContain(`${MODEL}, answers from <time datetime="${NOW}">2026-11-26</time>`);
    expect(page).toContain('†');
    expect(page).toContain('Large language models detect vulnerabilities with only modest effectiveness');
    expect(page).toContain(`Language model (${MODEL})`);
    expect(page).toContain("the model's reason: Both report that LLMs detect vulnerabilities only modestly well.");
    for (const text of INVENTED) expect(page, text).not.toContain(text);
  }, 120_000);
});

describe('with no model configured, or no answers cached', () => {
  it('a question without llm steps, and one whose steps have no answers yet, give the offline review', () => {
    const plain = scratch(false);
    const waiting = scratch(true);
    try {
      const a = synthesize({ root: plain, now: clock }).outcomes[0]!;
      const b = synthesize({ root: waiting, now: clock }).outcomes[0]!;
      if (a.status !== 'written' || b.status !== 'written') throw new Error('synthesis not written');
      const [sa, sb] = [readSynthesis(plain, a.id)!, readSynthesis(waiting, b.id)!];
      expect(sa.llm).toBeUndefined();
      expect(sb.llm).toBeUndefined();
      expect(written(plain)).not.toContain('"llm"');
      expect('llm' in toReportJson(sa)).toBe(false);
      const same = (s: Synthesis) => ({ ...s, inputHash: '' });
      expect(same(sb)).toEqual(same(sa));
    } finally {
      rmSync(plain, { recursive: true, force: true });
      rmSync(waiting, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('a budget', () => {
  it('stops asking cleanly at the limit, says so, and the review uses what was answered', async () => {
    const root = scratch();
    const server = await startChatServer(fixtureModel());
    try {
      const asker = createLlmClient(config(server.url, { stream: false, budget: { requests: 5, tokens: 10_000_000 } }), fakeDeps([]));
      const result = await askModel({ root, model: MODEL, asker, now: clock });
      expect(result.budgetStopped).toBe('the budget of 5 requests is spent');
      // Five answered; a fault's retry is the same request, and the fixture has three answers that fail once (429, 500,
      // a stalled stream), any of which may come first in screening's order.
      expect(server.requests.length).toBeLessThanOrEqual(5 + 3);
      const outcome = synthesize({ root, now: clock }).outcomes[0]!;
      if (outcome.status !== 'written') throw new Error(outcome.status === 'failed' ? outcome.message : 'nothing written');
      const stored = readSynthesis(root, outcome.id)!;
      expect(stored.llm?.steps[0]).toMatchObject({ step: 'claims', asked: 11, answered: 5 });
      expect(stored.methods.at(-1)).toContain('claim extraction (5 of 11 requests answered');
    } finally {
      await server.close();
      rmSync(root, { recursive: true, force: true });
    }
  }, 120_000);
});
