import { z } from 'zod';
import { Paper } from './paper.ts';

export const RetrievalLog = z.strictObject({
  source: z.string(),
  query: z.string().nullable().describe('null for a local corpus'),
  params: z.record(z.string(), z.string()).describe('request parameters, never keys'),
  time: z.string().describe('ISO 8601'),
  outcome: z.enum(['ok', 'error', 'stale']),
  status: z.int().nullable().describe('HTTP status, null for files'),
  count: z.int().min(0),
  cacheHit: z.boolean(),
  message: z.string().nullable(),
});
export type RetrievalLog = z.infer<typeof RetrievalLog>;

// What one source returned for one question: the committed cache a build synthesizes from.
export const SourceResult = z.strictObject({
  source: z.string(),
  stale: z.boolean().describe('true when the last refresh failed and these are older results'),
  log: z.array(RetrievalLog),
  records: z.array(Paper),
});
export type SourceResult = z.infer<typeof SourceResult>;

export const RetrievalCache = z.strictObject({
  question: z.string(),
  results: z.array(SourceResult),
});
export type RetrievalCache = z.infer<typeof RetrievalCache>;
