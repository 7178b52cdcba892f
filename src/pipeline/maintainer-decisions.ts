// Finds the records the maintainers' screening decisions (question.screening.decisions) name.
//
// Exported API
//   type MatchedDecisions = { byPaper: Map<string, MaintainerDecision>; unmatched: MaintainerDecision[] }
//   matchDecisions(papers, decisions, recordNames?): MatchedDecisions
//       recordNames: merge()'s names of the records behind each paper id (src/pipeline/merge.ts)
//
// A decision names a record by `id` or `doi`. The id may be the paper id the report shows (doi:…, arxiv:…,
// <corpus>:<record id>), or the id a record had in one of its sources before merging (`code-security:tp0001` for a
// record that merging filed under its DOI), so a decision keeps working when a record gains a DOI. DOIs compare
// without their resolver prefix and case. A decision that names no screened record is kept in `unmatched`, for
// the report to say so: a typo must not pass silently. When two decisions name one record, the later in the file
// wins (a pull request appends).
import type { MaintainerDecision, Paper } from '../records/index.ts';
import { normaliseDoi } from '../identity/index.ts';

export type MatchedDecisions = { byPaper: Map<string, MaintainerDecision>; unmatched: MaintainerDecision[] };

export function matchDecisions(
  papers: readonly Paper[],
  decisions: readonly MaintainerDecision[],
  recordNames: ReadonlyMap<string, readonly string[]> = new Map(),
): MatchedDecisions {
  const names = new Map<string, string>();
  for (const p of papers) {
    for (const name of [...namesOf(p), ...(recordNames.get(p.id) ?? [])]) if (!names.has(name)) names.set(name, p.id);
  }
  const byPaper = new Map<string, MaintainerDecision>();
  const unmatched: MaintainerDecision[] = [];
  for (const d of decisions) {
    const key = d.doi !== undefined ? `doi:${normaliseDoi(d.doi) ?? d.doi.toLowerCase()}` : d.id!.trim();
    const paper = names.get(key) ?? names.get(key.toLowerCase());
    if (paper === undefined) unmatched.push(d);
    else byPaper.set(paper, d);
  }
  return { byPaper, unmatched };
}

function namesOf(p: Paper): string[] {
  const out = [p.id];
  if (p.ids.doi) out.push(`doi:${p.ids.doi}`);
  if (p.ids.arxiv) out.push(`arxiv:${p.ids.arxiv}`);
  if (p.ids.pmid) out.push(`pmid:${p.ids.pmid}`);
  if (p.ids.local) for (const s of p.sources) out.push(`${s}:${p.ids.local}`);
  return out;
}
