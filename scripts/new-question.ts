#!/usr/bin/env node
// npm run new-question [-- --question "…" --title "…" --id ID --facet "Label: term, term" --source openalex]
// Asks for what is missing when run on a terminal; writes questions/<id>.yaml.
import { existsSync, readdirSync } from 'node:fs';
import { Command } from 'commander';
import { input } from '@inquirer/prompts';
import { newQuestionYaml } from '../src/questions/new-question.ts';
import { writeFileAtomic } from '../src/store/write-atomic.ts';

const collect = (value: string, previous: string[] = []) => [...previous, value];
const opts = new Command('new-question')
  .description('Write a new, valid, commented question file with sensible defaults.')
  .option('--question <text>', 'the research question')
  .option('--title <text>', 'a short title (default: the question)')
  .option('--id <id>', 'the file name / review id (default: from the question)')
  .option('--facet <label: terms>', 'a facet as "Label: term, term" (repeatable)', collect)
  .option('--source <name|path>', 'openalex, crossref, arxiv, semanticscholar, europepmc, or a corpus path: .json (CSL-JSON), .bib, .ris, .csv, .tsv/.txt (repeatable)', collect)
  .option('--maintainer <name>', 'who maintains this review')
  .parse()
  .opts<{ question?: string; title?: string; id?: string; facet?: string[]; source?: string[]; maintainer?: string }>();

let question = opts.question;
if (!question) {
  if (!process.stdin.isTTY) {
    console.error('new-question: give the question with --question "…" (or run it on a terminal to be asked)');
    process.exit(2);
  }
  question = await input({ message: 'The research question:', validate: (v) => v.trim().length >= 10 || 'at least 10 characters' });
}
const facets = (opts.facet ?? []).map((f) => {
  const [label = '', terms = ''] = f.split(':');
  return { label: label.trim(), terms: terms.split(',').map((t) => t.trim()).filter(Boolean) };
});
const taken = new Set(existsSync('questions') ? readdirSync('questions').map((f) => f.replace(/\.ya?ml$/, '')) : []);
const { id, text } = newQuestionYaml(
  {
    question,
    ...(opts.title ? { title: opts.title } : {}),
    ...(opts.id ? { id: opts.id } : {}),
    ...(facets.length ? { facets } : {}),
    ...(opts.source ? { sources: opts.source } : {}),
    ...(opts.maintainer ? { maintainer: opts.maintainer } : {}),
  },
  taken,
);
writeFileAtomic(`questions/${id}.yaml`, text);
console.log(`wrote questions/${id}.yaml — edit its facets, then: npm run check && npm run synthesize -- --refresh --question ${id}`);
