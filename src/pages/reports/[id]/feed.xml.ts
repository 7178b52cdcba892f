import type { APIRoute } from 'astro';
import { reportPaths, type ReportProps } from '../../../components/report-paths.ts';
import { textResponse } from '../../../components/text-response.ts';
import { siteLocation } from '../../../components/site-href.ts';
import { reviewFeed } from '../../../publish/feed.ts';

export const getStaticPaths = reportPaths;

export const GET: APIRoute<ReportProps> = ({ props }) => {
  const s = props.synthesis;
  const body = reviewFeed([s], { location: siteLocation(), path: `/reports/${s.id}/feed.xml`, title: `Sift: ${s.title}` });
  return textResponse(body, 'application/atom+xml; charset=utf-8');
};
