// Benchmarks screening against labelled records (the logic: src/pipeline/screening-benchmark.ts).
//   npm run bench:screen                               both development reviews in ../shared/data/screening/
//   npm run bench:screen -- <corpus[,corpus…]|-> <labels.jsonl> <question.yaml>
//       corpus: CSL-JSON (.json) or BibTeX (.bib) files, comma-separated; "-" reads the question's own sources
//       label ids: "<corpus name>:<record id>" or plain record ids
//   --field included_abstract    measure another boolean field of the labels (Nagtegaal's title/abstract stage)
//   --no-simulate                skip the replay of maintainers' labels
//   --records 10000              speed only: screen the corpora repeated (with new ids) up to this many records
// The last line printed is one JSON object: recall, precision, wss95 and the rest (for the default run, the worst
// of the two datasets, with both runs under "runs").
import { readFileSync, existsSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { Command } from 'commander';
import type { Paper, Source } from '../src/records/index.ts';
import { formatProblem } from '../src/records/problem.ts';
import { parseQuestion } from '../src/questions/parse-question.ts';
import { readCorpus } from '../src/sources/corpus.ts';
import { readScreeningLabels } from '../src/store/screening-labels.ts';
import { REPO_ROOT } from '../src/store/verification-file.ts';
import { benchScreening } from '../src/pipeline/screening-benchmark.ts';
import { benchJson, benchLines } from '../src/pipeline/screening-benchmark-text.ts';
import { merge } from '../src/pipeline/merge.ts';
import { screen } from '../src/pipeline/screen.ts';

const DEV = resolve(REPO_ROOT, '..', 'shared', 'data', 'screening');
// The development questions as a user of facet roles would write them (bench/screening/README.md).
const DEV_QUESTIONS = resolve(REPO_ROOT, 'bench', 'screening');

const program = new Command()
  .name('bench:screen')
  .argument('[corpora]', 'comma-separated corpus files, or - for the question\'s own sources')
  .argument('[labels]', 'labels, one JSON object per line')
  .argument('[question]', 'the question file')
  .option('--field <name>', 'the boolean label field to measure', 'included')
  .option('--no-simulate', 'skip the replay of maintainers\' labels')
  .option('--records <n>', 'speed only: screen this many records (the corpora repeated)')
  .parse();
const opts = program.opts<{ field: string; simulate: boolean; records?: string }>();
const [corporaArg, labelsArg, questionArg] = program.args;

function loadQuestion(path: string) {
  const parsed = parseQuestion(readFileSync(path, 'utf8'), basename(path));
  if (!parsed.ok) {
    for (const p of parsed.problems) console.error(formatProblem(p));
    process.exit(2);
  }
  return parsed.question;
}

// Corpora named on the command line are the benchmark user's own files, wherever they are (the development
// data lives beside the checkout, in ../shared): each is read from its own folder. A question's sources ("-")
// are read as a synthesis reads them, confined to the repository.
function loadRecords(corpora: string, questionSources: readonly Source[]): Paper[] {
  const now = new Date(0).toISOString();
  const files: { type: 'csl-json' | 'bibtex'; root: string; path: string }[] =
    corpora === '-'
      ? questionSources.flatMap((s) => (s.type === 'csl-json' || s.type === 'bibtex' ? [{ type: s.type, root: REPO_ROOT, path: s.path }] : []))
      : corpora.split(',').map((path) => ({ type: /\.bib$/i.test(path) ? 'bibtex' : 'csl-json', root: dirname(resolve(path)), path: basename(path) }));
  return files.flatMap((f) => readCorpus({ type: f.type, path: f.path }, f.root, now).records);
}

function run(corpora: string, labelsPath: string, questionPath: string): Record<string, unknown> {
  const question = loadQuestion(questionPath);
  const records = loadRecords(corpora, question.sources);
  const labels = readScreeningLabels(labelsPath, opts.field);
  const started = performance.now();
  const cpu = process.cpuUsage();
  // Timed separately from the replay: one zero-shot screening, as a synthesis runs it.
  const { papers, recordNames } = merge(records);
  screen(papers, { ...question, screening: { ...question.screening, decisions: [] } }, { recordNames });
  const used = process.cpuUsage(cpu);
  const timing = { seconds: (performance.now() - started) / 1000, cpuSeconds: (used.user + used.system) / 1e6 };
  const bench = benchScreening(records, question, labels, { simulate: opts.simulate });
  console.log(`bench:screen ${question.id}: labels ${basename(labelsPath)} (field "${opts.field}")`);
  for (const line of benchLines(bench, timing)) console.log(line);
  const json = benchJson(bench, { labels: basename(labelsPath), field: opts.field, seconds: round2(timing.seconds), cpu_seconds: round2(timing.cpuSeconds) });
  console.log(JSON.stringify(json));
  return json;
}

function speed(corpora: string, questionPath: string, n: number): void {
  const question = loadQuestion(questionPath);
  const base = loadRecords(corpora, question.sources);
  const records: Paper[] = [];
  for (let copy = 0; records.length < n; copy++) {
    for (const p of base) {
      if (records.length >= n) break;
      // New ids and a marked title, so merging keeps every copy as its own record. The mark leads the title: a
      // trailing one would read as a subtitle, and copies with one abstract would merge (merge.ts, rule 4).
      records.push({ ...p, id: `${p.id}~${copy}`, ids: { local: `${p.ids.local ?? p.id}~${copy}` }, title: copy ? `(${copy}) ${p.title}` : p.title });
    }
  }
  const started = performance.now();
  const cpu = process.cpuUsage();
  const { papers, recordNames } = merge(records);
  const merged = performance.now();
  const { decisions } = screen(papers, question, { recordNames });
  const used = process.cpuUsage(cpu);
  const seconds = (performance.now() - started) / 1000;
  console.log(`bench:screen speed: ${papers.length} records of ${question.id}, ${decisions.filter((d) => d.included).length} included`);
  console.log(`merge ${((merged - started) / 1000).toFixed(2)} s, screen ${((performance.now() - merged) / 1000).toFixed(2)} s, total ${seconds.toFixed(2)} s (${((used.user + used.system) / 1e6).toFixed(2)} s CPU)`);
  console.log(JSON.stringify({ records: papers.length, seconds: round2(seconds), cpu_seconds: round2((used.user + used.system) / 1e6) }));
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

if (opts.records !== undefined) {
  const corpora = corporaArg ?? `${DEV}/nagtegaal-2019.csl.json,${DEV}/bannach-brown-2019.csl.json`;
  speed(corpora, questionArg ?? labelsArg ?? `${DEV_QUESTIONS}/nagtegaal-2019.yaml`, Number(opts.records));
} else if (corporaArg !== undefined && (labelsArg === undefined || questionArg === undefined)) {
  program.error('give the corpora, the labels and the question file');
} else if (corporaArg !== undefined && labelsArg !== undefined && questionArg !== undefined) {
  run(corporaArg, labelsArg, questionArg);
} else {
  if (!existsSync(DEV)) {
    console.error(`No development data at ${DEV}: pass <corpora> <labels.jsonl> <question.yaml>.`);
    process.exit(2);
  }
  const runs = ['nagtegaal-2019', 'bannach-brown-2019'].map((name) => {
    const result = run(`${DEV}/${name}.csl.json`, `${DEV}/${name}.labels.jsonl`, `${DEV_QUESTIONS}/${name}.yaml`);
    console.log('');
    return result;
  });
  const worst = (key: string) => Math.min(...runs.map((r) => (typeof r[key] === 'number' ? (r[key] as number) : Number.NaN)));
  console.log(JSON.stringify({ recall: worst('recall'), precision: worst('precision'), wss95: worst('wss95'), runs }));
}
