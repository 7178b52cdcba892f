// A review at the size widened screening brings (150 included papers), made by the real pipeline from the
// real corpora in corpora/ — nothing invented but the question below, which asks broadly enough over all
// three corpora that screening fills its 150 places. Used by the page-weight test; about five seconds.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseQuestion } from '../../src/questions/parse-question.ts';
import { gatherResults } from '../../src/synthesize.ts';
import { runStages } from '../../src/pipeline/run-stages.ts';
import { referenceFormatter } from '../../src/cite/references.ts';
import { readLocalStyles } from '../../src/store/csl-styles.ts';
import { ENGINE } from '../../src/records/engine.ts';
import type { Synthesis } from '../../src/records/index.ts';

const root = new URL('../../', import.meta.url).pathname;

export const LARGE_REVIEW_ID = 'large-review-150';

const QUESTION = `title: How well do learned models detect software vulnerabilities, and how robust are they?
question: How accurately do learned models detect and repair software vulnerabilities, and how robust are they to adversarial changes?
facets:
  - id: accuracy
    label: Detection accuracy on vulnerability benchmarks
    terms: [accuracy, F1, precision, recall, detection, false positive]
  - id: baselines
    label: Comparison with static analysis tools and earlier detectors
    terms: [static analysis, baseline, deep learning, graph neural network, state-of-the-art]
  - id: prompting
    label: Effect of prompting strategies
    terms: [prompt, prompting, zero-shot, few-shot, chain-of-thought, in-context]
  - id: robustness
    label: Robustness to adversarial changes
    terms: [adversarial, robustness, attack, perturbation]
sources:
  - type: bibtex
    path: corpora/llm4swsec.bib
  - type: csl-json
    path: corpora/code-security.csl.json
  - type: csl-json
    path: corpora/ml4code.csl.json
screening:
  minRelevance: 0.1
  maxIncluded: 150
citationStyle: apa
`;

/** The 150-paper review, synthesized offline at a fixed time. */
export function largeReview(): Synthesis {
  const parsed = parseQuestion(QUESTION, `questions/${LARGE_REVIEW_ID}.yaml`);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.problem).join('; '));
  const now = '2026-12-01T00:00:00.000Z';
  return runStages(parsed.question, gatherResults(parsed.question, root, now), null, {
    engine: ENGINE,
    generated: now,
    inputHash: 'large-review-150',
    formatReferences: referenceFormatter(readLocalStyles()),
  });
}

/** A content root holding only the large review, for SIFT_CONTENT_DIR. */
export function writeLargeReviewContent(contentDir: string, synthesis: Synthesis = largeReview()): void {
  mkdirSync(join(contentDir, 'syntheses'), { recursive: true });
  mkdirSync(join(contentDir, 'papers'), { recursive: true });
  writeFileSync(join(contentDir, 'syntheses', `${synthesis.id}.json`), `${JSON.stringify(synthesis, null, 2)}\n`);
}
