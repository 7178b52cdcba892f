import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { merge } from '../pipeline/merge.ts';
import { readCorpus } from '../sources/corpus.ts';
import { referenceFormatter } from './references.ts';
import { readLocalStyles } from './styles.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const merged = merge([
  ...readCorpus({ type: 'csl-json', path: 'corpora/code-security.csl.json' }, root, 'T').records,
  ...readCorpus({ type: 'bibtex', path: 'corpora/llm4swsec.bib' }, root, 'T').records,
]).papers;
const formatReferences = referenceFormatter(readLocalStyles());
// Twelve real papers: published (DOI) and preprint (arXiv) ones, with LaTeX-decoded names.
const papers = [
  ...merged.filter((p) => p.id.startsWith('doi:')).slice(0, 5),
  ...merged.filter((p) => p.id.startsWith('arxiv:')).slice(0, 5),
  merged.find((p) => p.ids.arxiv === '2407.14372')!,
  merged.find((p) => p.ids.arxiv === '2311.16169')!,
];

describe('formatReferences', () => {
  it.each(['apa', 'vancouver', 'harvard1', 'mla', 'chicago'] as const)('formats every paper in %s, offline, as plain text', (style) => {
    const refs = formatReferences(papers, style);
    expect(refs.map((r) => r.paper).sort()).toEqual(papers.map((p) => p.id).sort());
    for (const r of refs) {
      expect(r.text.length).toBeGreaterThan(30);
      expect(r.text).not.toMatch(/<[a-z]|&amp;|\n|^\s|\s$/);
    }
    const scope = refs.find((r) => r.paper === 'arxiv:2407.14372')!.text;
    expect(scope).toContain('Gonçalves');
    expect(scope).toMatch(/2024/);
  });

  it('gives each style its own form', () => {
    const text = (style: 'apa' | 'vancouver' | 'harvard1' | 'mla' | 'chicago') =>
      formatReferences(papers, style).find((r) => r.paper === 'arxiv:2407.14372')!.text;
    expect(text('apa')).toMatch(/^Gonçalves, J\., Dias, T\., Maia, E\., & Praça, I\. \(2024\)\. Scope: Evaluating llms for software vulnerability detection \(arXiv:2407\.14372\)\. arXiv\. https:\/\/arxiv\.org\/abs\/2407\.14372$/);
    expect(text('vancouver')).toMatch(/^\d+\. Gonçalves J, Dias T, Maia E, Praça I\./);
    expect(text('harvard1')).toMatch(/^Gonçalves, J\. et al\. \(2024\)/);
    expect(text('mla')).toMatch(/^Gonçalves, José, et al\. Scope: Evaluating Llms for Software Vulnerability Detection\./);
    expect(text('chicago')).toMatch(/^Gonçalves, José, Tiago Dias, Eva Maia, and Isabel Praça\. 2024\. “Scope: Evaluating Llms for Software Vulnerability Detection\.”/);
  });

  it('numbers a numeric style in the order given (first citation)', () => {
    const refs = formatReferences(papers, 'vancouver');
    expect(refs.map((r) => r.paper)).toEqual(papers.map((p) => p.id));
    expect(refs.map((r) => r.text.split('.')[0])).toEqual(papers.map((_, i) => String(i + 1)));
  });

  it('orders author-date styles by the style, whatever the input order', () => {
    const forward = formatReferences(papers, 'apa');
    expect(formatReferences([...papers].reverse(), 'apa')).toEqual(forward);
    const families = forward.map((r) => r.text.split(',')[0]!);
    expect(families).toEqual([...families].sort((a, b) => a.localeCompare(b, 'en')));
  });

  it('returns nothing for no papers', () => {
    expect(formatReferences([], 'apa')).toEqual([]);
  });

  it('says what to do for a style that is not registered', () => {
    expect(() => formatReferences(papers, 'no-such-style' as 'apa')).toThrow(/not registered: load the bundled styles/);
  });
});
