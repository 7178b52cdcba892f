import type { Question } from '../records/index.ts';

// The screening criteria in words, one per line of the methods text. Terms are quoted as the question file
// writes them, because screening matches them as written (prefixes such as "vulnerab" included).
export function composeCriteria(question: Question): string[] {
  const s = question.screening;
  const out: string[] = [];
  const from = s.years?.from;
  const to = s.years?.to;
  if (from !== undefined && to !== undefined) out.push(`Published between ${from} and ${to} (inclusive).`);
  else if (from !== undefined) out.push(`Published in ${from} or later.`);
  else if (to !== undefined) out.push(`Published in ${to} or earlier.`);
  if (s.require.length) out.push(`Title or abstract mentions at least one of: ${quoted(s.require)}.`);
  if (s.exclude.length) out.push(`Records whose title or abstract mentions any of ${quoted(s.exclude)} are excluded.`);
  if (s.requireAbstract) out.push('Records without an abstract are excluded, since there is no text to assess or quote.');
  out.push(`Relevance to the question and its facets is at least ${s.minRelevance} on a 0 to 1 scale.`);
  out.push(`At most ${s.maxIncluded} papers are included, the most relevant first.`);
  return out;
}

function quoted(terms: readonly string[]): string {
  return terms.map((t) => `"${t}"`).join(', ');
}
