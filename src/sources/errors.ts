import type { LiveSourceName, RetrievalLog } from '../records/index.ts';
import { SiftError } from '../records/problem.ts';
import { redact, urlVariables, type LiveConfig } from './config.ts';

export const sourceLabels: Record<LiveSourceName, string> = {
  openalex: 'OpenAlex',
  crossref: 'Crossref',
  arxiv: 'arXiv',
  semanticscholar: 'Semantic Scholar',
  europepmc: 'Europe PMC',
};

// What the HTTP layer saw when it gave up: a status it may not retry (or kept getting), a timeout, a
// connection that failed, or a caller that aborted. It knows nothing of sources or questions.
export class HttpFailure extends Error {
  readonly kind: 'status' | 'timeout' | 'network' | 'aborted';
  readonly status: number | null;
  readonly body: string | null;
  readonly attempts: number;
  readonly retryAfterMs: number | null;
  // Waits taken before each retry, in order (ms), so a caller can report and a test can check them.
  readonly delays: number[];
  constructor(init: {
    kind: HttpFailure['kind'];
    message: string;
    status?: number | null;
    body?: string | null;
    attempts: number;
    retryAfterMs?: number | null;
    delays?: number[];
  }) {
    super(init.message);
    this.name = 'HttpFailure';
    this.kind = init.kind;
    this.status = init.status ?? null;
    this.body = init.body ?? null;
    this.attempts = init.attempts;
    this.retryAfterMs = init.retryAfterMs ?? null;
    this.delays = init.delays ?? [];
  }
}

// A body that arrived but cannot be read as the API's format (invalid JSON, truncated XML, a JSON
// document of the wrong shape). Adapters' parse functions throw this.
export class MalformedResponse extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'MalformedResponse';
  }
}

export type FailureKind =
  | 'auth'
  | 'rate-limited'
  | 'server'
  | 'timeout'
  | 'network'
  | 'bad-request'
  | 'not-found'
  | 'http'
  | 'malformed'
  | 'no-query'
  | 'interrupted';

// The file a live source's failure is reported in: the question that asked it (questions/<id>.yaml, as
// loadQuestions reads them). The source is named in the problem, so one line says which query failed.
function questionFile(question: string): string {
  return `questions/${question}.yaml`;
}

// The error a user sees when a live source fails: a Problem in the question's file, what happened and
// what to do, plus what refresh needs to decide and to record (kind, status, attempts, log).
export class SourceError extends SiftError {
  readonly source: LiveSourceName;
  readonly question: string;
  readonly kind: FailureKind;
  readonly status: number | null;
  readonly attempts: number;
  // Waits before each retry (ms), as the HTTP layer took them.
  readonly delays: number[];
  // The retrieval log up to and including the failed request, for the cache's record of what happened.
  log: RetrievalLog[] = [];
  constructor(init: {
    source: LiveSourceName;
    question: string;
    kind: FailureKind;
    // The question's field to change, when the fix is there.
    field?: string;
    problem: string;
    fix: string;
    status?: number | null;
    attempts?: number;
    delays?: number[];
  }) {
    super({
      file: questionFile(init.question),
      ...(init.field === undefined ? {} : { field: init.field }),
      problem: init.problem,
      fix: init.fix,
    });
    this.name = 'SourceError';
    this.delays = init.delays ?? [];
    this.source = init.source;
    this.question = init.question;
    this.kind = init.kind;
    this.status = init.status ?? null;
    this.attempts = init.attempts ?? 0;
  }
}

export type FailureContext = {
  source: LiveSourceName;
  question: string;
  // The API's own explanation, pulled from an error body by the adapter, when it gave one.
  apiMessage: string | null;
};

function attemptsText(attempts: number): string {
  return attempts === 1 ? '1 attempt' : `${attempts} attempts`;
}

function authAdvice(source: LiveSourceName, config: LiveConfig): string {
  if (source === 'openalex') {
    return config.keys.openalex
      ? 'OPENALEX_API_KEY is set but was not accepted; check it is a current OpenAlex API key'
      : 'set OPENALEX_API_KEY (OpenAlex requires an API key since 2026)';
  }
  if (source === 'semanticscholar') {
    return config.keys.semanticscholar
      ? 'SEMANTIC_SCHOLAR_API_KEY is set but was not accepted; check the key, or unset it to use the shared pool'
      : 'set SEMANTIC_SCHOLAR_API_KEY';
  }
  return `check that ${urlVariables[source]} points at the real ${sourceLabels[source]} API`;
}

const LATER = 'run the refresh again later';

// Turn whatever went wrong into one Problem: what the source did, and what to do. Both pass through
// redact(): a key must not leak through an error either.
export function describeFailure(error: unknown, context: FailureContext, config: LiveConfig): SourceError {
  const label = sourceLabels[context.source];
  // The API's sentence is quoted inside ours, so its own final full stop goes.
  const api = context.apiMessage ? `, saying "${context.apiMessage.trim().replace(/[.\s]+$/, '')}"` : '';
  const make = (kind: FailureKind, problem: string, fix: string, status: number | null = null, attempts = 1): SourceError =>
    new SourceError({
      source: context.source,
      question: context.question,
      kind,
      problem: redact(problem, config),
      fix: redact(fix, config),
      status,
      attempts,
      delays: error instanceof HttpFailure ? error.delays : [],
    });

  if (error instanceof SourceError) return error;
  if (error instanceof MalformedResponse) {
    return make(
      'malformed',
      `${label} sent a response that could not be read (${error.message})`,
      `${LATER}; if it keeps happening the API format may have changed, so report it`,
    );
  }
  if (!(error instanceof HttpFailure)) {
    const detail = error instanceof Error ? error.message : String(error);
    return make('network', `${label} could not be queried (${detail})`, LATER);
  }
  const tries = attemptsText(error.attempts);
  switch (error.kind) {
    case 'aborted':
      return make('interrupted', `the query to ${label} was interrupted; nothing from it was kept`, 'run the refresh again', null, error.attempts);
    case 'timeout':
      return make('timeout', `${label} did not answer within ${config.timeoutMs / 1000} s (${tries})`, LATER, null, error.attempts);
    case 'network':
      return make(
        'network',
        `${label} could not be reached (${error.message}, ${tries})`,
        `check the network connection and ${urlVariables[context.source]}`,
        null,
        error.attempts,
      );
    case 'status':
      break;
  }
  const status = error.status ?? 0;
  if (status === 401 || status === 403) {
    return make('auth', `${label} answered ${status}${api}`, authAdvice(context.source, config), status, error.attempts);
  }
  if (status === 429) {
    const waited = error.retryAfterMs !== null ? `; it asked to wait ${Math.ceil(error.retryAfterMs / 1000)} s` : '';
    const keyHint =
      context.source === 'semanticscholar' && !config.keys.semanticscholar
        ? ', or set SEMANTIC_SCHOLAR_API_KEY for a dedicated rate limit'
        : '';
    return make('rate-limited', `${label} answered 429 (too many requests) after ${tries}${waited}`, `${LATER}${keyHint}`, status, error.attempts);
  }
  if (status >= 500) {
    return make(
      'server',
      `${label} answered ${status} (server error) after ${tries}${api}; the service is having trouble`,
      LATER,
      status,
      error.attempts,
    );
  }
  if (status === 400) {
    return make(
      'bad-request',
      `${label} rejected the request (400)${api}`,
      'check search.queries, search.limit and screening.years',
      status,
      error.attempts,
    );
  }
  if (status === 404) {
    return make('not-found', `${label} answered 404${api}`, `check ${urlVariables[context.source]}`, status, error.attempts);
  }
  return make('http', `${label} answered ${status}${api}`, `${LATER}; if it keeps happening, report it`, status, error.attempts);
}
