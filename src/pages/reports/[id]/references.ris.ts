import type { APIRoute } from 'astro';
import { reportPaths, type ReportProps } from '../../../components/report-paths.ts';
import { toRis } from '../../../cite/exports.ts';

// /reports/<id>/references.ris: the included papers as RIS.
export const getStaticPaths = reportPaths;

export const GET: APIRoute<ReportProps> = ({ props }) =>
  new Response(toRis(props.synthesis.papers), { headers: { 'Content-Type': 'application/x-research-info-systems; charset=utf-8' } });
