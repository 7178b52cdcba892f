import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';
import type { Synthesis } from '../../../records/index.ts';
import { toReportJson } from '../../../publish/report-json.ts';

// dist/api/reports/<id>.json (report-json.md v1).
export const getStaticPaths = (async () => {
  const entries = await getCollection('syntheses');
  return entries.map((entry) => ({ params: { id: entry.data.id }, props: { synthesis: entry.data } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ synthesis: Synthesis }> = ({ props }) =>
  new Response(`${JSON.stringify(toReportJson(props.synthesis), null, 2)}\n`, {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
