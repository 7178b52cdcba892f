// The build benchmark on a few questions generated from the real corpora: its phases run as a new user's would,
// and a phase that fails stops it rather than being timed.
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BenchPhaseFailed, corporaPapers, corpusPath, runBenchBuild } from '../../src/bench/bench-build.ts';
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
});
