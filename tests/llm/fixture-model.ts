import { readFileSync } from 'node:fs';
import { claimId } from '../../src/pipeline/claims.ts';
import type { ChatReply, ChatRequest } from './chat-server.ts';

// A pretend language model for the tests: it answers each request from the hand-written answers in
// tests/fixtures/llm/answers.json, found by what the request is about (a paper for claims, a claim's text for
// stance, a facet for the summary, the review). Where the file says {sentence: k} or {evidenceContaining: "…"} it
// copies what the request sent, as a model copies ids and offsets it was given; the rest is as written there.
// Each subject may first fail (429, 500, a stalled stream) before it answers.

type Span = { sentence?: number; replace?: [string, string]; paper?: string; field?: string; start?: number; end?: number; quote?: string; facet: string | null };
type Faults = { faults?: string[] };
type Written = Faults & ({ spans: Span[] } | { raw: string } | { truncated: string } | { refusal: string } | { json: unknown });
type Judgement = { evidence?: string; evidenceContaining?: string; stance: string; confidence: number; reason: string };
type CitedSentence = { text: string; cite?: string[]; claimOf?: { paper: string; quote: string }[]; ids?: string[] };
type Reason = { target: string; ref?: string; refClaimOf?: { paper: string; quote: string }; quote: string; comment: string };

export type Answers = {
  claims: Record<string, Written>;
  stance: Record<string, Faults & { judgements?: Judgement[]; raw?: string }>;
  stanceDefault: Omit<Judgement, 'evidence' | 'evidenceContaining'>;
  summary: Record<string, Faults & { sentences?: CitedSentence[]; truncated?: string; raw?: string }>;
  review: Faults & { criteria: { criterion: string; score: number; reasons: Reason[] }[] };
};

export function readAnswers(): Answers {
  return JSON.parse(readFileSync(new URL('../fixtures/llm/answers.json', import.meta.url), 'utf8')) as Answers;
}

const fault = (name: string): ChatReply => {
  if (name === '429') return { kind: 'status', status: 429, headers: { 'retry-after': '7' }, body: '{"error":{"message":"Rate limit reached","type":"rate_limit_exceeded"}}' };
  if (name === '500') return { kind: 'status', status: 500 };
  if (name === 'stall') return { kind: 'stall', content: '{"claims": [' };
  throw new Error(`unknown fault ${name}`);
};

type Sent = { field: string; start: number; end: number; text: string };

export function fixtureModel(answers: Answers = readAnswers()): (request: ChatRequest) => ChatReply {
  const served = new Map<string, number>();
  // A subject's faults are served one per request, in order, before its answer.
  const faultFirst = (subject: string, written: Faults | undefined): ChatReply | null => {
    const n = served.get(subject) ?? 0;
    served.set(subject, n + 1);
    const f = written?.faults?.[n];
    return f === undefined ? null : fault(f);
  };
  const json = (value: unknown): ChatReply => ({ kind: 'answer', content: JSON.stringify(value) });

  return (request) => {
    const data = request.data as Record<string, any>;
    switch (request.step) {
      case 'claims': {
        const paper = data['paper'] as { id: string; sentences: Sent[] };
        const written = answers.claims[paper.id];
        const failure = faultFirst(`claims:${paper.id}`, written);
        if (failure) return failure;
        if (written === undefined) return json({ claims: [] });
        if ('raw' in written) return { kind: 'answer', content: written.raw };
        if ('truncated' in written) return { kind: 'answer', content: written.truncated, finish: 'length' };
        if ('refusal' in written) return { kind: 'refusal', refusal: written.refusal };
        if ('json' in written) return json(written.json);
        return json({
          claims: written.spans.map((s) => {
            if (s.sentence === undefined) return { paper: s.paper, field: s.field, start: s.start, end: s.end, quote: s.quote, facet: s.facet };
            const sent = paper.sentences[s.sentence]!;
            const quote = s.replace ? sent.text.replace(s.replace[0], s.replace[1]) : sent.text;
            return { paper: s.paper ?? paper.id, field: sent.field, start: sent.start, end: sent.end, quote, facet: s.facet };
          }),
        });
      }
      case 'stance': {
        const claim = data['claim'] as string;
        const evidence = data['evidence'] as { id: string; text: string }[];
        const prefix = Object.keys(answers.stance).find((p) => claim.startsWith(p));
        const written = prefix === undefined ? undefined : answers.stance[prefix];
        const failure = faultFirst(`stance:${claim}`, written);
        if (failure) return failure;
        if (written?.raw !== undefined) return { kind: 'answer', content: written.raw };
        const judged = (written?.judgements ?? []).flatMap((j) => {
          if (j.evidence !== undefined) return [{ evidence: j.evidence, stance: j.stance, confidence: j.confidence, reason: j.reason }];
          const e = evidence.find((x) => x.text.includes(j.evidenceContaining!));
          return e ? [{ evidence: e.id, stance: j.stance, confidence: j.confidence, reason: j.reason }] : [];
        });
        const rest = evidence.filter((e) => !judged.some((j) => j.evidence === e.id)).map((e) => ({ evidence: e.id, ...answers.stanceDefault }));
        return json({ judgements: [...judged, ...rest] });
      }
      case 'summary': {
        const facet = (data['facet'] as { id: string }).id;
        const claims = data['claims'] as { id: string; text: string }[];
        const written = answers.summary[facet];
        const failure = faultFirst(`summary:${facet}`, written);
        if (failure) return failure;
        if (written === undefined) return json({ sentences: [] });
        if (written.truncated !== undefined) return { kind: 'answer', content: written.truncated, finish: 'length' };
        if (written.raw !== undefined) return { kind: 'answer', content: written.raw };
        return json({
          sentences: written.sentences!.map((s) => ({
            text: s.text,
            claims: [
              ...(s.cite ?? []).map((prefix) => claims.find((c) => c.text.startsWith(prefix))?.id ?? `missing:${prefix}`),
              ...(s.claimOf ?? []).map((c) => claimId(c.paper, c.quote)),
              ...(s.ids ?? []),
            ],
          })),
        });
      }
      case 'review': {
        const failure = faultFirst('review', answers.review);
        if (failure) return failure;
        return json({
          criteria: answers.review.criteria.map((c) => ({
            criterion: c.criterion,
            score: c.score,
            reasons: c.reasons.map((r) => ({
              target: r.target,
              ref: r.refClaimOf ? claimId(r.refClaimOf.paper, r.refClaimOf.quote) : r.ref,
              quote: r.quote,
              comment: r.comment,
            })),
          })),
        });
      }
      default:
        return { kind: 'status', status: 400, body: `{"error":{"message":"unknown response_format ${request.step}"}}` };
    }
  };
}
