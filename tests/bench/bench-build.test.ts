// The build benchmark on a few questions generated from the real corpora: its phases run as a new user's would,
// and a phase that fails stops it rather than being timed.
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BenchPhaseFailed, coldBuildSeconds, corporaPapers, corpusPath, runBenchBuild, siteVersusBaseline } from '../../src/bench/bench-build.ts';
import { benchPool, bigQuestion } from '../../src/bench/bench-questions.ts';
import { merge } from '../../src/pipeline/merge.ts';

const project = fileURLToPath(new URL('../../', import.meta.url));
const base = { questions: 2, papers: 12, seed: 13, maxIncluded: 40, site: false, records: [], bigMaxIncluded: 150, keep: false, log: () => {} };

describe('bench:build', () => {
  it('times each synthesize phase, every one of them run to the end', async () => {
    const report = await runBenchBuild({ ...base, project });
    expect(report.phases.map((p) => [p.phase, p.status])).toEqual([
      ['synthesize (cold)', 0],
      ['synthesize (unchanged)', 0],
      ['synthesize --force', 0],
    ]);
    expect(report.unchangedShare).not.toBeNull();
  }, 120_000);

  // Before: a phase that exited 1 at once (bench:build passed synthesize an option it does not have) was timed
  // like any other, and "unchanged synthesize is 101% of a full one" printed.
  it('stops at a phase that fails, naming it, and keeps the directory with its log', async () => {
    const fake = mkdtempSync(join(tmpdir(), 'sift-bench-project-'));
    cpSync(join(project, 'corpora'), join(fake, 'corpora'), { recursive: true });
    const lines: string[] = [];
    try {
      let error: unknown;
      try {
        await runBenchBuild({ ...base, project: fake, log: (l) => lines.push(l) });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(BenchPhaseFailed);
      const message = (error as Error).message;
      expect(message).toMatch(/"synthesize \(cold\)" exited with status [1-9]/);
      const dir = /kept in (\S+)$/.exec(message)?.[1];
      expect(dir && existsSync(join(dir, 'site', 'synthesize-cold-.log'))).toBe(true);
      rmSync(dir!, { recursive: true, force: true });
      expect(lines.some((l) => l.startsWith('synthesize (unchanged)'))).toBe(false);
    } finally {
      rmSync(fake, { recursive: true, force: true });
    }
  }, 120_000);

  // Before: copies of a record kept its title, abstract and year, and merge rule 4 (near-identical abstracts) joined
  // them back: a "10,000-record" question was 2,913 works, and its timing measured deduplication, not a big review.
  it('makes a big question of distinct works: merging keeps its copies apart', () => {
    const pool = benchPool(corporaPapers(project));
    const q = bigQuestion(pool, { records: 2000, seed: 13, maxIncluded: 150, corpusPath });
    expect(q.papers).toHaveLength(2000);
    expect(merge(q.papers).papers.length).toBeGreaterThanOrEqual(1990);
  }, 120_000);
  // The figures of the 1,000-review run of 2026-12-03 (preliminary, machine loaded), as the report gave them.
  it('compares the site build with the baseline phase by phase, the shards as one phase, generating left out', () => {
    const phase = (name: string, seconds: number, peakMiB: number | null) => ({ phase: name, seconds, peakMiB, cpuSeconds: null, status: 0 });
    const report = {
      phases: [phase('synthesize (cold)', 117.73, 1263), phase('synthesize --force', 120.4, 2427), phase('astro build, 2 shards', 50.46, 1924), phase('merge shards', 0.82, null), phase('pagefind', 36.52, 2071)],
      baseline: [phase('mdx: generate', 1.71, 128), phase('mdx: astro build', 94.36, 2104), phase('mdx: pagefind', 2.93, 273)],
    };
    expect(siteVersusBaseline(report)).toEqual({ sift: 87.8, baseline: 97.29, speedup: 1.11, siftPeakMiB: 2071, baselinePeakMiB: 2104 });
    expect(siteVersusBaseline({ ...report, baseline: [] })).toBeNull();
    // The cold build: synthesis from nothing, then the site; --force is not part of it.
    expect(coldBuildSeconds(report)).toBe(205.53);
    expect(coldBuildSeconds({ phases: report.phases.filter((p) => p.phase.startsWith('synthesize')) })).toBeNull();
  });
});
