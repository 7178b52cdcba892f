import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';
import type { Synthesis } from '../../../records/index.ts';
import { toBibtex } from '../../../cite/exports.ts';

// /reports/<id>/references.bib: the included papers as BibTeX.
export const getStaticPaths = (async () => {
  const entries = await getCollection('syntheses');
  return entries.map((entry) => ({ params: { id: entry.data.id }, props: { synthesis: entry.data } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ synthesis: Synthesis }> = ({ props }) =>
  new Response(toBibtex(props.synthesis.papers), { headers: { 'Content-Type': 'application/x-bibtex; charset=utf-8' } });
