import { describe, expect, it } from 'vitest';
import { formatProblem, SiftError } from '../../src/records/problem.ts';
import { readLiveConfig } from '../../src/sources/config.ts';
import { describeFailure, HttpFailure, MalformedResponse, SourceError } from '../../src/sources/errors.ts';

// The wording of every failure against a replayed API is tested in faults.test.ts; this file checks
// that a source's failure is the one Problem shape, with what refresh needs beside it.
const config = readLiveConfig({ OPENALEX_API_KEY: 'secret-openalex-key' });
const context = { source: 'crossref' as const, question: 'llm-vulnerability-detection', apiMessage: null };

describe('describeFailure', () => {
  it("reports a source's failure as a Problem in its question's file, with a fix", () => {
    const error = describeFailure(
      new HttpFailure({ kind: 'status', message: 'HTTP 429', status: 429, attempts: 4, retryAfterMs: 2000, delays: [750, 1500, 3000] }),
      context,
      config,
    );
    expect(error).toBeInstanceOf(SiftError);
    expect(error.problems).toEqual([
      {
        file: 'questions/llm-vulnerability-detection.yaml',
        problem: 'Crossref answered 429 (too many requests) after 4 attempts; it asked to wait 2 s',
        fix: 'run the refresh again later',
      },
    ]);
    expect(error.message).toBe(formatProblem(error.problems[0]!));
    expect(error).toMatchObject({ source: 'crossref', question: 'llm-vulnerability-detection', kind: 'rate-limited', status: 429, attempts: 4 });
    expect(error.delays).toEqual([750, 1500, 3000]);
  });

  it("keeps a key out of both the problem and the fix", () => {
    const error = describeFailure(
      new HttpFailure({ kind: 'status', message: 'HTTP 403', status: 403, attempts: 1 }),
      { source: 'openalex', question: 'llm-vulnerability-detection', apiMessage: 'bad key secret-openalex-key.' },
      config,
    );
    expect(error.problems[0]).toMatchObject({ problem: 'OpenAlex answered 403, saying "bad key [redacted]"', fix: expect.stringMatching(/^OPENALEX_API_KEY is set but was not accepted/) });
    expect(error.message).not.toContain('secret-openalex-key');
  });

  it('says an unreadable answer is worth reporting when it repeats', () => {
    const error = describeFailure(new MalformedResponse('invalid JSON: Unexpected end of JSON input'), context, config);
    expect(error.kind).toBe('malformed');
    expect(error.problems[0]?.fix).toBe('run the refresh again later; if it keeps happening the API format may have changed, so report it');
  });

  it('passes a SourceError through unchanged', () => {
    const original = new SourceError({ source: 'arxiv', question: 'q', kind: 'no-query', field: 'search.queries', problem: 'is missing', fix: 'add it' });
    expect(describeFailure(original, context, config)).toBe(original);
    expect(original.message).toBe('questions/q.yaml: search.queries: is missing: add it');
  });
});
