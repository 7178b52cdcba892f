import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { identifierLinks } from '../../src/components/identifier-links.ts';

type CslItem = { DOI?: string; URL?: string };
const corpus: CslItem[] = JSON.parse(readFileSync(new URL('../../corpora/code-security.csl.json', import.meta.url), 'utf8'));
const withDoi = corpus.find((item) => item.DOI)!;

describe('identifier links', () => {
  it('links a real DOI through doi.org and an arXiv id through arxiv.org/abs', () => {
    const links = identifierLinks({ ids: { doi: withDoi.DOI!.toLowerCase(), arxiv: '2401.01234' }, url: null });
    expect(links.map((l) => l.href)).toEqual([`https://doi.org/${withDoi.DOI!.toLowerCase()}`, 'https://arxiv.org/abs/2401.01234']);
  });

  it('keeps DOI characters that would end a URL path inside it (invented: SICI-style DOIs contain them)', () => {
    const [link] = identifierLinks({ ids: { doi: '10.1002/(sici)1097-4571#x?y' }, url: null });
    expect(link!.href).toBe('https://doi.org/10.1002/(sici)1097-4571%23x%3Fy');
  });

  it('links a real record URL, and never a javascript:, data: or vbscript: one (src/identity/links.ts)', () => {
    const url = corpus.find((item) => item.URL && !item.DOI)!.URL!;
    expect(identifierLinks({ ids: {}, url }).map((l) => l.href)).toEqual([url]);
    for (const unsafe of ['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)']) {
      expect(identifierLinks({ ids: {}, url: unsafe })).toEqual([]);
    }
  });
});
