import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { RecordLabel } from '../records/index.ts';

// A labelled screening set for npm run bench:screen, one JSON object per line:
//   { "id": "<corpus name>:<record id>" | "<record id>", "included": true|false, "relevant"?: true|false, … }
// `included` is the decision measured (another boolean field can be named instead, e.g. Nagtegaal's
// "included_abstract"); `relevant`, when present, is a looser grade that precision is also reported against. Other
// fields are ignored. The development sets live beside the repository, never in it
// (../shared/data/screening/README.md).

const Line = z.looseObject({ id: z.string().min(1), relevant: z.boolean().optional() });

export class LabelsMissingError extends Error {}

export function readScreeningLabels(path: string, field = 'included'): Map<string, RecordLabel> {
  const full = resolve(path);
  if (!existsSync(full)) throw new LabelsMissingError(`No labels file at ${full}.`);
  const labels = new Map<string, RecordLabel>();
  readFileSync(full, 'utf8')
    .split('\n')
    .forEach((text, i) => {
      if (text.trim() === '') return;
      const where = `${full}:${i + 1}`;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        throw new Error(`${where}: not JSON (${(error as Error).message})`);
      }
      const line = Line.parse(value);
      const decision = (line as Record<string, unknown>)[field];
      if (typeof decision !== 'boolean') throw new Error(`${where}: "${field}" should be true or false`);
      if (labels.has(line.id)) throw new Error(`${where}: "${line.id}" is labelled twice`);
      labels.set(line.id, { included: decision, relevant: line.relevant ?? null });
    });
  return labels;
}
