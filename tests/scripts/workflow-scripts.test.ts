import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

// The scripts the workflows call, run as the workflows run them, in a scratch git repository holding
// the demo questions, corpora and (after one synthesis) the committed cache.
const repo = new URL('../..', import.meta.url).pathname;
let root: string;
const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' });
const script = (name: string, ...args: string[]) =>
  execFileSync(process.execPath, [join(repo, 'scripts', name), ...args], { cwd: root, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '' } });

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'sift-workflow-'));
  cpSync(join(repo, 'questions'), join(root, 'questions'), { recursive: true });
  cpSync(join(repo, 'corpora'), join(root, 'corpora'), { recursive: true });
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'ci@example.org');
  git('config', 'user.name', 'CI');
  script('synthesize.ts');
  git('add', '-A');
  git('commit', '-qm', 'base');
}, 120_000);

describe('workflow scripts', () => {
  it('changed-questions names the questions a branch adds or edits', () => {
    git('checkout', '-qb', 'pr');
    const file = join(root, 'questions/llm-vulnerability-detection.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('years: { from: 2020 }', 'years: { from: 2024 }'));
    writeFileSync(join(root, 'questions/new-one.yaml'), readFileSync(join(repo, 'questions/adversarial-robustness-code-models.yaml'), 'utf8'));
    git('add', '-A');
    git('commit', '-qm', 'edit a question, add one');
    expect(script('changed-questions.ts', 'main').trim()).toBe('llm-vulnerability-detection new-one');
  });

  it('describe-changes lists per review what the new version added and removed', () => {
    script('synthesize.ts', '--question', 'llm-vulnerability-detection');
    const body = script('describe-changes.ts');
    expect(body).toMatch(/^Scheduled refresh: 1 review\(s\) changed\./);
    expect(body).toContain('### How well do large language models detect software vulnerabilities? (`llm-vulnerability-detection`)');
    expect(body).toMatch(/- version 2, score [\d.]+ → [\d.]+, \d+ papers/);
    expect(body).toMatch(/- papers removed \(\d+\):/);
  });

  it('merge-shards takes what each shard changed into src/content', () => {
    const shard = join(root, '.tmp/shards/content-1');
    mkdirSync(shard, { recursive: true });
    cpSync(join(root, 'src/content'), shard, { recursive: true });
    git('checkout', '-q', '--', 'src/content');
    const out = script('merge-shards.ts', shard);
    expect(out).toContain('merge-shards: 1 file(s) taken from 1 shard(s):');
    expect(out).toContain('syntheses/llm-vulnerability-detection.json');
    expect(git('status', '--porcelain', '--', 'src/content').trim()).toBe('M src/content/syntheses/llm-vulnerability-detection.json');
  });
});
