import type { GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';
import type { Synthesis } from '../records/index.ts';

// Every [id] route of a report (its page, feed, reference exports and JSON) is built once per stored
// synthesis and handed that synthesis whole. It lives outside src/pages, where Astro would take it for a route.
export interface ReportProps {
  synthesis: Synthesis;
}

export const reportPaths = (async () =>
  (await getCollection('syntheses')).map((entry) => ({
    params: { id: entry.data.id },
    props: { synthesis: entry.data } satisfies ReportProps,
  }))) satisfies GetStaticPaths;
