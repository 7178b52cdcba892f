import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';
import type { Synthesis } from '../../../records/index.ts';
import { toCslJson } from '../../../cite/exports.ts';

// /reports/<id>/references.json: the included papers as CSL-JSON.
export const getStaticPaths = (async () => {
  const entries = await getCollection('syntheses');
  return entries.map((entry) => ({ params: { id: entry.data.id }, props: { synthesis: entry.data } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ synthesis: Synthesis }> = ({ props }) =>
  new Response(toCslJson(props.synthesis.papers), { headers: { 'Content-Type': 'application/vnd.citationstyles.csl+json; charset=utf-8' } });
