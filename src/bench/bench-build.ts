// The build benchmark (npm run bench:build): questions generated from the real corpora in a temporary
// directory, then every phase of a build run there as its own process, timed and weighed (measure-phase.ts):
//   synthesize          cold: no stored syntheses, every corpus slice read for the first time
//   synthesize (again)  nothing changed: every question hashes the same and is skipped
//   synthesize --force  every question recomputed
//   astro build         the site from the stored syntheses, into the temporary directory (with siteJobs N: N
//                       shards side by side, as build --jobs N, then merged)
//   pagefind            the search index of that site
// optionally the MDX baseline (../shared/bench/mdx-baseline, its README) for as many reports, in the same run,
// and, with `records`, one question per size with that many records (the big-question figures).
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import type { Paper } from '../records/index.ts';
import { readCorpus } from '../sources/corpus.ts';
import { toCsl } from '../cite/csl.ts';
import { benchPool, bigQuestion, generateQuestions, type BenchQuestion } from './bench-questions.ts';
import { runPhase, startPhase, type PhaseResult } from './measure-phase.ts';
import { mergeSite } from '../store/merge-site.ts';

export type BenchBuildOptions = {
  /** the Sift checkout whose scripts run (the project root) */
  project: string;
  questions: number;
  papers: number;
  seed: number;
  maxIncluded: number;
  /** run astro build and pagefind after synthesis */
  site: boolean;
  /** the MDX baseline's directory, when it is to be built in the same run */
  baseline?: string;
  /** sizes of single big questions to synthesize (records each) */
  records: readonly number[];
  bigMaxIncluded: number;
  keep: boolean;
  /** synthesize's --workers, when given */
  workers?: number;
  /** the site built as this many shards side by side, merged, then indexed once (build --jobs); 1: one Astro build */
  siteJobs?: number;
  log: (line: string) => void;
};

export type BenchBuildReport = {
  questions: number;
  papers: number;
  dir: string | null;
  phases: PhaseResult[];
  baseline: PhaseResult[];
  big: (PhaseResult & { records: number })[];
  /** unchanged synthesize as a share of a full (--force) one */
  unchangedShare: number | null;
  /** time(largest records) / time(half of it), when both sizes ran */
  bigRatio: { records: [number, number]; ratio: number } | null;
};

const CORPUS_FILE = /\.(?:csl\.json|bib)$/;

/** The corpora's papers (every .csl.json and .bib in corpora/), read as the runner reads them. */
export function corporaPapers(project: string): Paper[] {
  const dir = join(project, 'corpora');
  return readdirSync(dir)
    .filter((f) => CORPUS_FILE.test(f))
    .sort()
    .flatMap((f) => readCorpus({ type: f.endsWith('.bib') ? 'bibtex' : 'csl-json', path: `corpora/${f}` }, project, '1970-01-01T00:00:00.000Z').records);
}

export function writeQuestions(root: string, questions: readonly BenchQuestion[]): void {
  mkdirSync(join(root, 'questions'), { recursive: true });
  mkdirSync(join(root, 'corpora'), { recursive: true });
  mkdirSync(join(root, 'content'), { recursive: true });
  for (const q of questions) {
    writeFileSync(join(root, 'questions', `${q.id}.yaml`), stringify(q.file));
    const source = q.file.sources[0]!;
    writeFileSync(join(root, source.type === 'csl-json' ? source.path : ''), JSON.stringify(q.papers.map((p) => toCsl(p))));
  }
}

export const corpusPath = (id: string) => `corpora/${id}.csl.json`;

function synthesizePhase(o: BenchBuildOptions, root: string, phase: string, extra: readonly string[]): PhaseResult {
  const args = [join(o.project, 'scripts/synthesize.ts'), ...extra, ...(o.workers === undefined ? [] : ['--workers', String(o.workers)])];
  return runPhase({ phase, command: process.execPath, args, cwd: root, env: { SIFT_CONTENT_DIR: join(root, 'content') }, logFile: join(root, `${phase.replace(/\W+/g, '-')}.log`) });
}

// The site as `build --jobs N` builds it: N Astro processes side by side, each rendering its shard's reports, their
// folders moved into one site. One phase for the N builds: its wall time from the first start to the last end, and
// its memory and CPU the SUM of the processes' peaks and times, since they run at once. The shards' folders are
// inside the project, where Astro keeps each build's prerender scratch folder in its own output folder
// (scripts/astro-build.ts).
async function shardedSite(o: BenchBuildOptions, root: string, dist: string, dir: string): Promise<PhaseResult[]> {
  const jobs = o.siteJobs!;
  const scratch = join(o.project, '.tmp', `bench-shards-${process.pid}`);
  rmSync(scratch, { recursive: true, force: true });
  const outDirs = Array.from({ length: jobs }, (_, i) => join(scratch, `site-${i + 1}`));
  try {
    const started = performance.now();
    const results = await Promise.all(
      outDirs.map((out, i) =>
        startPhase({
          phase: `astro build, shard ${i + 1}/${jobs}`,
          command: process.execPath,
          args: [join(o.project, 'scripts/astro-build-into.ts'), out, join(root, `astro-cache-${i + 1}`)],
          cwd: o.project,
          env: { SIFT_CONTENT_DIR: join(root, 'content'), SIFT_SHARD: `${i + 1}/${jobs}` },
          logFile: join(root, `astro-build-shard-${i + 1}.log`),
        }),
      ),
    );
    const sum = (values: (number | null)[]) => (values.some((v) => v === null) ? null : Math.round(values.reduce<number>((a, v) => a + v!, 0) * 100) / 100);
    const built: PhaseResult = {
      phase: `astro build, ${jobs} shards`,
      seconds: Math.round((performance.now() - started) / 10) / 100,
      peakMiB: sum(results.map((r) => r.peakMiB)),
      cpuSeconds: sum(results.map((r) => r.cpuSeconds)),
      status: Math.max(...results.map((r) => r.status)),
    };
    say(o, built, dir);
    const merging = performance.now();
    mergeSite(outDirs, dist, { move: true });
    const merged: PhaseResult = { phase: 'merge shards', seconds: Math.round((performance.now() - merging) / 10) / 100, peakMiB: null, cpuSeconds: null, status: 0 };
    return [built, say(o, merged, dir)];
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** A phase that failed: its time would measure the failure, so the benchmark stops and keeps its directory. */
export class BenchPhaseFailed extends Error {}

function say(o: BenchBuildOptions, r: PhaseResult, dir: string): PhaseResult {
  const cpu = r.cpuSeconds === null ? '' : `  (cpu ${r.cpuSeconds.toFixed(2)} s)`;
  o.log(`${r.phase.padEnd(28)} ${r.seconds.toFixed(2).padStart(8)} s  ${r.peakMiB === null ? '      ?' : String(r.peakMiB).padStart(6)} MiB${cpu}${r.status === 0 ? '' : `  (exit ${r.status})`}`);
  if (r.status !== 0) throw new BenchPhaseFailed(`bench:build: "${r.phase}" exited with status ${r.status}; its log (*.log) is kept in ${dir}`);
  return r;
}

// The baseline builds from a copy of its directory; its node_modules is this project's packages, linked one by
// one so that its build caches (node_modules/.astro, .vite) stay in the copy.
function baselineCopy(source: string, dir: string, project: string): void {
  cpSync(source, dir, { recursive: true, filter: (f) => !/\/(?:node_modules|dist|\.astro)$/.test(f) });
  const modules = join(dir, 'node_modules');
  mkdirSync(modules);
  for (const entry of readdirSync(join(project, 'node_modules'))) {
    if (entry.startsWith('.')) continue;
    symlinkSync(join(project, 'node_modules', entry), join(modules, entry));
  }
}

function runBaseline(o: BenchBuildOptions, dir: string): PhaseResult[] {
  baselineCopy(resolve(o.baseline!), dir, o.project);
  const node = process.execPath;
  const phase = (name: string, args: string[]) => say(o, runPhase({ phase: name, command: node, args, cwd: dir, logFile: join(dir, `${name.replace(/\W+/g, '-')}.log`) }), dir);
  return [
    phase('mdx: generate', ['scripts/gen.ts', String(o.questions), 'per-report']),
    phase('mdx: astro build', ['node_modules/astro/bin/astro.mjs', 'build']),
    phase('mdx: pagefind', ['node_modules/pagefind/lib/runner/bin.cjs', '--site', 'dist']),
  ];
}

export async function runBenchBuild(o: BenchBuildOptions): Promise<BenchBuildReport> {
  const dir = mkdtempSync(join(tmpdir(), 'sift-bench-'));
  o.log(`bench:build in ${dir}`);
  const pool = benchPool(corporaPapers(o.project));
  const phases: PhaseResult[] = [];
  const big: (PhaseResult & { records: number })[] = [];
  let baseline: PhaseResult[] = [];
  let finished = false;
  try {
    if (o.questions > 0) {
      const root = join(dir, 'site');
      const questions = generateQuestions(pool, { count: o.questions, papers: o.papers, seed: o.seed, maxIncluded: o.maxIncluded, corpusPath });
      writeQuestions(root, questions);
      o.log(`${o.questions} questions × ${o.papers} papers from ${pool.length} distinct papers of corpora/`);
      phases.push(say(o, synthesizePhase(o, root, 'synthesize (cold)', []), dir));
      phases.push(say(o, synthesizePhase(o, root, 'synthesize (unchanged)', []), dir));
      phases.push(say(o, synthesizePhase(o, root, 'synthesize --force', ['--force']), dir));
      if (o.site) {
        const node = process.execPath;
        const dist = join(root, 'dist');
        if ((o.siteJobs ?? 1) > 1) phases.push(...(await shardedSite(o, root, dist, dir)));
        else {
          phases.push(
            say(o, runPhase({
              phase: 'astro build',
              command: node,
              args: [join(o.project, 'scripts/astro-build-into.ts'), dist, join(root, 'astro-cache')],
              cwd: o.project,
              env: { SIFT_CONTENT_DIR: join(root, 'content') },
              logFile: join(root, 'astro-build.log'),
            }), dir),
          );
        }
        phases.push(
          say(o, runPhase({
            phase: 'pagefind',
            command: node,
            args: [join(o.project, 'node_modules/pagefind/lib/runner/bin.cjs'), '--site', dist],
            cwd: o.project,
            logFile: join(root, 'pagefind.log'),
          }), dir),
        );
      }
      if (o.baseline !== undefined) baseline = runBaseline(o, join(dir, 'mdx-baseline'));
    }
    for (const records of o.records) {
      const root = join(dir, `big-${records}`);
      writeQuestions(root, [bigQuestion(pool, { records, seed: o.seed, maxIncluded: o.bigMaxIncluded, corpusPath })]);
      const r = say(o, synthesizePhase(o, root, `synthesize ${records} records`, []), dir);
      big.push({ ...r, records });
    }
    finished = true;
  } finally {
    if (!o.keep && finished) rmSync(dir, { recursive: true, force: true });
  }

  const force = phases.find((p) => p.phase === 'synthesize --force');
  const unchanged = phases.find((p) => p.phase === 'synthesize (unchanged)');
  const largest = [...big].sort((a, b) => b.records - a.records)[0];
  const half = largest === undefined ? undefined : big.find((b) => b.records * 2 === largest.records);
  return {
    questions: o.questions,
    papers: o.papers,
    dir: o.keep ? dir : null,
    phases,
    baseline,
    big,
    unchangedShare: force && unchanged ? Math.round((unchanged.seconds / force.seconds) * 1000) / 1000 : null,
    bigRatio: largest && half ? { records: [largest.records, half.records], ratio: Math.round((largest.seconds / half.seconds) * 100) / 100 } : null,
  };
}

/**
 * The site build from stored syntheses (every phase after synthesize: astro or its shards, the merge, Pagefind) beside
 * the baseline's (its astro build and Pagefind; generating its MDX stands in for synthesis and is left out), both
 * from this run: seconds, the largest phase peak (the phases run one after another), and how many times faster
 * Sift's is. Null without a site or a baseline.
 */
export function siteVersusBaseline(r: Pick<BenchBuildReport, 'phases' | 'baseline'>): { sift: number; baseline: number; speedup: number; siftPeakMiB: number | null; baselinePeakMiB: number | null } | null {
  const site = sitePhases(r);
  const baseline = r.baseline.filter((p) => p.phase !== 'mdx: generate');
  if (site.length === 0 || baseline.length === 0) return null;
  const seconds = (phases: readonly PhaseResult[]) => Math.round(phases.reduce((a, p) => a + p.seconds, 0) * 100) / 100;
  const peak = (phases: readonly PhaseResult[]) => (phases.every((p) => p.peakMiB === null) ? null : Math.max(...phases.map((p) => p.peakMiB ?? 0)));
  const [sift, base] = [seconds(site), seconds(baseline)];
  return { sift, baseline: base, speedup: Math.round((base / sift) * 100) / 100, siftPeakMiB: peak(site), baselinePeakMiB: peak(baseline) };
}

/** The site build's phases: every phase after synthesize (astro or its shards, the merge, Pagefind). */
function sitePhases(r: Pick<BenchBuildReport, 'phases'>): PhaseResult[] {
  return r.phases.filter((p) => !p.phase.startsWith('synthesize'));
}

/**
 * A cold full build as a new clone's `npm run build` does it: synthesis with nothing stored, then the site (every
 * phase after synthesize, as siteVersusBaseline counts them). Null without both.
 */
export function coldBuildSeconds(r: Pick<BenchBuildReport, 'phases'>): number | null {
  const cold = r.phases.find((p) => p.phase === 'synthesize (cold)');
  const site = sitePhases(r);
  if (cold === undefined || site.length === 0) return null;
  return Math.round((cold.seconds + site.reduce((a, p) => a + p.seconds, 0)) * 100) / 100;
}

export function benchSummaryLines(r: BenchBuildReport): string[] {
  const lines: string[] = [];
  const site = siteVersusBaseline(r);
  const cold = coldBuildSeconds(r);
  if (site) {
    lines.push(
      `site build from stored syntheses: Sift ${site.sift.toFixed(2)} s (peak ${site.siftPeakMiB ?? '?'} MiB), ` +
        `MDX baseline ${site.baseline.toFixed(2)} s (peak ${site.baselinePeakMiB ?? '?'} MiB): Sift is ${site.speedup}x as fast`,
    );
  }
  if (cold !== null) lines.push(`cold full build (synthesize with nothing stored, then the site): ${cold.toFixed(2)} s`);
  if (r.unchangedShare !== null) lines.push(`unchanged synthesize is ${(r.unchangedShare * 100).toFixed(1)}% of a full one`);
  if (r.bigRatio) lines.push(`time(${r.bigRatio.records[0]}) / time(${r.bigRatio.records[1]}) = ${r.bigRatio.ratio}`);
  lines.push(`machine: ${availableParallelism()} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  return lines;
}
