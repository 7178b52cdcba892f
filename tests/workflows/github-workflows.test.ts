import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { parse } from 'yaml';

const dir = new URL('../../.github/workflows/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.yml'));
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };

describe('GitHub Actions workflows', () => {
  it('has the pull-request, refresh and deploy workflows', () => {
    expect(files.sort()).toEqual(['deploy.yml', 'pull-request.yml', 'refresh.yml']);
  });

  it.each(files)('%s is valid by GitHub’s own workflow parser', (file) => {
    const content = readFileSync(new URL(file, dir), 'utf8');
    const result = parseWorkflow({ name: file, content }, new NoOperationTraceWriter());
    expect(result.context.errors.getErrors().map((e) => e.message)).toEqual([]);
    expect(result.value).toBeDefined();
  });

  it('catches a broken workflow (the validator can fail)', () => {
    const content = 'on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        run: echo both\n';
    const result = parseWorkflow({ name: 'bad.yml', content }, new NoOperationTraceWriter());
    expect(result.context.errors.getErrors().length).toBeGreaterThan(0);
  });

  it.each(files)('%s calls only npm scripts and script files that exist', (file) => {
    const workflow = parse(readFileSync(new URL(file, dir), 'utf8')) as { jobs: Record<string, { steps: { run?: string }[] }> };
    const runs = Object.values(workflow.jobs).flatMap((j) => j.steps.map((s) => s.run ?? ''));
    for (const run of runs) {
      for (const [, name] of run.matchAll(/npm run ([\w:-]+)/g)) expect(pkg.scripts, `npm run ${name}`).toHaveProperty(name!);
      for (const [, path] of run.matchAll(/node (scripts\/[\w-]+\.ts)/g)) expect(existsSync(new URL(`../../${path}`, import.meta.url)), path).toBe(true);
    }
  });

  type Step = { id?: string; uses?: string; run?: string; env?: Record<string, string>; with?: Record<string, string> };
  type Job = { needs?: string | string[]; strategy?: { matrix?: { shard?: number[] } }; steps: Step[] };
  const deploy = () => parse(readFileSync(new URL('deploy.yml', dir), 'utf8')) as { jobs: Record<string, Job> };

  it('deploy.yml builds each shard for the address GitHub Pages reports (configure-pages outputs)', () => {
    const steps = deploy().jobs['build']!.steps;
    const pages = steps.find((s) => s.uses?.startsWith('actions/configure-pages@'));
    expect(pages?.id).toBe('pages');
    const build = steps.find((s) => s.run?.startsWith('npm run build'))!;
    expect(steps.indexOf(pages!)).toBeLessThan(steps.indexOf(build));
    expect(build.env).toEqual({ SIFT_SITE: '${{ steps.pages.outputs.origin }}', SIFT_BASE: '${{ steps.pages.outputs.base_path }}' });
    expect(steps.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with?.['node-version-file']).toBe('.nvmrc');
  });

  it('deploy.yml builds the pages in a matrix of shards, merges them in one job that indexes once, then deploys (issue 13, point 3)', () => {
    const { jobs } = deploy();
    const build = jobs['build']!;
    const shards = build.strategy?.matrix?.shard ?? [];
    // Every shard of N, once: a shard missing from the matrix would drop its reports from the site.
    const command = build.steps.find((s) => s.run?.startsWith('npm run build'))!.run!;
    const [, count, out] = /^npm run build -- --shard \$\{\{ matrix\.shard \}\}\/(\d+) --out-dir ([\w.-]+)$/.exec(command) ?? [];
    expect(count, command).toBeDefined();
    expect([...shards].sort()).toEqual(Array.from({ length: Number(count) }, (_, i) => i + 1));
    const upload = build.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!;
    expect(upload.with).toMatchObject({ name: 'site-shard-${{ matrix.shard }}', path: out });
    expect(build.steps.some((s) => s.run?.includes('pagefind'))).toBe(false);

    const merge = jobs['merge']!;
    expect(merge.needs).toBe('build');
    const download = merge.steps.find((s) => s.uses?.startsWith('actions/download-artifact@'))!;
    expect(download.with).toMatchObject({ pattern: 'site-shard-*' });
    const merging = merge.steps.find((s) => s.run?.startsWith('npm run merge-site'))!;
    expect(merging.run).toBe(`npm run merge-site -- --out-dir dist ${download.with!['path']}/*`);
    expect(merge.steps.find((s) => s.uses?.startsWith('actions/upload-pages-artifact@'))?.with?.['path']).toBe('dist');
    expect(merge.steps.indexOf(download)).toBeLessThan(merge.steps.indexOf(merging));
    expect(jobs['deploy']!.needs).toBe('merge');
  });
});
