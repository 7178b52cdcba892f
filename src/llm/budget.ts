// A run's spending limit for a language model: requests and tokens. Each request reserves what it may cost
// (its prompt, estimated, plus the most tokens its answer may take) before it is sent, and settles at what the
// server reports, so concurrent requests never together pass the limit. Once a request does not fit, the budget
// is spent: no request starts after it, so a run stops at one clean point and says so.
export type Budget = {
  /** Reserves a request's cost, or says why not. */
  reserve(estimate: number): { ok: true; settle: (tokens: number) => void } | { ok: false; reason: string };
  spent(): { requests: number; tokens: number; stopped: string | null };
};

export function createBudget(limits: { requests: number; tokens: number }): Budget {
  let requests = 0;
  let tokens = 0;
  let reserved = 0;
  let stopped: string | null = null;
  return {
    reserve(estimate) {
      if (stopped === null && requests + 1 > limits.requests) stopped = `the budget of ${limits.requests} requests is spent`;
      if (stopped === null && tokens + reserved + estimate > limits.tokens) {
        stopped = `the budget of ${limits.tokens} tokens is spent (${tokens} used, the next request may take ${estimate})`;
      }
      if (stopped !== null) return { ok: false, reason: stopped };
      requests++;
      reserved += estimate;
      let settled = false;
      return {
        ok: true,
        settle(used) {
          if (settled) return;
          settled = true;
          reserved -= estimate;
          tokens += used;
        },
      };
    },
    spent: () => ({ requests, tokens, stopped }),
  };
}

/** A rough token count for text whose exact count only the server knows: about four characters a token. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
