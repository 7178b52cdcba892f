import { z } from 'zod';

export const Author = z.strictObject({
  family: z.string(),
  given: z.string().optional(),
});
export type Author = z.infer<typeof Author>;

export const Identifiers = z.strictObject({
  doi: z.string().optional().describe('lower-case, without resolver prefix'),
  arxiv: z.string().optional().describe('without version: 2401.01234 or hep-th/9901001'),
  pmid: z.string().optional(),
  pmcid: z.string().optional(),
  openalex: z.string().optional(),
  s2: z.string().optional(),
  local: z.string().optional().describe('the id a local corpus gave the record'),
});
export type Identifiers = z.infer<typeof Identifiers>;

// One work as a source returned it, or as merging made it: `sources` then lists every source that
// returned it and `ids` every identifier any of them knew.
export const Paper = z.strictObject({
  id: z.string().min(3).describe('doi:…, arxiv:…, pmid:… or <source>:<local id>'),
  ids: Identifiers,
  title: z.string().min(1),
  abstract: z.string().nullable(),
  tldr: z.string().nullable().default(null),
  authors: z.array(Author),
  year: z.int().nullable(),
  venue: z.string().nullable(),
  type: z.string().nullable().describe('CSL item type'),
  url: z.string().nullable(),
  citationCount: z.int().nullable().default(null),
  keywords: z.array(z.string()).default([]),
  sources: z.array(z.string()).min(1),
});
export type Paper = z.infer<typeof Paper>;
export type PaperInput = z.input<typeof Paper>;
