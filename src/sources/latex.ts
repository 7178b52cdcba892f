import { plugins } from '../cite/citation-js.ts';

// citation-js 0.9 types every InputOptions field as required, though all are optional at run time.
type ChainOptions = NonNullable<Parameters<typeof plugins.input.chain>[1]>;

// Real CSL-JSON exports often carry BibTeX leftovers in names and titles ("Gon{\c{c}}alves",
// "{Multi-Dimensional}", "Computers \& Security"); CSL-JSON is not LaTeX (CSL-JSON allows only a few
// HTML-like tags), so these are decoded with citation-js's own BibTeX value parser rather than a second,
// hand-written LaTeX table.
const LATEX = /[\\{}]/;

function decodeTitleField(value: string): string | null {
  try {
    const [item] = plugins.input.chain(
      { type: 'misc', label: 'latex', properties: { title: value } },
      { forceType: '@biblatex/entry+object', generateGraph: false } as ChainOptions,
    ) as { title?: unknown }[];
    return typeof item?.title === 'string' ? item.title : null;
  } catch {
    return null;
  }
}

/** `value` with LaTeX accents, escapes and protective braces decoded; unchanged when it has none. */
export function decodeLatex(value: string): string {
  if (!LATEX.test(value)) return value;
  // A lone "$" (a price) would open math mode; read it as a dollar sign, as BibTeX readers do.
  return (
    decodeTitleField(value) ??
    decodeTitleField(value.replace(/(?<!\\)\$/g, '\\$')) ??
    value.replace(/\\([&%$#_{}])/g, '$1').replace(/(?<!\\)[{}]/g, '')
  );
}
