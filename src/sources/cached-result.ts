import type { Paper, SourceResult } from '../records/index.ts';
import { cleanPaper } from './clean-paper.ts';
import { readSourceText } from './source-text.ts';

// A live source's cached result as synthesis reads it: every record passes the cleaning a fresh record gets
// (clean-paper.ts) again, on reading. A cache written before a cleaning step existed (or before it grew) holds
// markup, entities, control characters or a glued citation key; without this it would keep them until the
// next refresh of that source, which may be weeks away or never (a source that keeps failing keeps its
// stale results). Cleaning is idempotent on what a current refresh writes, so a current cache reads the same.
//
// Each source's markup is read again the way its adapter reads it when fetching (source-text.ts), with only
// known tags as markup, so that a tag-shaped text left in a fresh abstract ("List<String>") stays. Cleaning is
// idempotent on what a current refresh writes (tests/sources/cached-result.test.ts reads every recorded
// response through both ways).
const NOTES_IN_LOG = 3;

export function cleanCachedResult(result: SourceResult): SourceResult {
  const records: Paper[] = [];
  const notes: string[] = [];
  for (const record of result.records) {
    const cleaned = cleanPaper(readSourceText(result.source, record, 'known'));
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
