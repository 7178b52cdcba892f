import { describe, expect, it } from 'vitest';
import { defaultUrls, readLiveConfig, redact, redactValue } from '../../src/sources/config.ts';

describe('readLiveConfig', () => {
  it('uses the public APIs and no keys when the environment says nothing', () => {
    const config = readLiveConfig({});
    expect(config.urls).toEqual(defaultUrls);
    expect(config.urls).toEqual({
      openalex: 'https://api.openalex.org',
      crossref: 'https://api.crossref.org',
      arxiv: 'https://export.arxiv.org/api',
      semanticscholar: 'https://api.semanticscholar.org/graph/v1',
      europepmc: 'https://www.ebi.ac.uk/europepmc/webservices/rest',
    });
    expect(config.keys).toEqual({ openalex: null, semanticscholar: null });
    expect(config.contactEmail).toBeNull();
    expect(config.userAgent).not.toContain('mailto');
  });

  it('takes base URLs, keys and the contact address from the environment', () => {
    const config = readLiveConfig({
      SIFT_OPENALEX_URL: 'http://127.0.0.1:9/openalex/',
      SIFT_CROSSREF_URL: 'http://127.0.0.1:9/crossref',
      SIFT_ARXIV_URL: 'http://127.0.0.1:9/arxiv',
      SIFT_SEMANTICSCHOLAR_URL: 'http://127.0.0.1:9/s2',
      SIFT_EUROPEPMC_URL: 'http://127.0.0.1:9/epmc',
      OPENALEX_API_KEY: ' abc ',
      SEMANTIC_SCHOLAR_API_KEY: '',
      SIFT_CONTACT_EMAIL: 'me@example.org',
    });
    expect(config.urls.openalex).toBe('http://127.0.0.1:9/openalex');
    expect(config.urls.europepmc).toBe('http://127.0.0.1:9/epmc');
    // An empty variable is no key at all, not an empty key sent to the API.
    expect(config.keys).toEqual({ openalex: 'abc', semanticscholar: null });
    expect(config.userAgent).toMatch(/^sift\/\d+\.\d+\.\d+ \(.*mailto:me@example\.org\)$/);
  });
});

describe('redact', () => {
  const config = { keys: { openalex: 'k3y/with+chars', semanticscholar: 's2secret' } };

  it('removes key parameters from URLs whatever their value', () => {
    expect(redact('https://api.openalex.org/works?search=x&api_key=zzz&mailto=a@b.c', config)).toBe(
      'https://api.openalex.org/works?search=x&api_key=[redacted]&mailto=a@b.c',
    );
  });

  it('removes the literal keys, also percent-encoded, wherever they appear', () => {
    expect(redact('header x-api-key: s2secret', config)).toBe('header x-api-key: [redacted]');
    expect(redact(`?q=1&other=${encodeURIComponent('k3y/with+chars')}`, config)).toBe('?q=1&other=[redacted]');
  });

  it('leaves text without keys alone', () => {
    expect(redact('search=api&rows=20', config)).toBe('search=api&rows=20');
  });
});

// Issue 10, finding 6: a server can echo a key in any encoding it likes. Invented keys (a real one must
// not be in the repository) with characters that every encoding changes: "/", "+", a space, non-ASCII.
describe('redact, every form a key can be echoed in', () => {
  const key = 'k3y/with+chars é';
  const config = { keys: { openalex: key, semanticscholar: null } };
  const percent = encodeURIComponent(key);
  const forms: Array<[string, string]> = [
    ['raw', key],
    ['percent-encoded, upper-case hex', percent],
    ['percent-encoded, lower-case hex', percent.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase())],
    ['percent-encoded twice', encodeURIComponent(percent)],
    ['form-encoded (space as +)', new URLSearchParams({ q: key }).toString().slice(2)],
    ['JSON-escaped', JSON.stringify(key).slice(1, -1).replace('/', '\\/')],
    ['JSON \\u escapes', [...key].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')],
    ['JSON \\u escapes, upper-case hex', [...key].map((c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`).join('')],
    ['XML character references', [...key].map((c) => (/[a-z0-9]/.test(c) ? c : `&#x${c.codePointAt(0)!.toString(16)};`)).join('')],
  ];

  it.each(forms)('removes the key %s', (_, form) => {
    const echoed = `{"error":"invalid api key ${form} for this request"}`;
    expect(redact(echoed, config)).toBe('{"error":"invalid api key [redacted] for this request"}');
  });

  it('removes a key inside a record from a 200 response, in every string of it', () => {
    const record = { title: `A paper ${percent}`, links: [`https://x.org/?api_key=${percent}&page=2`, 'plain'], year: 2020, note: null };
    expect(redactValue(record, config)).toEqual({ title: 'A paper [redacted]', links: ['https://x.org/?api_key=[redacted]&page=2', 'plain'], year: 2020, note: null });
  });

  it('hands back what holds nothing to redact as it is, and copies only the way down to what changed', () => {
    const record = { title: 'A paper', links: [`https://x.org/?api_key=${percent}&page=2`, 'plain'], authors: [{ family: 'Chen' }], year: 2020, note: null };
    const redacted = redactValue(record, config);
    expect(redacted).toEqual({ ...record, links: ['https://x.org/?api_key=[redacted]&page=2', 'plain'] });
    expect(record.links[0]).toContain(percent);
    expect(redacted).not.toBe(record);
    expect(redacted.authors).toBe(record.authors);
    const clean = { title: 'A paper', links: ['https://x.org/?page=2'], authors: [{ family: 'Chen' }] };
    expect(redactValue(clean, config)).toBe(clean);
    expect(redactValue(clean, { keys: { openalex: null, semanticscholar: null } })).toBe(clean);
  });

  it('does not take a part of the key, or other text, for the key', () => {
    expect(redact('k3y/with chars', config)).toBe('k3y/with chars');
    expect(redact('k3y', config)).toBe('k3y');
  });
});
