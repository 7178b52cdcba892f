#!/usr/bin/env node
// npm run check: validate every question file; exit 1 when any has a problem.
import { loadQuestions } from '../src/store/question-files.ts';
import { formatProblem } from '../src/records/problem.ts';

const { questions, problems, failed } = loadQuestions(process.cwd());
for (const p of problems) console.error(formatProblem(p));
console.log(`${questions.length + failed.length} question file(s): ${questions.length} valid, ${failed.length} with problems`);
process.exit(failed.length > 0 ? 1 : 0);
