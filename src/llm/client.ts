import OpenAI from 'openai';
import type { LlmEntry } from '../records/index.ts';
import type { LlmRequest } from '../pipeline/llm-request.ts';
import { HttpFailure } from '../sources/errors.ts';
import { createHttpClient, defaultHttpOptions, type HttpDeps } from '../sources/http.ts';
import { createBudget, estimateTokens, type Budget } from './budget.ts';
import { redactLlm, type LlmConfig } from './config.ts';

// The one client of a language model: OpenAI's official package speaks the chat-completions protocol (and its
// streaming), and every HTTP exchange goes through the scholarly sources' HTTP layer (src/sources/http.ts), so a
// model server gets the same policy as an API: a timeout per attempt, body included, retries of 429 and 5xx
// with backoff that honours Retry-After, and a bound on requests in flight. The package's own retries are off,
// so nothing is retried twice over.

export type AskOutcome =
  | { status: 'answered'; entry: LlmEntry }
  | { status: 'failed'; message: string }
  | { status: 'over-budget'; message: string };

export type LlmAsker = {
  ask(request: LlmRequest): Promise<AskOutcome>;
  budget: Budget;
};

export type LlmClientDeps = HttpDeps & {
  /** ISO 8601 time stamped on each answer */
  clock: () => string;
  signal?: AbortSignal;
};

function headerRecord(headers: RequestInit['headers']): Record<string, string> {
  return Object.fromEntries(new Headers(headers ?? {}).entries());
}

function describe(error: unknown, config: LlmConfig): string {
  let cause: unknown = error;
  while (cause instanceof Error && !(cause instanceof HttpFailure) && cause.cause !== undefined) cause = cause.cause;
  const tries = (n: number) => (n === 1 ? '1 attempt' : `${n} attempts`);
  let message: string;
  if (cause instanceof HttpFailure) {
    switch (cause.kind) {
      case 'status': {
        const body = (cause.body ?? '').slice(0, 300).replace(/\s+/g, ' ').trim();
        message = `the model server answered ${cause.status} after ${tries(cause.attempts)}${body ? `: ${body}` : ''}`;
        break;
      }
      case 'timeout':
        message = `the model server did not finish answering within ${config.timeoutMs / 1000} s (${tries(cause.attempts)})`;
        break;
      case 'network':
        message = `the model server could not be reached (${cause.message}, ${tries(cause.attempts)})`;
        break;
      case 'aborted':
        message = 'interrupted';
        break;
    }
  } else {
    message = error instanceof Error ? error.message : String(error);
  }
  return redactLlm(message, config);
}

export function createLlmClient(config: LlmConfig, deps: LlmClientDeps): LlmAsker {
  const http = createHttpClient(
    { ...defaultHttpOptions, timeoutMs: config.timeoutMs, retries: config.retries, concurrency: config.concurrency },
    deps,
  );
  const fetchThroughPolicy = async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const signals = [init?.signal, deps.signal].filter((s): s is AbortSignal => s instanceof AbortSignal);
    const response = await http.send({
      url: String(url instanceof Request ? url.url : url),
      method: init?.method ?? 'GET',
      ...(typeof init?.body === 'string' ? { body: init.body } : {}),
      headers: headerRecord(init?.headers),
      intervalMs: 0,
      ...(signals.length ? { signal: AbortSignal.any(signals) } : {}),
    });
    return new Response(response.body, { status: response.status, headers: response.headers });
  };
  const openai = new OpenAI({
    // Local servers want no key; the package insists on one, and sends it only to baseURL.
    apiKey: config.apiKey ?? 'none',
    baseURL: config.baseUrl,
    maxRetries: 0,
    // The HTTP layer times out each attempt; the package's own clock would cut across its retries and waits.
    timeout: 24 * 60 * 60 * 1000,
    fetch: fetchThroughPolicy,
    logLevel: 'off',
  });
  const budget = createBudget(config.budget);

  async function complete(request: LlmRequest): Promise<Pick<LlmEntry, 'finish' | 'refusal' | 'content' | 'usage'>> {
    const params = {
      model: config.model,
      messages: request.messages,
      temperature: 0,
      max_tokens: request.maxTokens,
      response_format: { type: 'json_schema' as const, json_schema: { name: request.schemaName, strict: true, schema: request.schema } },
    };
    if (!config.stream) {
      const completion = await openai.chat.completions.create({ ...params, stream: false });
      const choice = completion.choices[0];
      return {
        finish: choice?.finish_reason ?? null,
        refusal: choice?.message.refusal ?? null,
        content: choice?.message.content ?? null,
        usage: completion.usage ? { prompt: completion.usage.prompt_tokens, completion: completion.usage.completion_tokens } : null,
      };
    }
    const stream = await openai.chat.completions.create({ ...params, stream: true, stream_options: { include_usage: true } });
    let content: string | null = null;
    let refusal: string | null = null;
    let finish: string | null = null;
    let usage: LlmEntry['usage'] = null;
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      if (choice?.delta.content) content = (content ?? '') + choice.delta.content;
      if (choice?.delta.refusal) refusal = (refusal ?? '') + choice.delta.refusal;
      if (choice?.finish_reason) finish = choice.finish_reason;
      if (chunk.usage) usage = { prompt: chunk.usage.prompt_tokens, completion: chunk.usage.completion_tokens };
    }
    return { finish, refusal, content, usage };
  }

  return {
    budget,
    async ask(request) {
      const promptTokens = estimateTokens(request.messages.map((m) => m.content).join('\n'));
      const slot = budget.reserve(promptTokens + request.maxTokens);
      if (!slot.ok) return { status: 'over-budget', message: slot.reason };
      try {
        const answer = await complete(request);
        const used = answer.usage ? answer.usage.prompt + answer.usage.completion : promptTokens + estimateTokens(answer.content ?? '');
        slot.settle(used);
        return {
          status: 'answered',
          entry: { key: request.key, step: request.step, prompt: request.prompt, subject: request.subject, answered: deps.clock(), ...answer },
        };
      } catch (error) {
        // A failed request is charged what it was sent: a server may well have spent that much on it.
        slot.settle(promptTokens);
        return { status: 'failed', message: describe(error, config) };
      }
    },
  };
}
