import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LabelsMissingError, readScreeningLabels } from '../../src/store/screening-labels.ts';

const sample = fileURLToPath(new URL('../fixtures/screening/bannach-brown-2019-sample.labels.jsonl', import.meta.url));

describe('readScreeningLabels', () => {
  it('reads one label per line, keyed by id', () => {
    const labels = readScreeningLabels(sample);
    expect(labels.size).toBe(60);
    expect([...labels.values()].filter((l) => l.included)).toHaveLength(20);
    expect([...labels.values()].every((l) => l.relevant === null)).toBe(true);
  });

  it('measures another boolean field when asked, and says where a line is wrong', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sift-labels-'));
    const file = join(dir, 'labels.jsonl');
    writeFileSync(file, '{"id":"a","included":false,"included_abstract":true,"relevant":true}\n{"id":"b","included":true}\n');
    expect(readScreeningLabels(file).get('a')).toEqual({ included: false, relevant: true });
    expect(() => readScreeningLabels(file, 'included_abstract')).toThrow(/labels\.jsonl:2: "included_abstract" should be true or false/);
    writeFileSync(file, '{"id":"a","included":false,"included_abstract":true}\n');
    expect(readScreeningLabels(file, 'included_abstract').get('a')).toEqual({ included: true, relevant: null });
    writeFileSync(file, '{"id":"a","included":true}\n{"id":"a","included":false}\n');
    expect(() => readScreeningLabels(file)).toThrow(/labels\.jsonl:2: "a" is labelled twice/);
    writeFileSync(file, '{"id":"a","included":"yes"}\n');
    expect(() => readScreeningLabels(file)).toThrow(/labels\.jsonl:1: "included" should be true or false/);
    expect(() => readScreeningLabels(join(dir, 'missing.jsonl'))).toThrow(LabelsMissingError);
  });
});
