import { describe, expect, it } from 'vitest';
import { parseBooleanQuery, plainWords, writeBooleanQuery } from '../../src/text/boolean-query.ts';

const groups = [['Codestral'], ['fine-tuning', 'multi-task learning'], ['robustness']];

describe('the neutral Boolean query', () => {
  it('writes AND of groups, OR of terms, phrases and hyphenated words quoted', () => {
    expect(writeBooleanQuery(groups)).toBe('(Codestral) AND ("fine-tuning" OR "multi-task learning") AND (robustness)');
  });

  it('reads back what it writes', () => {
    expect(parseBooleanQuery(writeBooleanQuery(groups))).toEqual(groups);
  });

  it('quotes an operator word and drops characters that would break the syntax', () => {
    expect(writeBooleanQuery([['OR', 'a "b" (c)']])).toBe('("OR" OR "a b c")');
  });

  it.each(['fine-tuning robustness Codestral', 'vulnerability detection', '"large language models" vulnerability', '(a b) AND (c)', 'a AND b', '(a OR ) AND (b)'])(
    'leaves any other query to be sent as it always was: %j',
    (query) => {
      expect(parseBooleanQuery(query)).toBeNull();
    },
  );

  it('gives plain words for databases without Boolean search, each once, hyphens split where asked', () => {
    expect(plainWords(groups)).toBe('Codestral fine-tuning multi-task learning robustness');
    expect(plainWords([['fine-tuning', 'fine tuning'], ['Fine']], 'space')).toBe('fine tuning');
  });
});
