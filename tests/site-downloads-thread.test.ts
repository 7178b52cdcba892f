import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REVIEW_DOWNLOADS } from '../src/components/review-downloads.ts';
import { writeReviewDownloads } from '../src/site-downloads-thread.ts';
import { failedReview } from '../src/store/failed-review.ts';
import { inShard } from '../src/workflows/shard.ts';

// The downloads written beside Astro's pages (src/site-downloads.ts), on the committed demo reviews: every review's
// files, only its shard's in a sharded build, and a review whose download cannot be made named as scripts/build.ts
// finds a review whose page failed. That the bytes are the endpoints' own is held by building the site
// (tests/site/*: the exports' contents; the sharded build, byte for byte).
const demo = new URL('../src/content/syntheses', import.meta.url).pathname;
const ids = readdirSync(demo).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length)).sort();
const location = { site: undefined, base: '/' };
const made: string[] = [];

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'site-downloads-'));
  made.push(dir);
  return dir;
}

const filesOf = (dir: string) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.\w+$/.test(f)).sort();

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('writeReviewDownloads', () => {
  it("writes each review's seven downloads where its routes were", () => {
    const out = scratch();
    expect(ids.length).toBeGreaterThan(1);
    expect(writeReviewDownloads({ synthesesDir: demo, outDir: out, shard: undefined, location })).toEqual({ files: ids.length * REVIEW_DOWNLOADS.length });
    const expected = ids.flatMap((id) => [
      `api/reports/${id}.json`,
      ...['feed.xml', 'references.bib', 'references.json', 'references.ris', 'screening.csv', 'screening.ris'].map((f) => `reports/${id}/${f}`),
    ]);
    expect(filesOf(out)).toEqual(expected.sort());
    const id = ids[0]!;
    expect(JSON.parse(readFileSync(join(out, `api/reports/${id}.json`), 'utf8'))).toMatchObject({ id });
    expect(readFileSync(join(out, `reports/${id}/references.bib`), 'utf8')).toMatch(/^@\w+\{/m);
  });

  it("writes only its shard's reviews in a sharded build, and the shards together write every review's", () => {
    const written = [1, 2].map((index) => {
      const out = scratch();
      const shard = { index, count: 2 };
      const mine = ids.filter((id) => inShard(id, shard));
      expect(writeReviewDownloads({ synthesesDir: demo, outDir: out, shard, location })).toEqual({ files: mine.length * REVIEW_DOWNLOADS.length });
      const reviews = [...new Set(filesOf(out).map((f) => /^(?:reports\/([^/]+)\/|api\/reports\/(.+)\.json$)/.exec(f)!.slice(1).find(Boolean)))].sort();
      expect(reviews).toEqual(mine);
      return reviews;
    });
    expect(written.flat().sort()).toEqual(ids);
  });

  it('names the review whose download could not be made, as Astro names a page that failed', () => {
    const content = scratch();
    cpSync(demo, content, { recursive: true });
    const whole = readFileSync(join(demo, `${ids[0]}.json`), 'utf8');
    writeFileSync(join(content, `${ids[0]}.json`), whole.slice(0, Math.floor(whole.length / 2)));
    const answer = writeReviewDownloads({ synthesesDir: content, outDir: scratch(), shard: undefined, location });
    expect(answer).toMatchObject({ failed: { route: `/reports/${ids[0]}/references.bib` } });
    if (!('failed' in answer)) throw new Error('no failure');
    // src/site-downloads.ts logs it so.
    const logged = `12:00:00 [ERROR] [sift:review-downloads] Caught error rendering ${answer.failed.route}: ${answer.failed.error}`;
    expect(failedReview(logged, ids)).toEqual({ review: ids[0], route: answer.failed.route, error: answer.failed.error });
  });
});
