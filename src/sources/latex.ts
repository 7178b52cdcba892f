import { plugins } from '../cite/citation-js.ts';

// citation-js 0.9 types every InputOptions field as required, though all are optional at run time.
type ChainOptions = NonNullable<Parameters<typeof plugins.input.chain>[1]>;

// CSL-JSON is not LaTeX: its text is plain, with a few HTML-like tags (citeproc-js "Rich text markup"), so
// "\textbf{x}" in a CSL-JSON title is those nine characters, and reading it as LaTeX would show "<b>x</b>".
// Real CSL-JSON exports still carry BibTeX leftovers in names, titles and venues ("Gon{\c{c}}alves",
// "{Multi-Dimensional}", "Computers \& Security"), which no one means literally. Only these three kinds are
// read, none of which can yield markup; every other command, and math, stays as written:
//   - an accent or special letter ({\c{c}}, \'{e}, {\"o}, {\i}, {\ss}), decoded by citation-js's own BibTeX
//     value parser rather than a second, hand-written table, and kept only when it gives letters;
//   - an escaped special character (\&, \%, \$, \#, \_, \{, \});
//   - protective braces around plain words ({Multi-Dimensional}), which BibTeX uses to keep capitals.
// BibTeX files themselves are LaTeX, and citation-js decodes them whole (bibtex.ts).

const ACCENT_GROUP =
  /\{\\(?:[`'^"~=.]{1,2}\s*(?:[A-Za-z]|\{[A-Za-z]\}|\\[ij](?![A-Za-z]))|[cuvHkrdbt](?:\s*\{[A-Za-z]\}|\s+[A-Za-z])|(?:ss|ae|AE|oe|OE|aa|AA|[ijoOlL])(?![A-Za-z]))\s*\}|\\(?:[`'^"~=.](?:[A-Za-z]|\{[A-Za-z]\})|[cuvHkrdbt]\{[A-Za-z]\})/g;

// A protective group: braces around text with no command, math or further braces inside, not the argument
// of a command (\textbf{x}) nor a sub- or superscript (x_{t}).
const PROTECTIVE_BRACES = /(?<!\\[A-Za-z]*|[\^_])\{([^{}\\$]*)\}/g;

const LETTERS = /^[\p{L}\p{M}]{1,3}$/u;

function decodeAccent(group: string): string {
  // A doubled accent mark is a typo for one ("G{\""u}rfidan" in corpora/code-security.csl.json is Gürfidan).
  const title = group.replace(/^\{\\([`'^"~=.])\1/, '{\\$1');
  try {
    const [item] = plugins.input.chain(
      { type: 'misc', label: 'latex', properties: { title } },
      { forceType: '@biblatex/entry+object', generateGraph: false } as ChainOptions,
    ) as { title?: unknown }[];
    return typeof item?.title === 'string' && LETTERS.test(item.title) ? item.title : group;
  } catch {
    return group;
  }
}

/** `value` with the BibTeX leftovers a CSL-JSON export carries read (see above); unchanged when it has none. */
export function latexLeftovers(value: string): string {
  if (!/[\\{}]/.test(value)) return value;
  return value
    .replace(ACCENT_GROUP, decodeAccent)
    .replace(PROTECTIVE_BRACES, '$1')
    .replace(/\\([&%$#_{}])/g, '$1');
}
