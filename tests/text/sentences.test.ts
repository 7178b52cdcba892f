import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/text/sentences.ts';
import { loadCorpus, rawRecords } from '../pipeline/screen-claims-corpus.ts';

// Abstracts exactly as the corpus files hold them (line breaks, Markdown labels): other sources deliver such text.
const all = [...rawRecords('code-security.csl.json'), ...rawRecords('ml4code.csl.json'), ...rawRecords('llm4swsec.bib')];
const abstract = (local: string): string => {
  const p = all.find((x) => x.ids.local === local && x.abstract);
  if (!p?.abstract) throw new Error(`no abstract for ${local}`);
  return p.abstract;
};
const texts = (source: string) => splitSentences(source).map((s) => s.text);

describe('splitSentences on every abstract of the corpora', () => {
  it('handles the abstracts as the corpus parsers deliver them (whitespace collapsed) too', () => {
    for (const file of ['code-security.csl.json', 'ml4code.csl.json', 'llm4swsec.bib']) {
      for (const p of loadCorpus(file)) {
        for (const s of splitSentences(p.abstract ?? '')) expect(p.abstract!.slice(s.start, s.end)).toBe(s.text);
      }
    }
    const sharma = loadCorpus('ml4code.csl.json').find((p) => p.ids.local === 'sharma2019feasibility')!;
    const texts = splitSentences(sharma.abstract!).map((s) => s.text);
    expect(texts).toContain('We find it feasible to detect smells using deep learning methods.');
    expect(texts.some((t) => /\*\*|^(?:Objective|Method|Results)\b/.test(t))).toBe(false);
  });

  it('gives exact, trimmed, ordered, non-overlapping spans', () => {
    let checked = 0;
    for (const p of all) {
      if (!p.abstract) continue;
      const spans = splitSentences(p.abstract);
      expect(spans.length, p.id).toBeGreaterThan(0);
      let last = 0;
      for (const s of spans) {
        expect(p.abstract.slice(s.start, s.end)).toBe(s.text);
        expect(s.text).toBe(s.text.trim());
        expect(s.text.length).toBeGreaterThan(0);
        expect(s.start).toBeGreaterThanOrEqual(last);
        last = s.end;
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(800);
  });

  it('never leaves a section label as a sentence of its own', () => {
    for (const p of all) {
      for (const s of splitSentences(p.abstract ?? '')) {
        expect(s.text, p.id).not.toMatch(/^(?:\*\*)?(?:background|context|objective|methods?|results?|conclusions?)(?:\*\*)?\s*:?\s*$/i);
      }
    }
  });
});

describe('splitSentences on real abstracts (exact splits)', () => {
  it('keeps decimals, percentages and "e.g.," inside their sentence (khare2023understanding)', () => {
    const s = texts(abstract('khare2023understanding'));
    expect(s).toHaveLength(11);
    expect(s[5]).toBe(
      'Overall, LLMs across all scales and families show modest effectiveness in detecting vulnerabilities, obtaining an average accuracy of 62.8% and F1 score of 0.71 across datasets.',
    );
    expect(s[8]).toBe(
      'We find that advanced prompting strategies that involve step-by-step analysis significantly improve performance of LLMs on real-world datasets in terms of F1 score (by upto 0.18 on average).',
    );
    expect(s[9]).toMatch(/\(e\.g\., to check if code is sanitized\)\.$/);
  });

  it('joins "e.g." followed by a capital inside parentheses (tp0314, rahman2019natural)', () => {
    expect(texts(abstract('tp0314'))[0]).toBe('Commits in version control systems (e.g. Git) track changes in a software project.');
    const r = texts(abstract('rahman2019natural'));
    expect(r[0]).toBe('Recent works have concluded that software is more repetitive and predictable, i.e. more natural, than English texts.');
    expect(r[3]).toMatch(/\(e\.g\. Saint Augustine to Oscar Wilde\)\.$/);
    expect(texts(abstract('lachaux2020unsupervised'))[1]).toMatch(/\(e\.g\. COBOL, Python 2\) to a modern one\.$/);
  });

  it('ends a sentence at "et al." when a new sentence follows (allamanis2013mining)', () => {
    const s = texts(abstract('allamanis2013mining'));
    expect(s[3]).toBe('This is 100 times the scale of the pioneering work by Hindle et al.');
    expect(s[4]).toBe('The giga-token model is significantly better at the code suggestion task than previous models.');
  });

  it('strips inline section labels and splits a sentence that starts lower-case (nair2020funcgnn)', () => {
    const s = texts(abstract('nair2020funcgnn'));
    expect(s).toHaveLength(11);
    expect(s[8]).toMatch(/^We demonstrate the effectiveness of funcGNN/);
    expect(s[8]).toMatch(/compared with the state of the art methods\.$/);
    expect(s[9]).toBe('funcGNN posses the inductive learning ability to infer program structure and generalise to unseen programs.');
  });

  it('strips Markdown-bold labels of structured abstracts (sharma2019feasibility)', () => {
    const source = abstract('sharma2019feasibility');
    const spans = splitSentences(source);
    expect(spans[0]!.text).toBe(
      'A substantial amount of work has been done to detect smells in source code using metrics-based and heuristics-based methods.',
    );
    expect(spans[0]!.start).toBe('**Context**: '.length);
    expect(spans.map((s) => s.text)).toContain('We find it feasible to detect smells using deep learning methods.');
    expect(spans.every((s) => !s.text.includes('**'))).toBe(true);
  });

  it('reads hard-wrapped lines as one sentence (tp0263)', () => {
    const s = texts(abstract('tp0263'));
    expect(s).toHaveLength(13);
    expect(s[0]).toBe(
      'Automatic program understanding and generation techniques could\nsignificantly advance the productivity of programmers and have\nbeen widely studied by academia and industry.',
    );
    expect(s[3]).toMatch(/, e\.g\.,\nthey are hardly evaluated on the identical benchmarks, tasks, or settings\.$/);
  });

  it('keeps "We find that" with its numbered list on the next line (kocetkov2022stack)', () => {
    const s = texts(abstract('kocetkov2022stack'));
    expect(s[3]).toMatch(/^We find that\n\(1\) near-deduplicating the data significantly boosts performance/);
    expect(s[3]).toMatch(/using only permissively licensed data\.$/);
  });

  it('splits at a full stop with no space before a capital, and drops a heading (tp0170)', () => {
    const s = texts(abstract('tp0170'));
    expect(s[2]).toMatch(/specifying the expected transaction behavior\.$/);
    expect(s[3]).toMatch(/^To automate the detection of "machine un-auditable" bugs, we present SmartInv/);
    expect(s).not.toContain('# Source:');
    expect(s).not.toContain('Source:');
  });

  it('does not split a URL at its "?" (franks2015cacheca)', () => {
    const s = texts(abstract('franks2015cacheca'));
    expect(s.at(-1)).toBe(
      'A video demonstration is available at [https://www.youtube.com/watch?v=3INk0N3JNtc](https://www.youtube.com/watch?v=3INk0N3JNtc).',
    );
  });
});

// Invented inputs: the corpora have no p-values, "vs.", "Fig.", ALL-CAPS labels on their own line or bullet
// lists, but abstracts from other fields do.
describe('splitSentences on edge cases the corpora lack', () => {
  it('keeps p-values, "vs.", "Fig." and "cf." inside sentences', () => {
    expect(texts('The gain was significant (p < 0.05). Accuracy rose to 62.8% vs. 51.2% for GPT-4. See Fig. 3 and cf. Table 2.')).toEqual([
      'The gain was significant (p < 0.05).',
      'Accuracy rose to 62.8% vs. 51.2% for GPT-4.',
      'See Fig. 3 and cf. Table 2.',
    ]);
    expect(texts('Fine-tuned models beat prompting vs. GPT-4 in most settings. They also generalise.')).toEqual([
      'Fine-tuned models beat prompting vs. GPT-4 in most settings.',
      'They also generalise.',
    ]);
  });

  it('does not split inside brackets', () => {
    expect(texts('Models fail on renamed code (see Sec. 4. Results hold for Java too). We release the data.')).toEqual([
      'Models fail on renamed code (see Sec. 4. Results hold for Java too).',
      'We release the data.',
    ]);
  });

  it('drops labels on their own line and keeps bullets apart, with exact offsets', () => {
    const source = 'BACKGROUND:\nCode models are brittle.\n\nRESULTS: We find a 12% drop.\n- first item\n- second item\nMethods: We test 3 models.';
    const spans = splitSentences(source);
    expect(spans.map((s) => s.text)).toEqual([
      'Code models are brittle.',
      'We find a 12% drop.',
      'first item',
      'second item',
      'We test 3 models.',
    ]);
    for (const s of spans) expect(source.slice(s.start, s.end)).toBe(s.text);
  });

  it('returns nothing for empty or label-only text', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences('  \n ')).toEqual([]);
    expect(splitSentences('RESULTS:')).toEqual([]);
  });
});
