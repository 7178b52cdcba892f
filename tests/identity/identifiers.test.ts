import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findDoi, normaliseArxiv, normaliseDoi, normaliseTitle, paperId, paperIdRank } from '../../src/identity/index.ts';

const codeSecurity = JSON.parse(readFileSync(new URL('../../corpora/code-security.csl.json', import.meta.url), 'utf8')) as Record<string, string>[];

describe('normaliseDoi', () => {
  it('lower-cases and strips resolver prefixes', () => {
    // A real DOI from corpora/code-security.csl.json (tp0001).
    const doi = '10.1109/iccece65250.2025.10985370';
    for (const input of [
      '10.1109/ICCECE65250.2025.10985370',
      'https://doi.org/10.1109/ICCECE65250.2025.10985370',
      'http://dx.doi.org/10.1109/ICCECE65250.2025.10985370',
      'doi:10.1109/ICCECE65250.2025.10985370',
      'DOI: 10.1109/ICCECE65250.2025.10985370',
      ' https://www.doi.org/10.1109/ICCECE65250.2025.10985370 ',
    ]) {
      expect(normaliseDoi(input), input).toBe(doi);
    }
  });
  it('decodes percent-encoded resolver URLs', () => {
    expect(normaliseDoi('https://doi.org/10.1002%2F(SICI)1097-4571')).toBe('10.1002/(sici)1097-4571');
  });
  it('rejects what is not a DOI', () => {
    for (const bad of ['', '11.1234/x', '10.12/short-registrant', '10.1234', 'https://arxiv.org/abs/2311.16169', '10.1234/has space']) {
      expect(normaliseDoi(bad), bad).toBeNull();
    }
  });
  it('normalises every DOI in the real code-security corpus', () => {
    const dois = codeSecurity.filter((r) => r['DOI']).map((r) => r['DOI']!);
    expect(dois).toHaveLength(129);
    for (const doi of dois) expect(normaliseDoi(doi), doi).toBe(doi.toLowerCase());
  });
  it('finds a DOI in running text without trailing punctuation', () => {
    // From the llm4swsec.bib abstract of the SCALE paper, which carries the ACM footer.
    expect(findDoi('ACM ISBN 979-8-4007-0612-7/24/09 https://doi.org/10.1145/3650212.3652124  UniXcoder')).toBe('10.1145/3650212.3652124');
    expect(findDoi('(see doi:10.1145/3212695).')).toBe('10.1145/3212695');
    expect(findDoi('no identifier here')).toBeNull();
  });
});

describe('normaliseArxiv', () => {
  it('reads new-style ids from every form they come in', () => {
    for (const input of [
      '2311.16169',
      '2311.16169v3',
      'arXiv:2311.16169',
      'arXiv:2311.16169v2',
      'arXiv preprint arXiv:2311.16169',
      'https://arxiv.org/abs/2311.16169',
      'https://arxiv.org/abs/2311.16169v1',
      'http://arxiv.org/pdf/2311.16169v2.pdf',
      'https://arxiv.org/pdf/2311.16169',
      'https://doi.org/10.48550/arXiv.2311.16169',
      '10.48550/ARXIV.2311.16169',
      'CoRR abs/2311.16169',
    ]) {
      expect(normaliseArxiv(input), input).toBe('2311.16169');
    }
  });
  it('reads four-digit new-style ids (2007-2014)', () => {
    expect(normaliseArxiv('arXiv:1409.0473v7')).toBe('1409.0473');
  });
  it('reads old-style ids and drops the subject class', () => {
    expect(normaliseArxiv('hep-th/9901001')).toBe('hep-th/9901001');
    expect(normaliseArxiv('hep-th/9901001v2')).toBe('hep-th/9901001');
    expect(normaliseArxiv('arXiv:math.GT/0309136')).toBe('math/0309136');
    expect(normaliseArxiv('https://arxiv.org/abs/cs/0112017')).toBe('cs/0112017');
  });
  it('rejects what is not an arXiv id', () => {
    for (const bad of ['', '2313.16169', '231.16169', '10.1145/3212695', 'ICSE 2023', 'arXiv', 'Published 2311.16169 times']) {
      expect(normaliseArxiv(bad), bad).toBeNull();
    }
  });
  it('reads the arXiv id of every arXiv URL and number in the real code-security corpus', () => {
    const urls = codeSecurity.filter((r) => r['URL']?.includes('arxiv.org')).map((r) => r['URL']!);
    expect(urls.length).toBe(217);
    for (const url of urls) expect(normaliseArxiv(url), url).toMatch(/^\d{4}\.\d{4,5}$/);
    for (const r of codeSecurity.filter((r) => r['number'])) {
      expect(normaliseArxiv(r['number']!)).toBe(normaliseArxiv(r['URL']!));
    }
  });
});

describe('paperId', () => {
  it('prefers doi, then arxiv, then pmid, then the fallback', () => {
    expect(paperId({ doi: '10.1/x', arxiv: '2401.01234', pmid: '1' }, 's:1')).toBe('doi:10.1/x');
    expect(paperId({ arxiv: '2401.01234', pmid: '1' }, 's:1')).toBe('arxiv:2401.01234');
    expect(paperId({ pmid: '123' }, 's:1')).toBe('pmid:123');
    expect(paperId({ local: 'tp0000' }, 'code-security:tp0000')).toBe('code-security:tp0000');
  });
  it("uses arxiv: rather than arXiv's own DOI, so one preprint gets one id from every source", () => {
    expect(paperId({ doi: '10.48550/arxiv.2401.01234', arxiv: '2401.01234' }, 's:1')).toBe('arxiv:2401.01234');
  });
  it('ranks ids by kind', () => {
    expect(['s:1', 'pmid:1', 'arxiv:1', 'doi:1'].map(paperIdRank)).toEqual([3, 2, 1, 0]);
  });
});

describe('normaliseTitle', () => {
  it('ignores case, punctuation, whitespace, diacritics and LaTeX braces', () => {
    expect(normaliseTitle('VulSim: Leveraging Similarity of {Multi-Dimensional} Neighbor Embeddings')).toBe(
      normaliseTitle('vulsim -- leveraging similarity of multi dimensional  neighbor embeddings.'),
    );
    // Author names as they appear in the real corpora: LaTeX in code-security.csl.json, Unicode after
    // citation-js decoded llm4swsec.bib.
    expect(normaliseTitle('Gon{\\c{c}}alves')).toBe(normaliseTitle('Gonçalves'));
    expect(normaliseTitle('Y{\\i}ld{\\i}r{\\i}m')).toBe(normaliseTitle('Yıldırım'));
    expect(normaliseTitle("Haurogn{\\'e}")).toBe('haurogne');
    expect(normaliseTitle('Closing the Gap: AI-powered Detection \\& Repair')).toBe('closing the gap ai powered detection repair');
  });
  it('keeps words and digits apart', () => {
    expect(normaliseTitle('GPT-4 for C/C++')).toBe('gpt 4 for c c');
    expect(normaliseTitle('Deep learning')).not.toBe(normaliseTitle('Deep learning 2'));
  });
});
