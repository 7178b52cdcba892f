import type { z } from 'zod';
import { CorpusSource, LiveSourceName } from '../records/question.ts';
import { describeValue, quoteExcerpt } from '../text/describe-value.ts';

// zod's messages are written for developers; contributors editing YAML get the same facts in plain
// words, split as every Problem is: what is wrong, and what to do.
export type PlainIssue = { problem: string; fix: string };

const sourceTypes = [...CorpusSource.shape.type.options, ...LiveSourceName.options];

// Where the schema gives no advice of its own, the field's description is the next best thing.
const SEE_SCHEMA = 'see what the field takes in public/schema/question.schema.json';

function article(type: string): string {
  if (type === 'int') return 'a whole number';
  if (type === 'array') return 'a list';
  if (type === 'object') return 'a mapping';
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

// The schema's own messages (`.min(1, 'give at least one term …')`) are advice; zod's defaults start
// with one of these words and are not.
function schemaAdvice(issue: z.core.$ZodIssue): string | null {
  return /^(Invalid|Too small|Too big|Unrecognized)\b/.test(issue.message) ? null : issue.message;
}

// What to write instead of a value of the wrong type; YAML's own syntax where that is the fix.
function typeFix(expected: string, value: unknown): string {
  if (expected === 'array') return 'write a list: [a, b], or one "- item" per line';
  if (expected === 'object') return 'indent its fields under it, one "name: value" per line';
  if (expected === 'boolean') return 'write true or false';
  if ((expected === 'number' || expected === 'int') && typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) {
    return 'remove the quotes';
  }
  if (expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')) return 'put it in quotes';
  return `write ${article(expected)}`;
}

export function plainIssue(issue: z.core.$ZodIssue, value: unknown): PlainIssue {
  const advice = schemaAdvice(issue);
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return { problem: 'is required but missing', fix: `add it (${article(issue.expected)})` };
      return { problem: `should be ${article(issue.expected)}, but is ${describeValue(value)}`, fix: typeFix(issue.expected, value) };
    case 'unrecognized_keys': {
      const many = issue.keys.length > 1;
      const named = issue.keys.slice(0, 5).map((k) => quoteExcerpt(k, 40));
      return {
        problem: `unknown field${many ? 's' : ''} ${named.join(', ')}${issue.keys.length > 5 ? ` and ${issue.keys.length - 5} more` : ''}`,
        fix: `check the spelling or remove ${many ? 'them' : 'it'}`,
      };
    }
    case 'invalid_value':
      return { problem: `is ${describeValue(value)}`, fix: `use one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}` };
    case 'invalid_union':
      if (('note' in issue && issue.note === 'No matching discriminator') || (issue.errors?.length ?? 0) === 0) {
        return { problem: 'has an unknown "type"', fix: `use one of ${sourceTypes.join(', ')}` };
      }
      return { problem: issue.message, fix: SEE_SCHEMA };
    case 'too_small':
      if (issue.origin === 'array') {
        return {
          problem: Number(issue.minimum) === 1 ? 'is empty' : `has too few items (at least ${issue.minimum})`,
          fix: advice ?? `add at least ${issue.minimum} item${Number(issue.minimum) === 1 ? '' : 's'}`,
        };
      }
      if (issue.origin === 'string') return { problem: 'is too short', fix: advice ?? `write at least ${issue.minimum} characters` };
      return { problem: `is ${describeValue(value)}, too small`, fix: advice ?? `use ${issue.minimum} or more` };
    case 'too_big':
      if (issue.origin === 'array') return { problem: 'has too many items', fix: advice ?? `keep at most ${issue.maximum}` };
      if (issue.origin === 'string') return { problem: 'is too long', fix: advice ?? `shorten it to at most ${issue.maximum} characters` };
      return { problem: `is ${describeValue(value)}, too large`, fix: advice ?? `use ${issue.maximum} or less` };
    case 'invalid_format':
      return { problem: `is ${describeValue(value)}, not in the expected form`, fix: advice ?? SEE_SCHEMA };
    default:
      return { problem: issue.message, fix: SEE_SCHEMA };
  }
}
