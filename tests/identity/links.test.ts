import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { arxivUrl, doiUrl, paperUrl, safeUrl } from '../../src/identity/index.ts';

type CslItem = { DOI?: string; URL?: string };
const corpus: CslItem[] = JSON.parse(readFileSync(new URL('../../corpora/code-security.csl.json', import.meta.url), 'utf8'));
const urls = corpus.map((item) => item.URL).filter((url): url is string => url !== undefined);

// Unsafe schemes are invented (no real record carries one); the spellings are the ones browsers accept:
// any case, leading spaces and controls, tabs and line breaks inside the scheme (WHATWG URL Standard).
const UNSAFE = [
  'javascript:alert(1)',
  ' JavaScript:alert(1)',
  'java\tscript:alert(1)',
  'java\nscript:alert(1)',
  '\u0001javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  'ftp://example.org/x',
  '/relative/path',
  '//example.org/protocol-relative',
  'not a url',
  '',
];

describe('the one URL rule', () => {
  it('keeps every real URL of the corpus as it is', () => {
    expect(urls.length).toBeGreaterThan(100);
    for (const url of urls) expect(safeUrl(url)).toBe(url);
  });

  it.each(UNSAFE)('drops %j', (url) => {
    expect(safeUrl(url)).toBeNull();
  });

  it('writes a doi: name as its resolver URL', () => {
    expect(safeUrl('doi:10.1145/3597503.3639117')).toBe('https://doi.org/10.1145/3597503.3639117');
    expect(safeUrl('doi:not-a-doi')).toBeNull();
  });

  it('percent-encodes what would break an output: braces, quotes, spaces, controls (invented)', () => {
    expect(safeUrl('https://example.org/x}@misc{evil, "a\u0000b"\n')).toBe('https://example.org/x%7D@misc%7Bevil,%20%22a%00b%22');
  });

  it("builds a paper's link from its DOI, then its arXiv id, then its own URL if that is safe", () => {
    const doi = corpus.find((item) => item.DOI)!.DOI!.toLowerCase();
    expect(paperUrl({ ids: { doi, arxiv: '2401.01234' }, url: 'https://example.org/' })).toBe(`https://doi.org/${doi}`);
    expect(paperUrl({ ids: { arxiv: '2401.01234' }, url: 'https://example.org/' })).toBe('https://arxiv.org/abs/2401.01234');
    expect(paperUrl({ ids: {}, url: urls[0]! })).toBe(urls[0]);
    expect(paperUrl({ ids: {}, url: 'javascript:alert(1)' })).toBeNull();
  });

  it('keeps a hostile DOI inside the resolver path and never throws (invented: no real DOI has these)', () => {
    expect(doiUrl('10.1234/x}@misc{evil,')).toBe('https://doi.org/10.1234/x%7D%40misc%7Bevil%2C');
    expect(doiUrl('10.1234/lone\uD800')).toBe('https://doi.org/10.1234/lone%EF%BF%BD');
    expect(arxivUrl('hep-th/9901001')).toBe('https://arxiv.org/abs/hep-th/9901001');
  });
});
