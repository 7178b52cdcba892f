import type { GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';
import type { Synthesis } from '../records/index.ts';
import { siteSynthesis } from '../store/site-syntheses.ts';
import { CLAIMS_PER_EVIDENCE_PAGE, EXCLUDED_PER_PAGE, pageCount } from '../publish/report-pages.ts';
import { inShard, shardFromEnv } from '../workflows/shard.ts';

// Every [id] route of a report (its page, feed, reference exports and JSON) is built once per listed
// review and handed its whole stored synthesis, read once per build (store/site-syntheses.ts). It lives outside src/pages, where Astro would take it for a route.
// A sharded build (SIFT_SHARD, scripts/build.ts --shard) builds only the reports of its shard; every other
// page reads the whole collection, so each shard writes it the same and the merge keeps one copy
// (store/merge-site.ts).
export interface ReportProps {
  synthesis: Synthesis;
}

export const reportPaths = (async () => {
  const shard = shardFromEnv(process.env);
  return (await getCollection('syntheses'))
    .filter((entry) => shard === undefined || inShard(entry.data.id, shard))
    .map((entry) => ({
      params: { id: entry.data.id },
      props: { synthesis: siteSynthesis(entry) } satisfies ReportProps,
    }));
}) satisfies GetStaticPaths;

// The numbered pages of a report's long lists (src/publish/report-pages.ts): page 1 is the folder itself
// ([...page] undefined), later pages /2/, /3/, …. Built from reportPaths, so they follow the same reports.
export interface ReportListPageProps extends ReportProps {
  /** 1-based */
  page: number;
  pages: number;
}

function numberedPaths(count: (s: Synthesis) => number) {
  return async () =>
    (await reportPaths()).flatMap(({ params, props }) => {
      const pages = count(props.synthesis);
      return Array.from({ length: pages }, (_, i) => ({
        params: { id: params.id, page: i === 0 ? undefined : String(i + 1) },
        props: { ...props, page: i + 1, pages } satisfies ReportListPageProps,
      }));
    });
}

export const evidencePagePaths = numberedPaths((s) => pageCount(s.claims.length, CLAIMS_PER_EVIDENCE_PAGE)) satisfies GetStaticPaths;
export const excludedPagePaths = numberedPaths((s) => pageCount(s.excluded.length, EXCLUDED_PER_PAGE)) satisfies GetStaticPaths;
