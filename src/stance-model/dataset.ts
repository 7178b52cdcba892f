import { parse } from 'csv-parse/sync';
import { LABELS, type Label } from './model.ts';

export type LabelledPair = { claim: string; evidence: string; label: Label };

/**
 * Reads a claim-verification CSV with a header row. Only the columns claim, evidence and label are read;
 * any other column (HealthVer's topic_ip and question among them) is ignored on purpose: the verifier
 * must work on claims whose topic it has never seen, so no per-topic signal may reach it.
 */
export function parseVerificationCsv(text: string, origin = 'CSV'): LabelledPair[] {
  const records = parse(text, { columns: true, skip_empty_lines: true, bom: true, relax_column_count: true }) as Record<
    string,
    string | undefined
  >[];
  const first = records[0];
  if (first === undefined) return [];
  for (const column of ['claim', 'evidence', 'label']) {
    if (!(column in first)) throw new Error(`${origin}: missing column "${column}" (need claim, evidence, label)`);
  }
  return records.map((r, i) => {
    const label = (r['label'] ?? '').trim();
    const known = LABELS.find((l) => l.toLowerCase() === label.toLowerCase());
    if (known === undefined) {
      throw new Error(`${origin}: row ${i + 2} has label "${label}"; expected one of ${LABELS.join(', ')}`);
    }
    return { claim: r['claim'] ?? '', evidence: r['evidence'] ?? '', label: known };
  });
}
