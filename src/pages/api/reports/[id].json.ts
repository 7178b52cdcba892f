import type { APIRoute } from 'astro';
import { reportPaths, type ReportProps } from '../../../components/report-paths.ts';
import { textResponse } from '../../../components/text-response.ts';
import { toReportJson } from '../../../publish/report-json.ts';
import { siteHref } from '../../../components/site-href.ts';

// dist/api/reports/<id>.json (docs/report-json.md, v1).
export const getStaticPaths = reportPaths;

export const GET: APIRoute<ReportProps> = ({ props }) =>
  textResponse([JSON.stringify(toReportJson(props.synthesis, siteHref('/')), null, 2), '\n'], 'application/json; charset=utf-8');
