import type { LiveSourceName } from '../records/index.ts';
import { ENGINE_NAME, ENGINE_VERSION } from '../records/index.ts';

// Everything the live sources need from the outside world, read once at the edge (readLiveConfig) and
// passed down as plain data, so adapters and tests never look at process.env themselves.
export type LiveConfig = {
  urls: Record<LiveSourceName, string>;
  keys: {
    // OpenAlex requires a key since 2026 (sent as the `api_key` query parameter).
    openalex: string | null;
    // Semantic Scholar: keyed clients get 1 request per second (sent as the `x-api-key` header).
    semanticscholar: string | null;
  };
  // Contact address for the polite pools (OpenAlex and Crossref `mailto`, User-Agent everywhere).
  contactEmail: string | null;
  userAgent: string;
  timeoutMs: number;
  retries: number;
  concurrency: number;
};

export const defaultUrls: Record<LiveSourceName, string> = {
  openalex: 'https://api.openalex.org',
  crossref: 'https://api.crossref.org',
  arxiv: 'https://export.arxiv.org/api',
  semanticscholar: 'https://api.semanticscholar.org/graph/v1',
  europepmc: 'https://www.ebi.ac.uk/europepmc/webservices/rest',
};

export const urlVariables: Record<LiveSourceName, string> = {
  openalex: 'SIFT_OPENALEX_URL',
  crossref: 'SIFT_CROSSREF_URL',
  arxiv: 'SIFT_ARXIV_URL',
  semanticscholar: 'SIFT_SEMANTICSCHOLAR_URL',
  europepmc: 'SIFT_EUROPEPMC_URL',
};

export type Environment = Readonly<Record<string, string | undefined>>;

function present(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

export function readLiveConfig(env: Environment, overrides: Partial<LiveConfig> = {}): LiveConfig {
  const urls = { ...defaultUrls };
  for (const name of Object.keys(urls) as LiveSourceName[]) {
    const override = present(env[urlVariables[name]]);
    // A trailing slash would double up when paths are appended.
    if (override) urls[name] = override.replace(/\/+$/, '');
  }
  const contactEmail = present(env['SIFT_CONTACT_EMAIL']);
  // Crossref's etiquette asks for a User-Agent naming the tool and a mailto: address.
  const userAgent = `${ENGINE_NAME}/${ENGINE_VERSION} (https://github.com/sift-maintainers/sift${
    contactEmail ? `; mailto:${contactEmail}` : ''
  })`;
  return {
    urls,
    keys: {
      openalex: present(env['OPENALEX_API_KEY']),
      semanticscholar: present(env['SEMANTIC_SCHOLAR_API_KEY']),
    },
    contactEmail,
    userAgent,
    timeoutMs: 30_000,
    retries: 4,
    concurrency: 4,
    ...overrides,
  };
}

// Query parameters that carry a credential in any of the five APIs.
const secretParameters = new Set(['api_key', 'apikey', 'key', 'token', 'access_token']);

const REDACTED = '[redacted]';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Hex digits in either case: percent-encoding (RFC 3986 §2.1) and JSON's \u escapes (RFC 8259 §7) are
// case-insensitive in their digits, and servers differ in which case they echo.
function hexPattern(value: number, width: number): string {
  return value
    .toString(16)
    .padStart(width, '0')
    .replace(/[a-f]/g, (digit) => `[${digit}${digit.toUpperCase()}]`);
}

const JSON_SHORT_ESCAPES: Record<string, string> = { '"': '\\\\"', '\\': '\\\\\\\\', '/': '\\\\/', '\b': '\\\\b', '\f': '\\\\f', '\n': '\\\\n', '\r': '\\\\r', '\t': '\\\\t' };
const XML_NAMED: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

// Every way one character of a key can be written when a server echoes it back: as itself;
// percent-encoded (once, or twice when an encoded URL is itself encoded into a parameter), with "+"
// for a space as forms encode it (WHATWG URL, application/x-www-form-urlencoded); JSON-escaped (a \uXXXX
// escape, surrogate pairs for astral characters, the short escapes, "\/" as PHP's json_encode writes
// it); and as an XML/HTML character reference (arXiv's Atom and HTML error pages). Base64 is not
// covered: none of the five APIs takes a key by Basic authentication, so none echoes one so encoded.
function characterForms(character: string): string {
  const forms = [escapeRegExp(character)];
  const bytes = new TextEncoder().encode(character);
  forms.push([...bytes].map((byte) => `%(?:25)?${hexPattern(byte, 2)}`).join(''));
  if (character === ' ') forms.push('\\+');
  const units = [...Array(character.length).keys()].map((i) => character.charCodeAt(i));
  forms.push(units.map((unit) => `\\\\u${hexPattern(unit, 4)}`).join(''));
  if (JSON_SHORT_ESCAPES[character]) forms.push(JSON_SHORT_ESCAPES[character]!);
  const codePoint = character.codePointAt(0)!;
  forms.push(`&#0*${codePoint};`, `&#[xX]0*${hexPattern(codePoint, 1)};`);
  if (XML_NAMED[character]) forms.push(XML_NAMED[character]!);
  return `(?:${forms.join('|')})`;
}

// One pattern per set of keys, compiled once: redact() runs on every log line and every stored string.
const compiled = new Map<string, RegExp | null>();

function keyPattern(keys: readonly string[]): RegExp | null {
  const id = JSON.stringify(keys);
  let pattern = compiled.get(id);
  if (pattern === undefined) {
    // Longest first, so a key that contains another is removed whole.
    const sorted = [...new Set(keys)].sort((a, b) => b.length - a.length);
    pattern = sorted.length ? new RegExp(sorted.map((key) => [...key].map(characterForms).join('')).join('|'), 'g') : null;
    compiled.set(id, pattern);
  }
  return pattern;
}

// Keys must never reach logs, caches, error messages or the site. This is the one function that removes
// them: every log line, every message and every string of a record stored from a live source passes
// through it (directly, or through redactValue below). Both the named parameters and the key values
// in every form a server may echo them are removed, so a key that turns up somewhere unexpected (an
// echoed request in an error body, a record's data in a 200 response) is caught as well.
export function redact(text: string, config: Pick<LiveConfig, 'keys'>): string {
  return redactSecrets(text, [config.keys.openalex, config.keys.semanticscholar]);
}

/** redact() for any list of secrets (the language-model client's key goes through here too). */
export function redactSecrets(text: string, secrets: readonly (string | null | undefined)[]): string {
  const keys = secrets.filter((key): key is string => Boolean(key));
  const pattern = keyPattern(keys);
  const out = pattern ? text.replace(pattern, REDACTED) : text;
  return out.replace(/([?&])([A-Za-z_]+)=(?!\[redacted\])([^&#\s"']*)/g, (whole, separator: string, name: string) =>
    secretParameters.has(name.toLowerCase()) ? `${separator}${name}=${REDACTED}` : whole,
  );
}

// redact() applied to every string inside a record (a retrieval cache, a synthesis) before it is
// stored: a key inside a title or a URL that an API sent back must not be committed or published.
export function redactValue<T>(value: T, config: Pick<LiveConfig, 'keys'>): T {
  // Without keys, only a URL parameter can be redacted, and that needs an "=": the other strings (nearly all
  // of a synthesis: every abstract, quote and reference) are returned as they are without a look-up and two
  // regular expressions each (issue 13).
  const noKeys = !config.keys.openalex && !config.keys.semanticscholar;
  // What holds nothing to redact is handed back as it is, not copied: a synthesis is a quarter of a megabyte of
  // objects, and copying it and the records it was made from for every question was garbage to collect (issue 13).
  const walk = (item: unknown): unknown => {
    if (typeof item === 'string') return noKeys && !item.includes('=') ? item : redact(item, config);
    if (item === null || typeof item !== 'object') return item;
    const names = Array.isArray(item) ? null : Object.keys(item);
    const values: unknown[] = names === null ? (item as unknown[]) : names.map((name) => (item as Record<string, unknown>)[name]);
    let walked: unknown[] | null = null;
    for (let i = 0; i < values.length; i++) {
      const inner = walk(values[i]);
      if (walked === null && inner !== values[i]) walked = values.slice(0, i);
      walked?.push(inner);
    }
    if (walked === null) return item;
    return names === null ? walked : Object.fromEntries(names.map((name, i) => [name, walked[i]]));
  };
  return walk(value) as T;
}
