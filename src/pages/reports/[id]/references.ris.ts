import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';
import type { Synthesis } from '../../../records/index.ts';
import { toRis } from '../../../cite/exports.ts';

// /reports/<id>/references.ris: the included papers as RIS.
export const getStaticPaths = (async () => {
  const entries = await getCollection('syntheses');
  return entries.map((entry) => ({ params: { id: entry.data.id }, props: { synthesis: entry.data } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ synthesis: Synthesis }> = ({ props }) =>
  new Response(toRis(props.synthesis.papers), { headers: { 'Content-Type': 'application/x-research-info-systems; charset=utf-8' } });
