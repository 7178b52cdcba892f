import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Question } from '../records/question.ts';
import { parseQuestion } from '../questions/parse-question.ts';
import type { Problem } from '../records/problem.ts';

export interface LoadedQuestions {
  questions: Question[];
  problems: Problem[];
  /** files that had problems: their reviews are skipped, the others go on */
  failed: string[];
}

// IO edge: every questions/*.yaml, sorted by name so runs are deterministic.
export function loadQuestions(root: string, dir = 'questions'): LoadedQuestions {
  const folder = join(root, dir);
  const files = readdirSync(folder)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  const questions: Question[] = [];
  const problems: Problem[] = [];
  const failed: string[] = [];
  for (const f of files) {
    const file = relative(root, join(folder, f));
    const parsed = parseQuestion(readFileSync(join(folder, f), 'utf8'), file, {
      corpusExists: (path) => existsSync(join(root, path)),
    });
    if (parsed.ok) questions.push(parsed.question);
    else {
      problems.push(...parsed.problems);
      failed.push(file);
    }
  }
  return { questions, problems, failed };
}
