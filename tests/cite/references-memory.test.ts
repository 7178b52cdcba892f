import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { merge } from '../../src/pipeline/merge.ts';
import { readCorpus } from '../../src/sources/corpus.ts';
import { Paper } from '../../src/records/index.ts';
import { formatReferences, referenceFormatter } from '../../src/cite/references.ts';
import { readLocalStyles } from '../../src/store/csl-styles.ts';
import { mulberry32 } from '../../src/stance-model/seeded-random.ts';

// The reference formatter of a run remembers what citeproc wrote for papers that stand alone in a list
// (src/cite/references.ts, cachedReferences). Whatever it remembers, every list must come out exactly as one
// citeproc run over the whole list writes it: checked here on lists drawn from the real corpora, which
// are full of first authors who share a family name (Allamanis, Chen, Wang, …), in every style, with papers
// recurring from list to list so that remembered entries are used.
const root = fileURLToPath(new URL('../../', import.meta.url));
const corpus = merge([
  ...readCorpus({ type: 'csl-json', path: 'corpora/code-security.csl.json' }, root, 'T').records,
  ...readCorpus({ type: 'csl-json', path: 'corpora/ml4code.csl.json' }, root, 'T').records,
  ...readCorpus({ type: 'bibtex', path: 'corpora/llm4swsec.bib' }, root, 'T').records,
]).papers;
const styles = ['apa', 'vancouver', 'harvard1', 'mla', 'chicago'] as const;

// A pool of 60 papers, so that lists of 5-25 drawn from it share papers and family names.
function lists(seed: number, count: number): Paper[][] {
  const rand = mulberry32(seed);
  const pool = Array.from({ length: 60 }, () => corpus[Math.floor(rand() * corpus.length)]!);
  return Array.from({ length: count }, () => {
    const size = 5 + Math.floor(rand() * 21);
    return [...new Map(Array.from({ length: size }, () => pool[Math.floor(rand() * pool.length)]!).map((p) => [p.id, p])).values()];
  });
}

describe('the reference formatter of a run (remembered entries)', () => {
  it.each(styles)('%s: every list exactly as one citeproc run over it', (style) => {
    const remembering = referenceFormatter(readLocalStyles());
    for (const list of lists(styles.indexOf(style) + 1, 14)) expect(remembering(list, style)).toEqual(formatReferences(list, style));
  }, 120_000);

  // A group of papers that can affect each other (first authors sharing a family name) is remembered whole too:
  // lists drawn from a smaller pool meet the same groups again beside other papers.
  it.each(styles)('%s: remembered groups of linked papers, beside other papers, exactly as one run over each list', (style) => {
    const remembering = referenceFormatter(readLocalStyles());
    const families = new Map<string, Paper[]>();
    for (const p of corpus) if (p.authors.length > 0) families.set(p.authors[0]!.family, [...(families.get(p.authors[0]!.family) ?? []), p]);
    const shared = [...families.values()].filter((g) => g.length >= 2).flat().slice(0, 30);
    expect(shared.length).toBe(30);
    const rand = mulberry32(7 + styles.indexOf(style));
    for (let n = 0; n < 12; n++) {
      const others = Array.from({ length: 8 }, () => corpus[Math.floor(rand() * corpus.length)]!);
      const list = [...new Map([...shared.slice(0, 10 + (n % 3) * 10), ...others].map((p) => [p.id, p])).values()];
      expect(remembering(list, style)).toEqual(formatReferences(list, style));
    }
  }, 120_000);

  it('stays exact for the pairs that need the whole list: same authors and year, shared surnames, no authors, no year', () => {
    const byId = (id: string) => corpus.find((p) => p.id === id)!;
    const boi = [byId('code-security:tp0169'), byId('code-security:tp0191')];
    const chen = [byId('code-security:tp0260'), byId('doi:10.1145/3607199.3607242')];
    // One first author, two years, given names written two ways ("J." and "J. K." in APA): initials added to both.
    const siow = [byId('arxiv:1912.09652'), byId('arxiv:2203.11790')];
    const others = corpus.filter((p) => p.authors.length > 0).slice(0, 8);
    // Invented edge cases (the corpora's included papers all have authors and years): no authors, no year.
    const anonymous = Paper.parse({ ...others[0]!, id: 'test:anonymous', authors: [] });
    const undated = Paper.parse({ ...others[1]!, id: 'test:undated', year: null });
    const remembering = referenceFormatter(readLocalStyles());
    for (const style of styles) {
      for (const list of [others, [...others, boi[0]!], [...others, ...boi], [...others, ...chen], [chen[0]!, ...others], [...others, ...siow], [siow[1]!, ...others], [...others, anonymous], [...others, undated]]) {
        expect(remembering(list, style)).toEqual(formatReferences(list, style));
      }
    }
  }, 120_000);
  // The same papers from another review's own files carry other ids ("<question>:<file>:<key>"); citeproc
  // never prints an id, so what was written for them is used again, and the list still reads as one run writes it.
  it.each(styles)('%s: the same papers under ids of another review are not formatted again', (style) => {
    let formatted = 0;
    const remembering = referenceFormatter(readLocalStyles(), { citeprocItems: (n) => (formatted += n) });
    const [list] = lists(40 + styles.indexOf(style), 1);
    const elsewhere = list!.map((p) => Paper.parse({ ...p, id: `other-review:${p.id}` }));
    remembering(list!, style);
    const first = formatted;
    expect(first).toBeGreaterThan(0);
    expect(remembering(elsewhere, style)).toEqual(formatReferences(elsewhere, style));
    expect(formatted).toBe(first);
  }, 120_000);
});
