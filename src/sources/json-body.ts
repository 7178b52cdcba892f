import { MalformedResponse } from './errors.ts';

// Reading the JSON APIs' answers (OpenAlex, Crossref, Semantic Scholar, Europe PMC): their bodies are
// untrusted, so every value is checked for its shape before use.

export type Json = Record<string, unknown>;

export function object(value: unknown): Json | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : null;
}

export function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

// A body that is not JSON (an HTML error page from a proxy, a truncated answer) is a malformed response,
// which the caller reports with the source's name, not a crash.
export function parseJsonBody(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch (error) {
    throw new MalformedResponse(`invalid JSON: ${(error as Error).message}`);
  }
}

// An error body is read only to quote the API's own message; one that is not a JSON object yields null
// and the caller describes the failure by its status instead.
export function jsonObjectOrNull(body: string): Json | null {
  try {
    return object(JSON.parse(body));
  } catch {
    return null;
  }
}
