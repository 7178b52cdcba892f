import type { APIRoute } from 'astro';
import { reportPaths, type ReportProps } from '../../../components/report-paths.ts';
import { textResponse } from '../../../components/text-response.ts';
import { toCslJson } from '../../../cite/exports.ts';

// /reports/<id>/references.json: the included papers as CSL-JSON.
export const getStaticPaths = reportPaths;

export const GET: APIRoute<ReportProps> = ({ props }) =>
  textResponse(toCslJson(props.synthesis.papers), 'application/vnd.citationstyles.csl+json; charset=utf-8');
