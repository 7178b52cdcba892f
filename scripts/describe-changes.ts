#!/usr/bin/env node
// Markdown description of the reviews changed in the working tree against REV (default HEAD).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { Synthesis } from '../src/records/index.ts';
import { describeChanges, type ReviewChange } from '../src/workflows/describe-changes.ts';
import { synthesesDir } from '../src/store/content-paths.ts';

const rev = process.argv[2] ?? 'HEAD';
const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8' });
const changed = git('status', '--porcelain', '--', relative(process.cwd(), synthesesDir(process.cwd())))
  .split('\n')
  .map((l) => l.slice(3).trim())
  .filter((f) => f.endsWith('.json'));
const changes: ReviewChange[] = changed.map((file) => {
  const after = Synthesis.parse(JSON.parse(readFileSync(file, 'utf8')));
  let before: Synthesis | null = null;
  try {
    before = Synthesis.parse(JSON.parse(git('show', `${rev}:${file}`)));
  } catch {
    before = null; // a new review: nothing at REV
  }
  return { before, after };
});
process.stdout.write(describeChanges(changes));
