// citation-js with the plugins Sift uses, registered once: BibTeX in and out, CSL formatting, RIS out.
// (The all-in-one `citation-js` package would also pull in network plugins; see stack-notes.)
import { Cite, plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-csl';
import '@citation-js/plugin-ris';

export { Cite, plugins };
