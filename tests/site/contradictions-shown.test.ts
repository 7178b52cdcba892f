// The report page's contradictions, on a demo review's stored synthesis (src/content/syntheses, engine 0.5): opposite
// findings are usually stored both ways round, and the page shows each disagreement once.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Synthesis } from '../../src/records/index.ts';
import { CONTRADICTIONS_ON_REPORT_PAGE, contradictionsShown } from '../../src/components/report/contradictions-shown.ts';

const stored = (id: string) =>
  Synthesis.parse(JSON.parse(readFileSync(fileURLToPath(new URL(`../../src/content/syntheses/${id}.json`, import.meta.url)), 'utf8')));

describe('contradictions on the report page', () => {
  const s = stored('llm-vulnerability-detection');
  const { shown, disagreements } = contradictionsShown(s);
  const claimOf = (id: string) => s.claims.find((c) => c.id === id)!;

  it('lists a disagreement stored both ways round once, with the other reading\'s score', () => {
    const mirrored = shown.filter((c) => c.reverse !== null);
    expect(mirrored.length).toBeGreaterThan(0);
    // Every stored entry is shown, or is the other reading of one that is.
    expect(shown.length + mirrored.length).toBe(s.contradictions.length);
    for (const c of shown) {
      const claim = claimOf(c.claim);
      const other = shown.filter((d) => d.paper === claim.paper && d.quote === claim.quote.text && claimOf(d.claim).paper === c.paper && claimOf(d.claim).quote.text === c.quote);
      expect(other).toEqual([]);
    }
    expect(disagreements).toBe(shown.length);
  });

  it('keeps the strongest reading first', () => {
    expect(shown[0]!.score).toBe(Math.max(...s.contradictions.map((c) => c.score)));
  });

  it(`shows at most ${CONTRADICTIONS_ON_REPORT_PAGE}, counting the rest`, () => {
    // Invented: no demo review has more than ten; the stored entry repeated with distinct quotes.
    const many = { ...s, contradictions: Array.from({ length: 25 }, (_, i) => ({ ...s.contradictions[0]!, quote: `${s.contradictions[0]!.quote} ${i}` })) };
    const out = contradictionsShown(many);
    expect(out.shown).toHaveLength(CONTRADICTIONS_ON_REPORT_PAGE);
    expect(out.disagreements).toBe(25);
  });
});
