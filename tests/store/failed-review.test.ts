import { describe, expect, it } from 'vitest';
import { failedReview } from '../../src/store/failed-review.ts';

// Astro's own lines, as `astro build` 7 printed them when a chart refused to render (issue 10,
// finding 2); tests/scripts/build.test.ts checks the wording against a real build.
const output = [
  '14:25:33   ├─ /reports/adversarial-robustness-code-models/index.html (+227ms) ',
  '14:25:33   ├─ /reports/finetuning-robustness-codestral/index.html14:25:33 [ERROR] Error: chart SVG contains markup that could run script; refusing to render it',
  '    at renderChartSvg (file:///work/.astro/.prerender/chunks/index_DlaNWGVR.mjs:184:31)',
  '\u001b[31m14:25:33 [ERROR] [build] Caught error rendering /reports/finetuning-robustness-codestral/: Error: chart SVG contains markup that could run script; refusing to render it\u001b[39m',
].join('\n');

describe('which review a failed build was rendering', () => {
  const reviews = ['adversarial-robustness-code-models', 'finetuning-robustness-codestral', 'finetuning'];

  it('reads the route from Astro’s "Caught error rendering" line', () => {
    expect(failedReview(output, reviews)).toEqual({
      review: 'finetuning-robustness-codestral',
      route: '/reports/finetuning-robustness-codestral/',
      error: 'Error: chart SVG contains markup that could run script; refusing to render it',
    });
  });

  it('knows a review by its report JSON too', () => {
    expect(failedReview('[build] Caught error rendering /api/reports/finetuning.json: TypeError: x', reviews)?.review).toBe('finetuning');
  });

  it('names no review for a page that is no one review’s, or for a failure Astro did not locate', () => {
    expect(failedReview('[build] Caught error rendering /: TypeError: x', reviews)).toBeNull();
    expect(failedReview('[vite] ✗ Build failed in 3.48s\nMDXError: Cannot read bibliography', reviews)).toBeNull();
  });
});
