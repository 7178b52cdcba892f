// What the stages ask a language model, and what they do with the answers: pure bookkeeping.
//
// Exported API
//   type LlmMessage, type LlmRequest                      one request: messages plus the answer's JSON Schema
//   type LlmContext = { model; steps; entries }           the cached answers a synthesis may use
//   requestKey(model, request): string                    sha256 of model, prompt version, messages and schema
//   class LlmLedger                                       per synthesis: what was asked, found, used, rejected
//   readAnswer(entry, schema)                             a raw answer → its parsed value, or why not
//
// A stage never calls a model. It describes the request it would make (the same data always gives the same
// request, so the same key); the runner answers what is missing (src/synthesize-llm.ts) and the next synthesis
// finds the answer under that key. An answer is data: every part of it goes through the step's checks, and a
// step without an answer keeps the offline result.
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { z as zod } from 'zod';
import type { LlmCalibration, LlmEntry, LlmProvenance, LlmRejection, LlmStep } from '../records/index.ts';
import { LLM_ANSWER_SCHEMAS, LLM_STEPS } from '../records/index.ts';

export type LlmMessage = { role: 'system' | 'user'; content: string };

export type LlmRequest = {
  key: string;
  step: LlmStep;
  /** prompt version, e.g. "claims-v1": bump it with any change to the prompt's wording */
  prompt: string;
  /** what the request is about (a paper, claim or facet id, or the review), for logs and the cache */
  subject: string;
  messages: LlmMessage[];
  /** the JSON Schema the answer must follow (OpenAI structured outputs, response_format json_schema) */
  schemaName: string;
  schema: Record<string, unknown>;
  /** most tokens the answer may take */
  maxTokens: number;
};

export type LlmContext = {
  model: string;
  steps: readonly LlmStep[];
  entries: ReadonlyMap<string, LlmEntry>;
  /** the stance calibration committed for this model (src/store/llm-calibration.ts), if any */
  stanceCalibration?: LlmCalibration | null;
};

export function requestKey(model: string, request: Omit<LlmRequest, 'key'>): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify([model, request.prompt, request.messages, request.schemaName, request.schema, request.maxTokens]));
  return hash.digest('hex');
}

const schemas = new Map<LlmStep, Record<string, unknown>>();

/** The step's answer schema as JSON Schema (zod 4's converter; computed once per step). */
export function answerSchema(step: LlmStep): Record<string, unknown> {
  let schema = schemas.get(step);
  if (!schema) {
    schema = zod.toJSONSchema(LLM_ANSWER_SCHEMAS[step], { target: 'draft-7' }) as Record<string, unknown>;
    delete schema['$schema'];
    schemas.set(step, withoutSafeIntegerBounds(schema) as Record<string, unknown>);
    schema = schemas.get(step)!;
  }
  return schema;
}

// zod writes z.int()'s implicit ±(2^53 − 1) bounds into the schema; they say nothing to a model and some
// servers' grammar compilers choke on them.
function withoutSafeIntegerBounds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSafeIntegerBounds);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if ((k === 'minimum' || k === 'maximum') && Math.abs(v as number) === Number.MAX_SAFE_INTEGER) continue;
    out[k] = withoutSafeIntegerBounds(v);
  }
  return out;
}

type StepTally = { asked: number; answered: number; used: number };

export class LlmLedger {
  readonly context: LlmContext;
  /** every request this synthesis needed, in the order the stages asked */
  readonly wanted: LlmRequest[] = [];
  /** keys of the cached answers it read */
  readonly used = new Set<string>();
  private readonly tally = new Map<LlmStep, StepTally>();
  private readonly rejections = new Map<LlmRejection, number>();
  private readonly times: string[] = [];
  /** how the stance step's probabilities were read, once it has run */
  stanceConfidence: LlmProvenance['stanceConfidence'];

  constructor(context: LlmContext) {
    this.context = context;
  }

  has(step: LlmStep): boolean {
    return this.context.steps.includes(step);
  }

  /** Records the request and returns its cached answer, if there is one. */
  ask(request: Omit<LlmRequest, 'key'>): LlmEntry | undefined {
    const key = requestKey(this.context.model, request);
    this.wanted.push({ ...request, key });
    const t = this.stepTally(request.step);
    t.asked++;
    const entry = this.context.entries.get(key);
    if (entry === undefined) return undefined;
    t.answered++;
    this.used.add(key);
    this.times.push(entry.answered);
    return entry;
  }

  /** An answer of this step was let through, in whole or in part. */
  accept(step: LlmStep): void {
    this.stepTally(step).used++;
  }

  reject(kind: LlmRejection, count = 1): void {
    if (count > 0) this.rejections.set(kind, (this.rejections.get(kind) ?? 0) + count);
  }

  /** What the page and the methods text say about the model's part, or undefined when it had none. */
  provenance(): LlmProvenance | undefined {
    if (this.context.steps.length === 0) return undefined;
    const times = [...this.times].sort();
    const rejections: LlmProvenance['rejections'] = {};
    for (const [kind, n] of [...this.rejections].sort(([a], [b]) => (a < b ? -1 : 1))) rejections[kind] = n;
    return {
      model: this.context.model,
      steps: LLM_STEPS.filter((s) => this.has(s)).map((step) => ({ step, ...this.stepTally(step) })),
      answeredFrom: times[0] ?? null,
      answeredTo: times.at(-1) ?? null,
      rejections,
      ...(this.stanceConfidence ? { stanceConfidence: this.stanceConfidence } : {}),
    };
  }

  private stepTally(step: LlmStep): StepTally {
    let t = this.tally.get(step);
    if (!t) {
      t = { asked: 0, answered: 0, used: 0 };
      this.tally.set(step, t);
    }
    return t;
  }
}

export type ReadAnswer<T> = { ok: true; value: T } | { ok: false; rejection: 'refused' | 'truncated' | 'malformed'; detail: string };

/**
 * A raw answer read as the step's structured answer. A refusal, an answer cut off by the length limit and
 * anything that is not JSON of the schema's shape are rejected whole: a partial JSON document is not half an
 * answer. A Markdown code fence around the JSON (some local servers add one) is tolerated.
 */
export function readAnswer<T>(entry: LlmEntry, schema: z.ZodType<T>): ReadAnswer<T> {
  if (entry.refusal !== null) return { ok: false, rejection: 'refused', detail: entry.refusal };
  if (entry.finish === 'content_filter') return { ok: false, rejection: 'refused', detail: 'the server filtered the answer' };
  if (entry.finish === 'length') return { ok: false, rejection: 'truncated', detail: 'the answer was cut off by the length limit' };
  if (entry.content === null) return { ok: false, rejection: 'malformed', detail: 'the answer had no content' };
  const text = entry.content.trim().replace(/^```(?:json)?\s*\n([\s\S]*)\n```$/, '$1');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, rejection: 'malformed', detail: `not JSON (${(error as Error).message})` };
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) return { ok: false, rejection: 'malformed', detail: parsed.error.issues[0]?.message ?? 'not the schema' };
  return { ok: true, value: parsed.data };
}
