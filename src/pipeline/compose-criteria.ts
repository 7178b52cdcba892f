import type { Question, ScreeningReport } from '../records/index.ts';

// The screening criteria in words, one per line of the methods text. Terms are quoted as the question file
// writes them, because screening matches them as written (prefixes such as "vulnerab" included). The relevance
// rule is src/pipeline/screen.ts's; its figures come from the screening report when there is one.
export function composeCriteria(question: Question, screening?: ScreeningReport): string[] {
  const s = question.screening;
  const out: string[] = [];
  const from = s.years?.from;
  const to = s.years?.to;
  if (from !== undefined && to !== undefined) out.push(`Published between ${from} and ${to} (inclusive).`);
  else if (from !== undefined) out.push(`Published in ${from} or later.`);
  else if (to !== undefined) out.push(`Published in ${to} or earlier.`);
  if (s.require.length) out.push(`Title, keywords or abstract mention at least one of: ${quoted(s.require)}.`);
  if (s.exclude.length) out.push(`Records whose title, keywords or abstract mention any of ${quoted(s.exclude)} are excluded.`);
  if (s.requireAbstract) out.push('Records without an abstract are excluded, since there is no text to assess or quote.');
  else out.push('Records without an abstract are judged on their title and keywords, and marked as title-only.');

  const required = question.facets.filter((f) => f.role === 'required').map((f) => f.id);
  const aspects = question.facets.filter((f) => f.role === 'aspect').map((f) => f.id);
  const parts = [
    required.length ? `required: ${required.join(', ')}` : '',
    aspects.length ? `aspects, any one of which suffices: ${aspects.join(', ')}` : '',
  ].filter(Boolean);
  out.push(`The record speaks to the question's facets (${parts.join('; ')}); a facet that no record mentions is reported as a gap and not required.`);

  const cutOff = screening?.rule.cutOff;
  if (s.minRelevance !== undefined) {
    out.push(`Its relevance is at least ${s.minRelevance}, the question's own minimum, instead of the cut-off derived from the corpus.`);
  } else if (screening?.rule.method === 'facet-coverage') {
    out.push(`Its facet coverage is at least ${cutOff!.toFixed(3)} (too few records to estimate the corpus's off-topic bulk).`);
  } else {
    const share = percent(1 - (screening?.rule.nullTail ?? 0.1));
    out.push(
      `Its relevance is at least ${(cutOff ?? 0.9).toFixed(3)}: it scores above ${share} of this corpus's off-topic records, ` +
        'as estimated from the bulk of the ranking scores (see the methods page).' +
        (required.length ? ` A record that misses a required facet must also score above ${share} of the records that miss one.` : ''),
    );
  }
  if (s.maxIncluded !== undefined) {
    out.push(`At most ${s.maxIncluded} papers are synthesised, the most relevant first; relevant records left out are listed.`);
  }
  if (s.decisions.length) {
    const include = s.decisions.filter((d) => d.decision === 'include').length;
    out.push(
      `The maintainers' own decisions (${include} to include, ${s.decisions.length - include} to exclude) override these criteria and teach the ranker.`,
    );
  }
  return out;
}

function quoted(terms: readonly string[]): string {
  return terms.map((t) => `"${t}"`).join(', ');
}

function percent(x: number): string {
  return `${Math.round(x * 100)}%`;
}
