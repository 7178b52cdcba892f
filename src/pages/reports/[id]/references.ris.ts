import type { APIRoute } from 'astro';
import { reportPaths, type ReportProps } from '../../../components/report-paths.ts';
import { textResponse } from '../../../components/text-response.ts';
import { toRis } from '../../../cite/exports.ts';

// /reports/<id>/references.ris: the included papers as RIS.
export const getStaticPaths = reportPaths;

export const GET: APIRoute<ReportProps> = ({ props }) =>
  textResponse(toRis(props.synthesis.papers), 'application/x-research-info-systems; charset=utf-8');
