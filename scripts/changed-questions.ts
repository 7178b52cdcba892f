#!/usr/bin/env node
// Prints the ids of questions added or changed since BASE (default origin/main), space-separated.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { changedQuestionIds } from '../src/workflows/changed-questions.ts';

const base = process.argv[2] ?? 'origin/main';
const names = execFileSync('git', ['diff', '--name-only', '--diff-filter=AMR', `${base}...HEAD`], { encoding: 'utf8' }).split('\n');
console.log(changedQuestionIds(names).filter((id) => existsSync(`questions/${id}.yaml`)).join(' '));
