import type { z } from 'zod';

// A problem in a question file, located for a human: file, line, column, the field's path, what is
// wrong and what to do.
export interface QuestionProblem {
  file: string;
  line: number;
  column: number;
  field: string;
  message: string;
}

export function formatProblem(p: QuestionProblem): string {
  const where = `${p.file}:${p.line}:${p.column}`;
  return p.field ? `${where}: ${p.field}: ${p.message}` : `${where}: ${p.message}`;
}

export function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

// zod's messages are written for developers; contributors editing YAML get the same facts in plain words.
export function plainMessage(issue: z.core.$ZodIssue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type': {
      if (value === undefined) return `is required but missing: add it (${article(issue.expected)})`;
      const expected = issue.expected === 'array' ? 'a list' : issue.expected === 'object' ? 'a mapping' : article(issue.expected);
      return `should be ${expected}, but is ${describeValue(value)}`;
    }
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}: check the spelling or remove ${issue.keys.length > 1 ? 'them' : 'it'}`;
    case 'invalid_value':
      return `is ${describeValue(value)}; allowed: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_union':
      if (('note' in issue && issue.note === 'No matching discriminator') || (issue.errors?.length ?? 0) === 0) {
        return `has an unknown "type": use one of csl-json, bibtex, openalex, crossref, arxiv, semanticscholar, europepmc`;
      }
      return issue.message;
    case 'too_small':
      if (issue.origin === 'array') return issue.message.startsWith('Too small') ? `needs at least ${issue.minimum} item(s)` : issue.message;
      if (issue.origin === 'string') return issue.message.startsWith('Too small') ? `is too short (at least ${issue.minimum} characters)` : issue.message;
      return `is too small (at least ${issue.minimum})`;
    case 'too_big':
      return issue.origin === 'string' ? `is too long (at most ${issue.maximum} characters)` : `is too large (at most ${issue.maximum})`;
    case 'invalid_format':
      return issue.message;
    default:
      return issue.message;
  }
}
