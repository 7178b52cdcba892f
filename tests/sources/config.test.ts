import { describe, expect, it } from 'vitest';
import { defaultUrls, readLiveConfig, redact } from '../../src/sources/config.ts';

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
