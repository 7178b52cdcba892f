import type { APIRoute } from 'astro';
import { reportPaths, type ReportProps } from './report-paths.ts';
import { textResponse } from './text-response.ts';
import { siteLocation } from './site-href.ts';
import { REVIEW_DOWNLOADS } from './review-downloads.ts';

// A review's downloads (components/review-downloads.ts) as `astro dev` serves them: src/site-downloads.ts injects
// this one endpoint at each download's pattern when the command is dev, and the pattern it was reached by names the
// download. `astro build` writes the same files itself, outside the renderer.
export const getStaticPaths = reportPaths;

export const GET: APIRoute<ReportProps> = ({ props, routePattern }) => {
  const download = REVIEW_DOWNLOADS.find((d) => d.pattern === routePattern);
  if (download === undefined) throw new Error(`no review download is served at ${routePattern} (components/review-downloads.ts)`);
  return textResponse(download.text(props.synthesis, siteLocation()), download.contentType);
};
