import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseQuestion } from '../../src/questions/parse-question.ts';
import { formatProblem, Problem } from '../../src/records/problem.ts';

const flagship = readFileSync(new URL('../../questions/finetuning-robustness-codestral.yaml', import.meta.url), 'utf8');
const file = 'questions/finetuning-robustness-codestral.yaml';

function problemsOf(text: string, name = file) {
  const parsed = parseQuestion(text, name, { checkCorpus: (p) => (p.startsWith('corpora/') ? null : { kind: 'missing', problem: 'does not exist' }) });
  if (parsed.ok) throw new Error('expected problems');
  return parsed.problems.map(formatProblem);
}

describe('parseQuestion', () => {
  it('parses the flagship question with defaults and its id from the file name', () => {
    const parsed = parseQuestion(flagship, file);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.question.id).toBe('finetuning-robustness-codestral');
    expect(parsed.question.question).toBe(
      'What is the impact of different fine-tuning strategies (e.g., multi-task learning vs. sequential fine-tuning) on the robustness of Codestral in detecting vulnerabilities in low-resource programming languages?',
    );
    expect(parsed.question.facets.map((f) => f.id)).toContain('codestral');
    expect(parsed.question.facets.map((f) => f.role)).toEqual(['aspect', 'aspect', 'aspect', 'required', 'aspect']);
    // Title-only records are judged, not excluded; no cap, no fixed threshold, no maintainers' decisions yet.
    expect(parsed.question.screening.requireAbstract).toBe(false);
    expect(parsed.question.screening.maxIncluded).toBeUndefined();
    expect(parsed.question.screening.minRelevance).toBeUndefined();
    expect(parsed.question.screening.decisions).toEqual([]);
  });

  it('keeps an older question valid: a facet without a role is required', () => {
    const parsed = parseQuestion(flagship.replaceAll(/\n    role: (required|aspect)/g, ''), file);
    expect(parsed.ok && parsed.question.facets.every((f) => f.role === 'required')).toBe(true);
  });

  it("reads the maintainers' decisions, by id or by DOI, each with a reason", () => {
    const text = flagship.replace(
      '  years: { from: 2018 }',
      [
        '  years: { from: 2018 }',
        '  decisions:',
        '    - { id: code-security:tp0001, decision: exclude, reason: "studies feature fusion, not fine-tuning" }',
        '    - { doi: https://doi.org/10.1145/3597503.3639117, decision: include, reason: multi-task fine-tuning for detection }',
      ].join('\n'),
    );
    const parsed = parseQuestion(text, file);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.question.screening.decisions.map((d) => [d.id ?? d.doi, d.decision])).toEqual([
      ['code-security:tp0001', 'exclude'],
      ['https://doi.org/10.1145/3597503.3639117', 'include'],
    ]);
    const both = text.replace('{ id: code-security:tp0001,', '{ id: code-security:tp0001, doi: 10.1/x,');
    expect(problemsOf(both)[0]).toMatch(/screening\.decisions\[0\]: name the record by id or by doi \(one of them\)/);
    const noReason = text.replace(', reason: "studies feature fusion, not fine-tuning"', '');
    expect(problemsOf(noReason)[0]).toMatch(/screening\.decisions\[0\]\.reason: is required but missing/);
  });

  it('names file, line and field for a misspelt field', () => {
    const text = flagship.replace('citationStyle: apa', 'citationStyl: apa');
    const line = text.split('\n').findIndex((l) => l.startsWith('citationStyl:')) + 1;
    expect(problemsOf(text)).toEqual([`${file}:${line}:1: unknown field "citationStyl": check the spelling or remove it`]);
  });

  it('points at the value of a wrong type and says what it should be', () => {
    const text = flagship.replace('  years: { from: 2018 }', '  years: { from: 2018 }\n  minRelevance: high');
    const line = text.split('\n').findIndex((l) => l.includes('minRelevance: high')) + 1;
    const [problem] = problemsOf(text);
    expect(problem).toMatch(new RegExp(`^${file}:${line}:\\d+: screening.minRelevance: should be a number, but is string "high": write a number$`));
  });

  it('reports a missing required field at its parent', () => {
    const text = flagship.replace(/^question: >-\n(  .*\n)+/m, '');
    expect(problemsOf(text)).toEqual([`${file}:2:1: question: is required but missing: add it (a string)`]);
  });

  it('names a facet with no terms, an unknown source type and a missing corpus', () => {
    const text = flagship
      .replace('terms: [Codestral, Mistral]', 'terms: []')
      .replace('type: bibtex', 'type: pubmed')
      .replace('corpora/code-security.csl.json', 'data/missing.json');
    const problems = problemsOf(text);
    expect(problems.some((p) => /facets\[0\]\.terms: is empty: give at least one term/.test(p))).toBe(true);
    expect(problems.some((p) => /sources\[1\](\.type)?: .*csl-json, bibtex/.test(p))).toBe(true);
  });

  it('reports a corpus path that does not exist once the rest is valid', () => {
    const text = flagship.replace('corpora/code-security.csl.json', 'data/missing.json');
    const line = text.split('\n').findIndex((l) => l.includes('data/missing.json')) + 1;
    expect(problemsOf(text)).toEqual([`${file}:${line}:11: sources[0].path: no file at "data/missing.json": paths are relative to the repository root`]);
  });

  it('reports YAML syntax errors with their line', () => {
    const text = flagship.replace('title: Fine-tuning', 'title: [Fine-tuning');
    const [problem] = problemsOf(text);
    expect(problem).toMatch(/^questions\/finetuning-robustness-codestral\.yaml:\d+:\d+: YAML syntax: /);
  });

  it('rejects a file name that cannot be an id', () => {
    expect(problemsOf(flagship, 'questions/My Question.yaml')[0]).toMatch(/file name "My Question" is the review's id/);
  });

  it('gives every problem a fix: a quoted number, a value outside a list, a repeated facet id', () => {
    const quoted = flagship.replace('  years: { from: 2018 }', '  years: { from: 2018 }\n  minRelevance: "0.3"');
    const quotedLine = quoted.split('\n').findIndex((l) => l.includes('minRelevance:')) + 1;
    expect(problemsOf(quoted)).toEqual([`${file}:${quotedLine}:17: screening.minRelevance: should be a number, but is string "0.3": remove the quotes`]);

    const style = flagship.replace('citationStyle: apa', 'citationStyle: ieee');
    const styleLine = style.split('\n').findIndex((l) => l.startsWith('citationStyle:')) + 1;
    expect(problemsOf(style)).toEqual([
      `${file}:${styleLine}:16: citationStyle: is string "ieee": use one of "apa", "vancouver", "harvard1", "mla", "chicago"`,
    ]);

    const twice = flagship.replace('  - id: fine-tuning', '  - id: codestral');
    const twiceLine = twice.split('\n').findIndex((l, i) => i > 8 && l === '  - id: codestral') + 1;
    expect(problemsOf(twice)).toEqual([`${file}:${twiceLine}:9: facets[1].id: "codestral" is already the id of facets[0]: give each facet its own id`]);
  });

  it('returns its problems in the one shape', () => {
    const parsed = parseQuestion(flagship.replace('citationStyle: apa', 'citationStyl: apa'), file);
    if (parsed.ok) throw new Error('expected problems');
    expect(parsed.problems.map((p) => Problem.parse(p))).toEqual([
      { file, line: parsed.problems[0]!.line, column: 1, problem: 'unknown field "citationStyl"', fix: 'check the spelling or remove it' },
    ]);
  });
});

// Issue 10: a question arrives by pull request. Its terms become regular expressions, its paths are read,
// and any of its text reaches pages: each is bounded and checked, with a located line. The flagship
// question, made hostile where each test says.
describe('parseQuestion on hostile questions', () => {
  const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

  it('caps a term at 100 characters and a list at 50 terms', () => {
    const long = flagship.replace('terms: [Codestral, Mistral]', `terms: [Codestral, ${'x'.repeat(100_000)}]`);
    expect(problemsOf(long)).toEqual([`${file}:${lineOf(long, 'Codestral, x')}:24: facets[0].terms[1]: is too long: shorten it to at most 100 characters`]);
    const many = flagship.replace('terms: [Codestral, Mistral]', `terms: [${Array.from({ length: 51 }, (_, i) => `t${i}`).join(', ')}]`);
    expect(problemsOf(many)).toEqual([`${file}:${lineOf(many, 't50')}:12: facets[0].terms: has too many items: keep at most 50`]);
  });

  it('accepts a term of hyphen pairs (matching it is safe: src/text/terms.ts) but not one without a letter or digit', () => {
    expect(parseQuestion(flagship.replace('terms: [Codestral, Mistral]', 'terms: [Codestral, "x - - - - - - - - - - y"]'), file).ok).toBe(true);
    expect(problemsOf(flagship.replace('terms: [Codestral, Mistral]', 'terms: [Codestral, "- -"]'))[0]).toMatch(/facets\[0\]\.terms\[1\]: .*a term needs at least one letter or digit$/);
  });

  it.each(['../outside/x.csl.json', 'corpora/../../x', '/etc/passwd', '.git/config', './corpora/x.csl.json'])('refuses the corpus path %s where it is written', (path) => {
    const text = flagship.replace('corpora/code-security.csl.json', path);
    const [problem, ...rest] = problemsOf(text);
    expect(rest).toEqual([]);
    expect(problem).toMatch(new RegExp(`^${file}:${lineOf(text, path)}:\\d+: sources\\[0\\]\\.path: is string ".*", not in the expected form: (give|write) the path from the repository root`));
  });

  it('refuses control characters, noncharacters and lone surrogates in any text, at their field', () => {
    const text = flagship.replace('label: Codestral (Mistral', 'label: "Codestral\\x07 (Mistral').replace("code model) as the model studied", 'code model) as the model studied"').replace('terms: [Codestral, Mistral]', 'terms: [Codestral, "Mis\\uFFFEtral", "\\uD800x"]');
    expect(problemsOf(text)).toEqual([
      `${file}:${lineOf(text, 'Codestral\\x07')}:12: facets[0].label: contains U+0007 (a control character) at character 10: delete it (an editor that shows invisible characters helps), or write the text again`,
      `${file}:${lineOf(text, 'Mis\\uFFFE')}:24: facets[0].terms[1]: contains U+FFFE (a noncharacter) at character 4: delete it (an editor that shows invisible characters helps), or write the text again`,
      `${file}:${lineOf(text, 'Mis\\uFFFE')}:41: facets[0].terms[2]: contains U+D800 (half of a surrogate pair, not a character) at character 1: delete it (an editor that shows invisible characters helps), or write the text again`,
    ]);
  });

  it('refuses a YAML alias bomb at its first alias, without expanding it', () => {
    const bomb = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]', ...Array.from({ length: 8 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(',')}]`), 'title: *a8'].join('\n');
    expect(problemsOf(bomb)).toEqual([
      `${file}:2:10: the file's aliases (*name) expand to too much (more than 100 of them): write the values out instead of repeating anchors (&name) with aliases (*name)`,
    ]);
  });

  it('keeps every line short: a long unknown key, a long value, thousands of problems', () => {
    const key = flagship.replace('citationStyle: apa', `${'k'.repeat(1_000)}: apa`);
    const [unknown] = problemsOf(key);
    expect(unknown!.length).toBeLessThan(200);
    expect(unknown).toMatch(/unknown field "k+…": check the spelling or remove it$/);
    const terms = flagship.replace('terms: [Codestral, Mistral]', `terms: [${Array.from({ length: 3_000 }, () => '"\\x07x"').join(', ')}]`);
    const problems = problemsOf(terms);
    expect(problems).toHaveLength(50);
    expect(problems.at(-1)).toBe(`${file}: has more problems than the 49 above: fix those first, then run npm run check again`);
  });
});
