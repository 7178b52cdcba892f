import type { Counts, Question, RetrievalLog, ScreeningReport, Synthesis, VerifiedClaim } from '../records/index.ts';
import { contradictionsJudgedByModel, exclusionLabels, ExclusionReason } from '../records/index.ts';

// The methods text, in paragraphs: what was asked, where and when it was searched, the criteria, and the
// PRISMA counts. Every number is read from the same counts/prisma/retrieval records the JSON and the
// diagram show (design §4, rule 5), so the three cannot disagree.
export function composeMethods(input: {
  question: Question;
  retrieval: readonly RetrievalLog[];
  bySource: Record<string, number>;
  criteria: readonly string[];
  counts: Counts;
  prisma: Synthesis['prisma'];
  claims: readonly VerifiedClaim[];
  screening?: ScreeningReport | undefined;
}): string[] {
  const { question, counts, prisma } = input;
  const out: string[] = [];

  out.push(
    `Question: ${question.question} An answer has to cover ${question.facets.length} facet${question.facets.length === 1 ? '' : 's'}: ` +
      `${question.facets.map((f) => f.label).join('; ')}.`,
  );

  const sources = Object.keys(input.bySource).sort();
  const where = sources.map((s) => `${s} (${input.bySource[s]} record${input.bySource[s] === 1 ? '' : 's'}${when(s, input.retrieval)})`);
  let searched = `Records were retrieved from ${sources.length} source${sources.length === 1 ? '' : 's'}: ${where.join('; ')}.`;
  const queries = [...new Set(input.retrieval.map((r) => r.query).filter((q): q is string => q !== null))].sort();
  if (queries.length) searched += ` Queries sent to the live sources: ${queries.map((q) => `"${q}"`).join(', ')}.`;
  const local = [...new Set(input.retrieval.filter((r) => r.query === null).map((r) => r.source))].sort();
  if (local.length) searched += ` ${local.join(', ')} ${local.length === 1 ? 'is a local corpus' : 'are local corpora'}, read whole.`;
  const stale = input.retrieval.filter((r) => r.outcome !== 'ok');
  for (const r of stale) {
    searched += ` ${r.source} could not be refreshed at ${time(r.time)}${r.message ? ` (${r.message})` : ''}; its previously retrieved records were used.`;
  }
  out.push(searched);

  out.push(`Screening criteria: ${input.criteria.join(' ')}`);

  const reasons = ExclusionReason.options
    .filter((r) => (prisma.excludedByReason[r] ?? 0) > 0)
    .map((r) => `${exclusionLabels[r].toLowerCase()}: ${prisma.excludedByReason[r]}`);
  out.push(
    `Of ${counts.identified} records identified, ${counts.duplicates} were duplicates, leaving ${counts.screened} to screen. ` +
      `${counts.excluded} were excluded${reasons.length ? ` (${reasons.join('; ')})` : ''} and ${counts.included} included.`,
  );
  if (input.screening) out.push(screeningModel(input.screening, question));

  const methods = [...new Set(input.claims.map((c) => c.method))].sort();
  const verifiers = [...new Set(input.claims.map((c) => c.verification.verifier))].sort();
  out.push(
    `Claims are whole sentences of the included papers' titles and abstracts that state a finding, each kept with its verbatim quote and character offsets` +
      `${methods.length ? ` (extraction: ${methods.join(', ')})` : ''}. ` +
      `${counts.claims} claim${counts.claims === 1 ? ' was' : 's were'} kept and ${counts.claimsDropped} dropped because the quote was not found verbatim in the paper. ` +
      `Each claim was checked against the other included papers${verifiers.length ? ` (verifier: ${verifiers.join(', ')})` : ''}: ` +
      `${counts.supported} supported, ${counts.contradicted} contradicted, ${counts.insufficient} without enough evidence` +
      (contradictionsJudgedByModel(input.claims)
        ? '.'
        : `; offline a contradiction is marked only where another paper states the opposite finding on the same subject in words the verifier reads (see the methods page).`),
  );
  return out;
}

// How the screening model decided, with this review's figures (the rule itself: src/pipeline/screen.ts).
function screeningModel(r: ScreeningReport, question: Question): string {
  const parts: string[] = [];
  parts.push(
    `Every screened record was ranked by its coverage of the question's facets and its words (BM25), refined by relevance feedback ` +
      `from the best-matching records${r.maintainers.length ? ` and by the maintainers' ${r.maintainers.length} decision${r.maintainers.length === 1 ? '' : 's'}` : ''}.`,
  );
  if (r.rule.method === 'off-topic-bulk') {
    const groups = r.rule.groups
      .map((g) => `${g.group === 'all' ? 'all records together' : g.group === 'title-only' ? 'title-only records' : 'records with an abstract'}: ${g.included} of ${g.records} included`)
      .join('; ');
    parts.push(
      `The cut-off was derived from this corpus: a record was included when it scored above ${Math.round((1 - r.rule.nullTail) * 100)}% of the bulk of off-topic records, ` +
        `whose centre and spread were estimated from the ranking scores (${groups}).`,
    );
    if (question.facets.some((f) => f.role === 'required' && !r.gaps.includes(f.id))) {
      // The bulk is estimated from the records that miss a required facet; for them the share is observed directly.
      parts.push(
        `A record that misses a required facet was also placed among the records that miss one, and included only when it scored above ` +
          `${Math.round((1 - r.rule.nullTail) * 100)}% of them as well.`,
      );
    }
  } else {
    parts.push(`With too few records to estimate the off-topic bulk, a record was included when its facet coverage reached ${r.rule.cutOff.toFixed(3)}.`);
  }
  if (r.titleOnly.screened > 0) {
    parts.push(`${r.titleOnly.screened} record${r.titleOnly.screened === 1 ? ' has' : 's have'} no abstract and ${r.titleOnly.screened === 1 ? 'was' : 'were'} judged on title and keywords; ${r.titleOnly.included} of them ${r.titleOnly.included === 1 ? 'was' : 'were'} included.`);
  }
  if (r.gaps.length) {
    const labels = r.gaps.map((g) => question.facets.find((f) => f.id === g)?.label ?? g);
    parts.push(`No screened record mentions ${r.gaps.length === 1 ? 'the facet' : 'the facets'} ${labels.join('; ')}: ${r.gaps.length === 1 ? 'it is a gap' : 'they are gaps'} in the literature searched, not a criterion.`);
  }
  if (r.maintainers.length) {
    const included = r.maintainers.filter((m) => m.decision === 'include').length;
    const overruled = r.maintainers.filter((m) => m.decision !== m.machine).length;
    parts.push(
      `The maintainers decided ${r.maintainers.length} record${r.maintainers.length === 1 ? '' : 's'} themselves (${included} included, ${r.maintainers.length - included} excluded); ` +
        `${overruled} of these decisions differ from what screening would have decided.`,
    );
  }
  if (r.unmatched.length) parts.push(`${r.unmatched.length} maintainers' decision${r.unmatched.length === 1 ? ' names' : 's name'} no screened record.`);
  if (r.cap !== null && r.leftOut.length) {
    parts.push(`The question caps the review at ${r.cap} papers: ${r.leftOut.length} record${r.leftOut.length === 1 ? '' : 's'} that passed screening ${r.leftOut.length === 1 ? 'was' : 'were'} left out (listed with the screening results).`);
  }
  return parts.join(' ');
}

function when(source: string, log: readonly RetrievalLog[]): string {
  const times = log.filter((r) => r.source === source).map((r) => r.time).sort();
  const first = times[0];
  const last = times[times.length - 1];
  if (first === undefined || last === undefined) return '';
  return first === last ? `, retrieved ${time(first)}` : `, retrieved ${time(first)} to ${time(last)}`;
}

// ISO 8601 times shown to the minute: "2026-11-26 10:05 UTC". Anything else is shown as written.
function time(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?Z$/.exec(iso);
  return m ? `${m[1]} ${m[2]} UTC` : iso;
}
