import { afterEach, describe, expect, it } from 'vitest';
import { createLlmClient, type AskOutcome } from '../../src/llm/client.ts';
import { estimateTokens } from '../../src/llm/budget.ts';
import { LLM_DEFAULTS, llmConfigured, readLlmConfig, type LlmConfig } from '../../src/llm/config.ts';
import { requestKey, type LlmRequest } from '../../src/pipeline/llm-request.ts';
import { stanceRequest } from '../../src/pipeline/llm-stance.ts';
import { SiftError } from '../../src/records/problem.ts';
import { startChatServer, type ChatReply, type ChatServer } from './chat-server.ts';

// The client against a loopback chat-completions server, each answer or fault written out here (invented: the
// protocol's edge cases, not a paper's data). Waits are recorded by an injected sleep, never slept.

const SECRET = 'sk-live-key-that-must-not-leak';
let server: ChatServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function request(n = 1): LlmRequest {
  const partial = stanceRequest('Fine-tuned models detect more vulnerabilities than static analysers.', ['CodeQL finds fewer bugs than the fine-tuned model.'], `claim-${n}`);
  return { ...partial, key: requestKey('m', { ...partial, subject: `claim-${n}` }) };
}

async function ask(replies: ChatReply[], overrides: Partial<LlmConfig> = {}, requests = [request()]) {
  let served = 0;
  server = await startChatServer(() => replies[Math.min(served++, replies.length - 1)]!);
  const delays: number[] = [];
  const config: LlmConfig = { baseUrl: server.url, model: 'm', apiKey: SECRET, stream: false, concurrency: 2, timeoutMs: 2000, retries: 2, budget: { requests: 100, tokens: 1_000_000 }, ...overrides };
  const client = createLlmClient(config, { fetch: globalThis.fetch, now: () => 0, sleep: async (ms) => void delays.push(ms), random: () => 0, clock: () => '2026-11-26T10:00:00Z' });
  const outcomes: AskOutcome[] = [];
  for (const r of requests) outcomes.push(await client.ask(r));
  return { outcomes, delays, server, client };
}

const answer = (content: string, extra: Partial<Extract<ChatReply, { kind: 'answer' }>> = {}): ChatReply => ({ kind: 'answer', content, ...extra });
const JSON_ANSWER = '{"judgements":[{"evidence":"e1","stance":"supports","confidence":0.8,"reason":"Both compare."}]}';

describe.each([false, true])('the language-model client (stream: %s)', (stream) => {
  it('reads an answer, its finish reason and its token usage', async () => {
    const { outcomes } = await ask([answer(JSON_ANSWER, { usage: { prompt: 321, completion: 12 } })], { stream });
    expect(outcomes[0]).toEqual({
      status: 'answered',
      entry: { key: request().key, step: 'stance', prompt: 'stance-v2', subject: 'claim-1', answered: '2026-11-26T10:00:00Z', finish: 'stop', refusal: null, content: JSON_ANSWER, usage: { prompt: 321, completion: 12 } },
    });
  });

  it('keeps a refusal and an answer cut off by the length limit as they came, for the checks to reject', async () => {
    const refused = await ask([{ kind: 'refusal', refusal: 'I cannot assist with that.' }], { stream });
    expect(refused.outcomes[0]).toMatchObject({ status: 'answered', entry: { refusal: 'I cannot assist with that.', content: null } });
    await server!.close();
    const cut = await ask([answer('{"judgements":[{"evid', { finish: 'length' })], { stream });
    expect(cut.outcomes[0]).toMatchObject({ status: 'answered', entry: { finish: 'length', content: '{"judgements":[{"evid' } });
  });

  it("waits as a 429's Retry-After asks, then answers", async () => {
    const { outcomes, delays, server: s } = await ask([{ kind: 'status', status: 429, headers: { 'retry-after': '7' } }, answer(JSON_ANSWER)], { stream });
    expect(outcomes[0]?.status).toBe('answered');
    expect(delays).toEqual([7000]);
    expect(s.requests).toHaveLength(2);
  });

  it('backs off after a 500 and gives up after the retries, saying what happened without the key', async () => {
    const { outcomes, delays } = await ask([{ kind: 'status', status: 500, body: `{"error":{"message":"upstream failed for key ${SECRET}"}}` }], { stream });
    expect(delays).toEqual([500, 1000]);
    expect(outcomes[0]).toEqual({ status: 'failed', message: expect.stringContaining('the model server answered 500 after 3 attempts') });
    expect(JSON.stringify(outcomes)).not.toContain(SECRET);
    expect(JSON.stringify(outcomes)).toContain('[redacted]');
  });

  it('times out a stalled answer and retries it', async () => {
    const { outcomes, delays, server: s } = await ask([{ kind: 'stall', content: '{"judgements": [' }, answer(JSON_ANSWER)], { stream, timeoutMs: 300 });
    expect(outcomes[0]?.status).toBe('answered');
    expect(delays).toEqual([500]);
    expect(s.requests).toHaveLength(2);
  });

  it('does not retry a 400, and names it', async () => {
    const { outcomes, delays } = await ask([{ kind: 'status', status: 400, body: '{"error":{"message":"response_format json_schema is not supported"}}' }], { stream });
    expect(delays).toEqual([]);
    expect(outcomes[0]).toEqual({ status: 'failed', message: expect.stringContaining('400 after 1 attempt: {"error":{"message":"response_format json_schema is not supported"}}') });
  });
});

describe('the budget', () => {
  it('stops at the request limit and sends nothing after it', async () => {
    const { outcomes, server: s } = await ask([answer(JSON_ANSWER)], { budget: { requests: 2, tokens: 1_000_000 } }, [request(1), request(2), request(3), request(4)]);
    expect(outcomes.map((o) => o.status)).toEqual(['answered', 'answered', 'over-budget', 'over-budget']);
    expect(outcomes[2]).toEqual({ status: 'over-budget', message: 'the budget of 2 requests is spent' });
    expect(s.requests).toHaveLength(2);
  });

  it('stops before a request whose prompt and longest answer would pass the token limit', async () => {
    const r = request();
    // Room for the first request's reservation (estimated prompt + longest answer) and 100 tokens more.
    const first = estimateTokens(r.messages.map((m) => m.content).join('\n')) + r.maxTokens;
    const { outcomes, server: s, client } = await ask([answer(JSON_ANSWER, { usage: { prompt: 400, completion: 100 } })], { budget: { requests: 100, tokens: first + 100 } }, [request(1), request(2)]);
    expect(outcomes.map((o) => o.status)).toEqual(['answered', 'over-budget']);
    expect(outcomes[1]).toMatchObject({ message: expect.stringMatching(/^the budget of \d+ tokens is spent \(500 used/) });
    expect(s.requests).toHaveLength(1);
    expect(client.budget.spent()).toMatchObject({ requests: 1, tokens: 500 });
  });
});

describe('configuration from the environment only', () => {
  it('is off unless a model is named', () => {
    expect(llmConfigured({})).toBe(false);
    expect(llmConfigured({ SIFT_LLM_MODEL: 'llama3.1:8b' })).toBe(true);
  });

  it('reads the server, the model, the key and the limits, with the defaults', () => {
    const config = readLlmConfig({ SIFT_LLM_BASE_URL: 'http://127.0.0.1:11434/v1/', SIFT_LLM_MODEL: 'llama3.1:8b', SIFT_LLM_API_KEY: SECRET, SIFT_LLM_STREAM: 'true', SIFT_LLM_MAX_REQUESTS: '50' });
    expect(config).toEqual({
      baseUrl: 'http://127.0.0.1:11434/v1',
      model: 'llama3.1:8b',
      apiKey: SECRET,
      stream: true,
      concurrency: LLM_DEFAULTS.concurrency,
      timeoutMs: LLM_DEFAULTS.timeoutSeconds * 1000,
      retries: LLM_DEFAULTS.retries,
      budget: { requests: 50, tokens: LLM_DEFAULTS.tokens },
    });
  });

  it('says what is missing or wrong, in the one problem shape, and never repeats the key', () => {
    let error: unknown;
    try {
      readLlmConfig({ SIFT_LLM_API_KEY: SECRET, SIFT_LLM_MAX_TOKENS: 'lots' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SiftError);
    const message = (error as SiftError).message;
    expect(message).toContain('environment: SIFT_LLM_BASE_URL: is not set');
    expect(message).toContain('environment: SIFT_LLM_MODEL: is not set');
    expect(message).toContain('SIFT_LLM_MAX_TOKENS: is "lots", not a whole number above 0');
    expect(message).not.toContain(SECRET);
  });
});
