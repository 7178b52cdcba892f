import type { HistoryEntry, Synthesis } from '../records/index.ts';

// A living review's versions: a new entry whenever the included papers, the claims or the score change since
// the previous synthesis, listing what was added and removed (ids sorted, so the file diffs cleanly).
// An unchanged rerun keeps the previous history as it was.
export function nextHistory(previous: Synthesis | null, current: Omit<Synthesis, 'history'>): HistoryEntry[] {
  const papers = current.papers.map((p) => p.id);
  const claims = current.claims.map((c) => c.id);
  if (previous === null) {
    return [entry(1, current, sorted(papers), [], sorted(claims), [])];
  }
  const before = {
    papers: new Set(previous.papers.map((p) => p.id)),
    claims: new Set(previous.claims.map((c) => c.id)),
  };
  const now = { papers: new Set(papers), claims: new Set(claims) };
  const papersAdded = sorted(papers.filter((id) => !before.papers.has(id)));
  const papersRemoved = sorted([...before.papers].filter((id) => !now.papers.has(id)));
  const claimsAdded = sorted(claims.filter((id) => !before.claims.has(id)));
  const claimsRemoved = sorted([...before.claims].filter((id) => !now.claims.has(id)));
  const changed =
    papersAdded.length + papersRemoved.length + claimsAdded.length + claimsRemoved.length > 0 ||
    previous.review.score !== current.review.score;
  if (!changed) return previous.history;
  const last = previous.history.reduce((m, h) => Math.max(m, h.version), 0);
  return [...previous.history, entry(last + 1, current, papersAdded, papersRemoved, claimsAdded, claimsRemoved)];
}

function entry(
  version: number,
  current: Omit<Synthesis, 'history'>,
  papersAdded: string[],
  papersRemoved: string[],
  claimsAdded: string[],
  claimsRemoved: string[],
): HistoryEntry {
  return { version, date: current.updated, engine: current.engine, score: current.review.score, papersAdded, papersRemoved, claimsAdded, claimsRemoved };
}

// Code-unit order, not locale order: the same on every machine.
function sorted(ids: readonly string[]): string[] {
  return [...new Set(ids)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
