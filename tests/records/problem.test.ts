import { describe, expect, it } from 'vitest';
import { fieldPath, formatProblem, Problem, SiftError } from '../../src/records/problem.ts';

// Invented problems: the formatter's edge cases (parts missing) are what real failures seldom show
// together. Real failures in this shape are tested where they are raised (questions, corpora, sources,
// the store).
describe('formatProblem', () => {
  it('prints file:line:column: field: problem: fix', () => {
    expect(
      formatProblem({
        file: 'questions/x.yaml',
        line: 33,
        column: 17,
        field: 'screening.minRelevance',
        problem: 'should be a number, but is string "high"',
        fix: 'write a number',
      }),
    ).toBe('questions/x.yaml:33:17: screening.minRelevance: should be a number, but is string "high": write a number');
  });

  it('leaves out what is not known', () => {
    expect(formatProblem({ file: 'questions/x.yaml', line: 33, column: 1, problem: 'unknown field "citationStyl"', fix: 'check the spelling or remove it' })).toBe(
      'questions/x.yaml:33:1: unknown field "citationStyl": check the spelling or remove it',
    );
    expect(formatProblem({ file: 'corpora/a.bib', line: 6, field: 'entry "x"', problem: 'BibTeX syntax error', fix: 'check the braces' })).toBe(
      'corpora/a.bib:6: entry "x": BibTeX syntax error: check the braces',
    );
    expect(formatProblem({ file: 'corpora/missing.bib', problem: 'the file does not exist', fix: 'give the path from the repository root' })).toBe(
      'corpora/missing.bib: the file does not exist: give the path from the repository root',
    );
  });

  it('drops a column that has no line', () => {
    expect(formatProblem({ file: 'a.json', column: 4, problem: 'p', fix: 'f' })).toBe('a.json: p: f');
  });
});

describe('Problem', () => {
  it('requires a file, a problem and a fix', () => {
    expect(Problem.safeParse({ file: 'a.json', problem: 'p' }).success).toBe(false);
    expect(Problem.safeParse({ file: 'a.json', problem: 'p', fix: '' }).success).toBe(false);
    expect(Problem.safeParse({ file: '', problem: 'p', fix: 'f' }).success).toBe(false);
    expect(Problem.safeParse({ file: 'a.json', problem: 'p', fix: 'f' }).success).toBe(true);
  });

  it('takes 1-based whole lines and columns, and no other fields', () => {
    expect(Problem.safeParse({ file: 'a.json', line: 0, problem: 'p', fix: 'f' }).success).toBe(false);
    expect(Problem.safeParse({ file: 'a.json', line: 1.5, problem: 'p', fix: 'f' }).success).toBe(false);
    expect(Problem.safeParse({ file: 'a.json', message: 'm', problem: 'p', fix: 'f' }).success).toBe(false);
  });
});

describe('SiftError', () => {
  const first: Problem = { file: 'questions/a.yaml', line: 2, column: 1, field: 'question', problem: 'is required but missing', fix: 'add it (a string)' };
  const second: Problem = { file: 'questions/a.yaml', line: 9, column: 3, field: 'screening.years', problem: 'from (2024) is after to (2020)', fix: 'swap them' };

  it('carries its problems and prints them, one line each, with the one formatter', () => {
    const error = new SiftError([first, second]);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('SiftError');
    expect(error.problems).toEqual([first, second]);
    expect(error.message).toBe(`${formatProblem(first)}\n${formatProblem(second)}`);
  });

  it('takes a single problem, and keeps a cause', () => {
    const cause = new SyntaxError('Unexpected end of JSON input');
    const error = new SiftError(first, { cause });
    expect(error.problems).toEqual([first]);
    expect(error.cause).toBe(cause);
  });

  it('refuses to be made without a problem or with a malformed one', () => {
    expect(() => new SiftError([])).toThrow();
    expect(() => new SiftError({ ...first, fix: '' })).toThrow();
  });
});

describe('fieldPath', () => {
  it('writes a zod path the way YAML users name fields', () => {
    expect(fieldPath(['facets', 0, 'terms'])).toBe('facets[0].terms');
    expect(fieldPath(['screening', 'years'])).toBe('screening.years');
    expect(fieldPath([0, 'id'])).toBe('[0].id');
    expect(fieldPath([])).toBeUndefined();
  });
});
