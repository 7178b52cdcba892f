import type { Paper, SourceResult } from '../records/index.ts';
import { cleanPaper } from './clean-paper.ts';
import { markupToText } from './markup-text.ts';

// A live source's cached result as synthesis reads it: every record passes the cleaning a fresh record gets
// (clean-paper.ts) again, on reading. A cache written before a cleaning step existed (or before it grew) holds
// markup, entities, control characters or a glued citation key; without this it would keep them until the
// next refresh of that source, which may be weeks away or never (a source that keeps failing keeps its
// stale results). Cleaning is idempotent on what a current refresh writes, so a current cache reads the same.
//
// The markup of abstracts is read again for the sources whose adapters read it when fetching (Crossref's
// JATS, Europe PMC's HTML), as CSL-JSON and BibTeX text is read ('known' in markup-text.ts: CSL rich text,
// HTML and namespaced tags such as <jats:p>, and character references), so that a tag-shaped text left in a
// fresh abstract ("List<String>") stays. The other sources' adapters read no markup, and their text is kept
// as they wrote it (OpenAlex abstracts hold "&amp;#8217;" as the API sends it); titles likewise (Crossref
// keeps its <scp> tags). Either would otherwise change what a current refresh writes
// (tests/sources/cached-result.test.ts reads every recorded response through both ways).
const MARKUP_SOURCES = new Set(['crossref', 'europepmc']);

const NOTES_IN_LOG = 3;

function readAbstractMarkup(paper: Paper): Paper {
  const read = (text: string) => markupToText(text, 'known');
  return {
    ...paper,
    abstract: paper.abstract === null ? null : read(paper.abstract) || null,
    tldr: paper.tldr === null ? null : read(paper.tldr) || null,
  };
}

export function cleanCachedResult(result: SourceResult): SourceResult {
  const records: Paper[] = [];
  const notes: string[] = [];
  for (const record of result.records) {
    const cleaned = cleanPaper(MARKUP_SOURCES.has(result.source) ? readAbstractMarkup(record) : record);
    if (cleaned.paper) records.push(cleaned.paper);
    for (const note of cleaned.notes) notes.push(`${JSON.stringify(record.id.slice(0, 80))} ${note.field} ${note.problem}`);
  }
  if (notes.length === 0) return { ...result, records };
  // Said once, with the result's last request: what was cut or left out on reading the cache.
  const more = notes.length - NOTES_IN_LOG;
  const said = `cleaned on reading the cache: ${notes.slice(0, NOTES_IN_LOG).join('; ')}${more > 0 ? `; and ${more} more` : ''}`;
  const log = result.log.map((entry, i) => (i === result.log.length - 1 ? { ...entry, message: entry.message ? `${entry.message}; ${said}` : said } : entry));
  return { ...result, records, log };
}
