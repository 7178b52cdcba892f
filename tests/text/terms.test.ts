import { describe, expect, it } from 'vitest';
import { findTerms, matchedTerms } from '../../src/text/terms.ts';
import { loadCorpus } from '../pipeline/screen-claims-corpus.ts';

const bib = loadCorpus('llm4swsec.bib');
const byLocal = (local: string) => bib.find((p) => p.ids.local === local)!;

describe('findTerms', () => {
  it('matches across inflections and hyphenation, with exact offsets (alam2024detection)', () => {
    const text = byLocal('alam2024detection').abstract!;
    const hits = findTerms(text, ['fine-tuned', 'vulnerability', 'prompting', 'Solidity']);
    for (const h of hits) expect(text.slice(h.start, h.end)).toBe(h.text);
    const found = (term: string) => hits.filter((h) => h.term === term).map((h) => h.text);
    expect(found('fine-tuned')).toEqual(['fine-tuning', 'fine-tuned']);
    expect(found('vulnerability')).toContain('vulnerabilities');
    expect(found('prompting')).toContain('prompting');
    expect(found('Solidity')).toContain('Solidity');
  });

  it('treats a lower-case stub as a prefix ("vulnerab", "fine-tun") and matches whole words only', () => {
    expect(matchedTerms('Vulnerabilities were found after fine-tuning.', ['vulnerab', 'fine-tun', 'robust'])).toEqual(['vulnerab', 'fine-tun']);
    expect(findTerms('The robustness of robustly trained models', ['robust']).map((h) => h.text)).toEqual(['robustness', 'robustly']);
    expect(matchedTerms('a counterattack was observed', ['attack'])).toEqual([]);
  });

  it('matches closed and hyphenated forms of one word both ways', () => {
    expect(matchedTerms('We finetune with multitask learning.', ['fine-tuning', 'multi-task'])).toEqual(['fine-tuning', 'multi-task']);
    expect(matchedTerms('We use multi-task learning.', ['multitask'])).toEqual(['multitask']);
    expect(matchedTerms('sequential fine-tuning beats joint training', ['sequential fine-tuning'])).toEqual(['sequential fine-tuning']);
    expect(matchedTerms('fine-tuning was sequential', ['sequential fine-tuning'])).toEqual([]);
  });

  it('matches names written with symbols literally: "C#" and "C++" are not "C"', () => {
    // Invented: the demo questions name no such language, but a question about C/C++ would.
    const text = 'Programs in C/C++ and C# (see Appendix C), ASP.NET and c++.';
    expect(findTerms(text, ['C#', 'C++', 'ASP.NET', 'C']).map((h) => `${h.term}=${h.text}@${h.start}`)).toEqual([
      'C=C@12',
      'C++=C++@14',
      'C#=C#@22',
      'C=C@39',
      'ASP.NET=ASP.NET@43',
      'C++=c++@55',
    ]);
  });

  it('matches short capitalised names exactly: "Go" is not "going"', () => {
    expect(matchedTerms('Going further, we go beyond.', ['Go', 'PHP'])).toEqual([]);
    expect(findTerms('Programs in Go and PHP', ['Go', 'PHP']).map((h) => h.text)).toEqual(['Go', 'PHP']);
  });
});
