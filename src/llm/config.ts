import { SiftError, type Problem } from '../records/index.ts';
import { redactSecrets, type Environment } from '../sources/config.ts';

// The language model, configured by the environment only (never a file in the repository: a key must not be
// committed, and which model a maintainer runs is theirs to choose). Any server that speaks OpenAI's chat
// completions protocol will do: a hosted API, or Ollama, vLLM, llama.cpp's server or LM Studio run locally.
export type LlmConfig = {
  /** e.g. https://api.openai.com/v1 or http://127.0.0.1:11434/v1 (Ollama) */
  baseUrl: string;
  model: string;
  /** sent as a bearer token; never logged, cached or published */
  apiKey: string | null;
  /** ask for a server-sent event stream (keeps proxies that drop idle connections from cutting long answers) */
  stream: boolean;
  concurrency: number;
  /** per attempt, body included: a stalled stream times out too */
  timeoutMs: number;
  retries: number;
  /** most requests and tokens (prompt and answer) one run may spend; past either, it stops and says so */
  budget: { requests: number; tokens: number };
};

export const LLM_VARIABLES = {
  baseUrl: 'SIFT_LLM_BASE_URL',
  model: 'SIFT_LLM_MODEL',
  apiKey: 'SIFT_LLM_API_KEY',
  stream: 'SIFT_LLM_STREAM',
  concurrency: 'SIFT_LLM_CONCURRENCY',
  timeout: 'SIFT_LLM_TIMEOUT_SECONDS',
  requests: 'SIFT_LLM_MAX_REQUESTS',
  tokens: 'SIFT_LLM_MAX_TOKENS',
} as const;

export const LLM_DEFAULTS = {
  concurrency: 4,
  // A local model on a CPU can take minutes over a long answer; hosted ones answer in seconds.
  timeoutSeconds: 180,
  // The scholarly sources' policy (src/sources/http.ts defaultHttpOptions): 4 retries with backoff and Retry-After.
  retries: 4,
  requests: 1000,
  tokens: 2_000_000,
};

function present(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/** Whether the environment names a model at all: without one, nothing about a model happens. */
export function llmConfigured(env: Environment): boolean {
  return present(env[LLM_VARIABLES.baseUrl]) !== null || present(env[LLM_VARIABLES.model]) !== null;
}

export function readLlmConfig(env: Environment): LlmConfig {
  const problems: Problem[] = [];
  const need = (name: string, example: string): string => {
    const value = present(env[name]);
    if (value === null) problems.push({ file: 'environment', field: name, problem: 'is not set', fix: `set ${name}, e.g. ${example}` });
    return value ?? '';
  };
  const count = (name: string, fallback: number): number => {
    const value = present(env[name]);
    if (value === null) return fallback;
    if (!/^\d+$/.test(value) || Number(value) < 1) {
      problems.push({ file: 'environment', field: name, problem: `is "${value}", not a whole number above 0`, fix: `set ${name} to a whole number, or unset it for ${fallback}` });
      return fallback;
    }
    return Number(value);
  };
  const baseUrl = need(LLM_VARIABLES.baseUrl, 'http://127.0.0.1:11434/v1 for a local Ollama');
  if (baseUrl && !/^https?:\/\//.test(baseUrl)) {
    problems.push({ file: 'environment', field: LLM_VARIABLES.baseUrl, problem: 'is not an http(s) URL', fix: 'give the server\'s OpenAI-compatible base URL, ending in /v1 for most servers' });
  }
  const model = need(LLM_VARIABLES.model, 'llama3.1:8b or gpt-4.1-mini');
  const config: LlmConfig = {
    // The client appends /chat/completions; a trailing slash would double up.
    baseUrl: baseUrl.replace(/\/+$/, ''),
    model,
    apiKey: present(env[LLM_VARIABLES.apiKey]),
    stream: /^(?:1|true|yes)$/i.test(present(env[LLM_VARIABLES.stream]) ?? ''),
    concurrency: count(LLM_VARIABLES.concurrency, LLM_DEFAULTS.concurrency),
    timeoutMs: count(LLM_VARIABLES.timeout, LLM_DEFAULTS.timeoutSeconds) * 1000,
    retries: LLM_DEFAULTS.retries,
    budget: { requests: count(LLM_VARIABLES.requests, LLM_DEFAULTS.requests), tokens: count(LLM_VARIABLES.tokens, LLM_DEFAULTS.tokens) },
  };
  if (problems.length > 0) throw new SiftError(problems);
  return config;
}

/** Every message about the model that is kept or shown passes through here: the key never does. */
export function redactLlm(text: string, config: Pick<LlmConfig, 'apiKey'>): string {
  return redactSecrets(text, [config.apiKey]);
}
