import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CORPUS_FILE_MAX_BYTES, QUESTION_FILE_MAX_BYTES, type FileRefusalKind, type Question } from '../records/question.ts';
import { parseQuestion } from '../questions/parse-question.ts';
import type { Problem } from '../records/problem.ts';
import { readRepositoryFile, repositoryFileRefusal } from './repository-file.ts';

export interface LoadedQuestions {
  questions: Question[];
  problems: Problem[];
  /** files that had problems: their reviews are skipped, the others go on */
  failed: string[];
}

const questionFixes: Record<FileRefusalKind, string> = {
  missing: 'the file went away while it was read: run again',
  outside: 'make the question an ordinary file in questions/, not a link to elsewhere',
  'not-a-file': 'a question is one YAML file: rename or remove what is here',
  'too-big': `a question file is at most ${QUESTION_FILE_MAX_BYTES / 1024} KB: keep to the question, its facets and sources`,
  unreadable: 'check that the file can be read',
};

// IO edge: every questions/*.yaml, sorted by name so runs are deterministic. Each is read as any file a pull
// request brings (src/store/repository-file.ts): inside the repository, a regular file, within its limit.
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
    const read = readRepositoryFile(root, file, QUESTION_FILE_MAX_BYTES);
    if ('refusal' in read) {
      problems.push({ file, problem: `the question file ${read.refusal.problem}`, fix: questionFixes[read.refusal.kind] });
      failed.push(file);
      continue;
    }
    const parsed = parseQuestion(read.text, file, { checkCorpus: (path) => repositoryFileRefusal(root, path, CORPUS_FILE_MAX_BYTES) });
    if (parsed.ok) questions.push(parsed.question);
    else {
      problems.push(...parsed.problems);
      failed.push(file);
    }
  }
  return { questions, problems, failed };
}
