import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { merge } from '../../src/pipeline/merge.ts';
import { readCorpus } from '../../src/sources/corpus.ts';
import { Paper } from '../../src/records/index.ts';
import { referenceFormatter } from '../../src/cite/references.ts';
import { readLocalStyles } from '../../src/store/csl-styles.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const merged = merge([
  ...readCorpus({ type: 'csl-json', path: 'corpora/code-security.csl.json' }, root, 'T').records,
  ...readCorpus({ type: 'bibtex', path: 'corpora/llm4swsec.bib' }, root, 'T').records,
]).papers;
const formatReferences = referenceFormatter(readLocalStyles());
const byId = (id: string) => merged.find((p) => p.id === id)!;
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
      // the label alone: the page adds the brackets of a cluster
      expect(r.citation).toMatch(/^[^([\s](.*[^)\]\s])?$/);
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

describe('in-text citations, from the same citeproc run as the reference list', () => {
  // Real same-authors-same-year pair: Boi, Esposito & Lee published two 2024 papers (code-security).
  const boi = [byId('code-security:tp0169'), byId('code-security:tp0191')];
  // Real first authors sharing a surname and year: Chong Chen et al. 2023 and Yizheng Chen et al. 2023.
  const chen = [byId('code-security:tp0260'), byId('doi:10.1145/3607199.3607242')];
  const twoAuthors = papers.find((p) => p.authors.length === 2)!;
  const set = [...papers, ...boi, ...chen];
  const label = (style: 'apa' | 'vancouver' | 'harvard1' | 'mla' | 'chicago', paper: Paper) =>
    formatReferences(set, style).find((r) => r.paper === paper.id)!.citation;

  it.each(['apa', 'harvard1', 'chicago'] as const)('%s: the same year suffix in the text as in the list, a and b in list order', (style) => {
    const refs = formatReferences(set, style);
    const [first, second] = refs.filter((r) => boi.some((p) => p.id === r.paper));
    expect(first!.citation).toMatch(/2024a$/);
    expect(second!.citation).toMatch(/2024b$/);
    for (const r of refs) {
      const suffix = /\d{4}([a-z])$/.exec(r.citation)?.[1];
      if (suffix) expect(r.text).toContain(`2024${suffix}`);
      else expect(r.text).not.toMatch(/\b\d{4}[a-z]\b/);
    }
  });

  it('APA: "A & B, year", "A et al., year", an initial for first authors who share a surname and year', () => {
    const [a, b] = twoAuthors.authors;
    expect(label('apa', twoAuthors)).toBe(`${a!.family} & ${b!.family}, ${twoAuthors.year}`);
    expect(label('apa', boi[0]!)).toBe('Boi et al., 2024a');
    // APA 7 §8.20; the list prints the same initials ("Chen, C., …").
    expect(chen.map((p) => label('apa', p))).toEqual(['C. Chen et al., 2023', 'Y. Chen et al., 2023']);
  });

  it('Harvard and Chicago write "and"; MLA gives no year and tells same-author works apart by title', () => {
    const [a, b] = twoAuthors.authors;
    expect(label('harvard1', twoAuthors)).toBe(`${a!.family} and ${b!.family}, ${twoAuthors.year}`);
    expect(label('chicago', twoAuthors)).toBe(`${a!.family} and ${b!.family} ${twoAuthors.year}`);
    expect(label('mla', twoAuthors)).toBe(`${a!.family} and ${b!.family}`);
    for (const r of formatReferences(set, 'mla')) expect(r.citation).not.toMatch(/\b(19|20)\d\d\b/);
    expect(label('mla', boi[0]!)).toMatch(/^Boi et al\., “Smart Contract Vulnerability Detection/);
  });

  it('vancouver: the reference number', () => {
    expect(formatReferences(set, 'vancouver').map((r) => r.citation)).toEqual(set.map((_, i) => String(i + 1)));
  });

  it('writes n.d. for a paper without a year (invented edge case: the corpus records have years)', () => {
    const undated = Paper.parse({ ...twoAuthors, id: 'test:undated', year: null });
    expect(formatReferences([undated], 'apa')[0]!.citation).toMatch(/, n\.d\.$/);
  });
});

