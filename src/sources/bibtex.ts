import { plugins } from '../cite/citation-js.ts';
import type { Paper } from '../records/index.ts';
import type { Problem } from '../records/problem.ts';
import { CorpusError, corpusPlace, lineAt } from './corpus-error.ts';
import { assertUniqueLocalIds, corpusWarning, cslToPaper, LOCATED_WARNINGS, locatedAt, type CorpusWarning, type CslItem } from './csl-json.ts';

// citation-js 0.9 types every InputOptions field as required, though all are optional at run time.
type ChainOptions = NonNullable<Parameters<typeof plugins.input.chain>[1]>;

// citation-js's BibTeX file grammar gives each entry with its field values still as LaTeX source.
type RawEntry = { type: string; label: string; properties: Record<string, string> };

// A lone "$" is a LaTeX math shift, so citation-js rejects an abstract that says "$600 million". BibTeX
// itself never reads field text, so such files are common and compile; we read an unescaped "$" in an
// entry that failed to parse as a literal dollar sign and try once more.
function escapeDollars(entry: RawEntry): RawEntry {
  const properties: Record<string, string> = {};
  for (const [key, value] of Object.entries(entry.properties)) properties[key] = value.replace(/(?<!\\)\$/g, '\\$');
  return { ...entry, properties };
}

function toCsl(entry: RawEntry): CslItem[] {
  // The biblatex mapping, not the plain-BibTeX one: citation-js 0.9 maps `abstract` only in the former
  // (plugin-bibtex lib/mapping/biblatex.js), and it reads every BibTeX field we use the same way.
  return plugins.input.chain(entry, { forceType: '@biblatex/entry+object', generateGraph: false } as ChainOptions) as CslItem[];
}

// Identifier fields the CSL mapping drops: `eprint` (arXiv's own BibTeX: eprint + archivePrefix; biblatex:
// eprint + eprinttype) becomes "arXiv:<eprint>" when it names arXiv, and `pmid`/`doi` are passed as text.
function idHints(entry: RawEntry): string[] {
  const p = Object.fromEntries(Object.entries(entry.properties).map(([k, v]) => [k.toLowerCase(), v]));
  const hints: string[] = [];
  const prefix = (p['archiveprefix'] ?? p['eprinttype'] ?? '').toLowerCase();
  if (p['eprint'] !== undefined && (prefix === 'arxiv' || prefix === '')) hints.push(`arXiv:${p['eprint']}`);
  if (p['doi'] !== undefined) hints.push(p['doi']);
  return hints;
}

function lineOfEntry(bib: string, label: string, nth = 0): number | null {
  const pattern = new RegExp(`@\\w+\\s*[{(]\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*,`, 'g');
  let match: RegExpExecArray | null = null;
  for (let i = 0; i <= nth; i++) {
    match = pattern.exec(bib);
    if (match === null) return null;
  }
  return match === null ? null : lineAt(bib, match.index);
}

// The entry that encloses `line`: the last "@type{label," at or before it.
function entryBefore(bib: string, line: number): string | null {
  const lines = bib.split('\n').slice(0, line);
  for (let i = lines.length - 1; i >= 0; i--) {
    const match = /^\s*@\w+\s*[{(]\s*([^,\s]+)\s*,/.exec(lines[i]!);
    if (match) return match[1]!;
  }
  return null;
}

function syntaxProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.replace(/ at line \d+ col \d+:?$/, '');
}

/**
 * Parses a BibTeX (or biblatex) file into Papers via citation-js: BibTeX → CSL → the shared CSL mapping
 * (`cslToPaper`), so field handling is the same as for CSL-JSON corpora. LaTeX in values is decoded
 * ("Gon{\c{c}}alves" → "Gonçalves", "\emph{x}" → "x"). Fields read other than as written (a year that is
 * no year, a value cut to its limit) are added to `warnings`, located.
 */
export function parseBibtex(bib: string, sourceName: string, file: string = sourceName, warnings: Problem[] = []): Paper[] {
  let entries: RawEntry[];
  try {
    entries = plugins.input.chainLink(bib, { forceType: '@biblatex/text' } as ChainOptions) as RawEntry[];
  } catch (error) {
    // citation-js's grammar errors say "at line L col C" (1-based lines of the whole file).
    const at = /at line (\d+) col \d+/.exec(error instanceof Error ? error.message : '');
    const line = at ? Number(at[1]) : null;
    throw new CorpusError({
      file,
      ...corpusPlace(line, line === null ? null : entryBefore(bib, line)),
      problem: `BibTeX syntax error (${syntaxProblem(error)})`,
      fix: 'check the braces and the commas between fields of this entry',
    });
  }
  const papers: Paper[] = [];
  for (const entry of entries) {
    let items: CslItem[];
    try {
      try {
        items = toCsl(entry);
      } catch {
        items = toCsl(escapeDollars(entry));
      }
    } catch (error) {
      throw new CorpusError({
        file,
        ...corpusPlace(lineOfEntry(bib, entry.label), entry.label),
        problem: `a field value is not valid LaTeX (${syntaxProblem(error)})`,
        fix: 'check the LaTeX in its fields; commands need their arguments (\\textbf{…}), environments their \\end, special characters a backslash (\\%, \\&, \\#, \\_)',
      });
    }
    const warn = (warning: CorpusWarning) => {
      warnings.push(corpusWarning(file, warnings.length < LOCATED_WARNINGS ? lineOfEntry(bib, entry.label) : null, entry.label, warning));
    };
    for (const item of items) {
      try {
        papers.push(cslToPaper(item, sourceName, { file, idHints: idHints(entry), from: 'bibtex', warn }));
      } catch (error) {
        throw locatedAt(error, () => lineOfEntry(bib, entry.label));
      }
    }
  }
  assertUniqueLocalIds(
    papers.map((p) => p.ids.local!),
    file,
    'give each entry its own citation key; if two entries are the same work, keep one',
    (label, nth) => lineOfEntry(bib, label, nth),
  );
  return papers;
}
