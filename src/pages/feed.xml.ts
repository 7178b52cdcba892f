import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { reviewFeed } from '../publish/feed.ts';
import { siteLocation } from '../components/site-href.ts';

export const GET: APIRoute = async () => {
  const syntheses = (await getCollection('syntheses')).map((e) => e.data);
  const body = reviewFeed(syntheses, { location: siteLocation(), path: '/feed.xml', title: 'Sift: updates to every living review' });
  return new Response(body, { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
};
