import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { toReportIndex } from '../../../publish/report-json.ts';
import { siteHref } from '../../../components/site-href.ts';

// dist/api/reports/index.json (docs/report-json.md, v1). The index's `generated` is the latest synthesis
// run, not the build time, so two builds of the same content give the same bytes.
export const GET: APIRoute = async () => {
  const syntheses = (await getCollection('syntheses'))
    .map((entry) => entry.data)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const generated = syntheses.reduce((latest, s) => (s.generated > latest ? s.generated : latest), '');
  return new Response(`${JSON.stringify(toReportIndex(syntheses, generated, siteHref('/')), null, 2)}\n`, {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
