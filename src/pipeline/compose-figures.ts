import type { IncludedPaper, Synthesis, VerifiedClaim } from '../records/index.ts';

type Figures = Synthesis['figures'];

const CONFIDENCE_BINS = 10;

// Data for the two charts the pipeline owns: included papers per year (every year between the first and the
// last, zeros included, so a bar chart shows the gaps) and the confidence histogram split by verdict.
export function composeFigures(papers: readonly IncludedPaper[], claims: readonly VerifiedClaim[]): Figures {
  const years = papers.map((p) => p.year).filter((y): y is number => y !== null);
  const papersPerYear: Figures['papersPerYear'] = [];
  if (years.length) {
    const min = Math.min(...years);
    const max = Math.max(...years);
    for (let y = min; y <= max; y++) papersPerYear.push({ year: y, count: years.filter((v) => v === y).length });
  }
  const confidence: Figures['confidence'] = [];
  for (let i = 0; i < CONFIDENCE_BINS; i++) {
    confidence.push({ from: i / CONFIDENCE_BINS, to: (i + 1) / CONFIDENCE_BINS, supported: 0, contradicted: 0, insufficient: 0 });
  }
  for (const c of claims) {
    // Bins are [from, to); a confidence of exactly 1 belongs in the last one. The epsilon keeps 0.3 out of the
    // 0.2 bin when 0.3 * 10 rounds below 3 in floating point.
    const i = Math.min(CONFIDENCE_BINS - 1, Math.floor(c.verification.confidence * CONFIDENCE_BINS + 1e-9));
    const bin = confidence[i];
    if (bin) bin[c.verification.verdict]++;
  }
  return { papersPerYear, confidence };
}
