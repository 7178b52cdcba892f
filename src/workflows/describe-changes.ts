import type { Synthesis } from '../records/index.ts';

export interface ReviewChange {
  before: Synthesis | null;
  after: Synthesis;
}

function list(label: string, ids: readonly string[], titles: ReadonlyMap<string, string>): string[] {
  if (ids.length === 0) return [];
  const shown = ids.slice(0, 10).map((id) => `  - ${titles.get(id) ?? id} (\`${id}\`)`);
  return [`- ${label} (${ids.length}):`, ...shown, ...(ids.length > 10 ? [`  - … and ${ids.length - 10} more`] : [])];
}

// The description of a scheduled refresh's pull request: per review, what the new version changed.
// Built from the reviews' own history entries, so it says exactly what the diff of src/content holds.
export function describeChanges(changes: readonly ReviewChange[]): string {
  if (changes.length === 0) return 'No review changed: every refreshed source returned the same records.\n';
  const lines = [`Scheduled refresh: ${changes.length} review(s) changed.`, ''];
  for (const { before, after } of [...changes].sort((a, b) => a.after.id.localeCompare(b.after.id))) {
    const latest = after.history.at(-1);
    const titles = new Map<string, string>([
      ...(before?.papers ?? []).map((p): [string, string] => [p.id, p.title]),
      ...after.papers.map((p): [string, string] => [p.id, p.title]),
    ]);
    const score = before ? `score ${before.review.score} → ${after.review.score}` : `score ${after.review.score}`;
    lines.push(`### ${after.title} (\`${after.id}\`)`, '');
    lines.push(`- version ${latest?.version ?? 1}, ${score}, ${after.counts.included} papers, ${after.counts.claims} claims (${after.counts.supported} supported)`);
    if (latest) {
      lines.push(...list('papers added', latest.papersAdded, titles), ...list('papers removed', latest.papersRemoved, titles));
      lines.push(`- claims added: ${latest.claimsAdded.length}, removed: ${latest.claimsRemoved.length}`);
    }
    const stale = after.retrieval.filter((l) => l.outcome !== 'ok');
    for (const l of stale) lines.push(`- ⚠ ${l.source}: ${l.outcome}${l.message ? ` — ${l.message}` : ''}`);
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}
