import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/records/problem.ts';
import { loadQuestions } from '../../src/store/question-files.ts';

// Issue 10, findings 1, 8 and 10: bad files in questions/ and bad corpus paths end in one located line each,
// never a stack, a hang or a 155 KB line, and the good questions beside them still load. A scratch checkout
// holding the real questions and corpora, and a folder outside it.
const here = new URL('../..', import.meta.url).pathname;
const flagship = readFileSync(join(here, 'questions/finetuning-robustness-codestral.yaml'), 'utf8');
const secret = 'SECRET-CONTENT-never-in-a-message';
let base: string;
let repo: string;

// Nine anchors, each a list of nine aliases of the one before: 9^9 (387 million) strings from 800 bytes.
const billionLaughs = [
  'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...Array.from({ length: 8 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(',')}]`),
  'title: *a8',
].join('\n');

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'sift-question-files-'));
  repo = join(base, 'repo');
  mkdirSync(repo);
  mkdirSync(join(base, 'outside'));
  cpSync(join(here, 'questions'), join(repo, 'questions'), { recursive: true });
  cpSync(join(here, 'corpora'), join(repo, 'corpora'), { recursive: true });
  writeFileSync(join(base, 'outside/x.csl.json'), JSON.stringify([{ id: secret, title: secret }]));
  symlinkSync(join(base, 'outside/x.csl.json'), join(repo, 'corpora/link.csl.json'));
  symlinkSync('/dev/zero', join(repo, 'corpora/zero.csl.json'));
  const q = (name: string, text: string) => writeFileSync(join(repo, 'questions', name), text);
  q('bomb.yaml', billionLaughs);
  mkdirSync(join(repo, 'questions/dir.yaml'));
  q('big.yaml', `${flagship}\n# ${'x'.repeat(30 * 1024 * 1024)}\n`);
  execFileSync('mkfifo', [join(repo, 'questions/fifo.yaml')]);
  symlinkSync('/etc/passwd', join(repo, 'questions/passwd.yaml'));
  q('link-corpus.yaml', flagship.replace('corpora/code-security.csl.json', 'corpora/link.csl.json'));
  q('zero-corpus.yaml', flagship.replace('corpora/code-security.csl.json', 'corpora/zero.csl.json'));
  q('up-corpus.yaml', flagship.replace('corpora/code-security.csl.json', '../outside/x.csl.json'));
  q('dir-corpus.yaml', flagship.replace('corpora/code-security.csl.json', 'corpora'));
  q('huge-value.yaml', flagship.replace('  years: { from: 2018 }', `  years: { from: 2018 }\n  minRelevance: "${'9'.repeat(100_000)}"`));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('loadQuestions on bad files', () => {
  it('loads the good questions and gives every bad file one located, short line', () => {
    const loaded = loadQuestions(repo);
    expect(loaded.questions.map((q) => q.id)).toEqual(['adversarial-robustness-code-models', 'finetuning-robustness-codestral', 'llm-vulnerability-detection']);
    const lines = loaded.problems.map(formatProblem);
    for (const line of lines) {
      expect(line).not.toContain('\n');
      expect(line.length).toBeLessThan(400);
      expect(line).not.toContain(secret);
      expect(line).not.toMatch(/^root:|lol/);
    }
    const byFile = (name: string) => lines.filter((line) => line.startsWith(`questions/${name}`));
    expect(byFile('bomb.yaml')).toEqual([
      'questions/bomb.yaml:2:10: the file\'s aliases (*name) expand to too much (more than 100 of them): write the values out instead of repeating anchors (&name) with aliases (*name)',
    ]);
    expect(byFile('dir.yaml')).toEqual(['questions/dir.yaml: the question file is a directory, not a file: a question is one YAML file: rename or remove what is here']);
    expect(byFile('big.yaml')).toEqual([
      'questions/big.yaml: the question file is 30.1 MB, more than the 256 KB a file may have here: a question file is at most 256 KB: keep to the question, its facets and sources',
    ]);
    expect(byFile('fifo.yaml')).toEqual(['questions/fifo.yaml: the question file is not a regular file (a device, pipe or socket): a question is one YAML file: rename or remove what is here']);
    expect(byFile('passwd.yaml')).toEqual([
      'questions/passwd.yaml: the question file leads outside the repository (through a symbolic link): make the question an ordinary file in questions/, not a link to elsewhere',
    ]);
    const path = (name: string) => byFile(name).map((line) => line.replace(/^[^:]+:\d+:\d+: /, ''));
    expect(path('link-corpus.yaml')).toEqual([
      'sources[0].path: "corpora/link.csl.json" leads outside the repository (through a symbolic link): put the corpus file inside the repository (e.g. under corpora/) and give its path from the repository root',
    ]);
    expect(path('zero-corpus.yaml')).toEqual([
      'sources[0].path: "corpora/zero.csl.json" leads outside the repository (through a symbolic link): put the corpus file inside the repository (e.g. under corpora/) and give its path from the repository root',
    ]);
    expect(path('up-corpus.yaml')[0]).toMatch(/^sources\[0\]\.path: is string "\.\.\/outside\/x\.csl\.json", not in the expected form: write the path from the repository root with no part starting with "\."/);
    expect(path('dir-corpus.yaml')).toEqual(['sources[0].path: "corpora" is a directory, not a file: name the corpus file itself, a regular file in the repository']);
    expect(path('huge-value.yaml')).toEqual([
      `screening.minRelevance: should be a number, but is string "${'9'.repeat(59)}…": remove the quotes`,
    ]);
    expect(loaded.failed).toHaveLength(10);
  });
});

describe('npm run check on bad files', () => {
  it('exits 1 and prints one line per problem, each naming its file', () => {
    const run = spawnSync(process.execPath, [join(here, 'scripts/check-questions.ts')], { cwd: repo, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(10);
    for (const line of lines) expect(line).toMatch(/^questions\/[a-z-]+\.yaml(:\d+:\d+)?: .{10,400}$/);
    expect(run.stdout).toContain('13 question file(s): 3 valid, 10 with problems');
  });
});
