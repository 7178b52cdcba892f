// Which staged review a failed `astro build` was rendering. Astro stops a static build at the first page
// that throws and logs "Caught error rendering <pathname>: <error>" (astro/dist/core/build/generate.js;
// tests/scripts/build.test.ts holds us to that wording; src/site-downloads.ts reports a review's download that could
// not be made in the same words). Every route of a review carries its id
// (/reports/<id>/…, /api/reports/<id>.json), so that line names the review. A failure on a page that is
// no one review's (the index, a component every page uses), or one Astro did not report so, names none,
// and then the build fails as a whole: guessing would leave out a review that did nothing wrong.

const ANSI = /\u001b\[[0-9;]*m/g;

function reviewInPath(path: string, reviews: readonly string[]): string | null {
  // Longest first, so an id that is a prefix of another ("a" and "a-b") is not taken for it.
  for (const id of [...reviews].sort((a, b) => b.length - a.length)) {
    if (path.includes(`/reports/${id}/`) || path.endsWith(`/reports/${id}.json`) || path.endsWith(`/reports/${id}`)) return id;
  }
  return null;
}

export type FailedRender = { review: string; route: string; error: string };

export function failedReview(output: string, reviews: readonly string[]): FailedRender | null {
  const lines = output.replace(ANSI, '').split(/\r?\n/);
  for (const line of lines) {
    const caught = /Caught error rendering (\S+?): (.*)$/.exec(line);
    if (!caught) continue;
    const review = reviewInPath(caught[1]!, reviews);
    return review ? { review, route: caught[1]!, error: caught[2]! } : null;
  }
  return null;
}
