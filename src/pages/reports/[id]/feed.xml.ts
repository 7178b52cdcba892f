import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';
import type { Synthesis } from '../../../records/index.ts';
import { reviewFeed } from '../../../publish/feed.ts';

export const getStaticPaths = (async () =>
  (await getCollection('syntheses')).map((e) => ({ params: { id: e.data.id }, props: { synthesis: e.data } }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ synthesis: Synthesis }> = ({ props, site }) => {
  const s = props.synthesis;
  const body = reviewFeed([s], { site: String(site), path: `/reports/${s.id}/feed.xml`, title: `Sift: ${s.title}` });
  return new Response(body, { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
};
