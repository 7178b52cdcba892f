// Reading Sift's downloads back as a reference manager does, with citation-js's own readers
// (@citation-js/plugin-bibtex, @citation-js/plugin-ris). The format is given, as a reference manager knows it
// from the file's extension: left to guess, citation-js would read a RIS file holding "@misc{" as BibTeX.
import { Cite, type CSL } from '../../src/cite/citation-js.ts';

// citation-js 0.9 types every InputOptions field as required, though all are optional at run time.
type InputOptions = NonNullable<ConstructorParameters<typeof Cite>[1]>;

export function readBibtex(text: string): CSL[] {
  return new Cite(text, { forceType: '@biblatex/text' } as InputOptions).data;
}

export function readRis(text: string): CSL[] {
  return new Cite(text, { forceType: '@ris/file' } as InputOptions).data;
}
