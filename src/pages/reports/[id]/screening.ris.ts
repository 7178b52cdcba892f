import type { APIRoute } from 'astro';
import { reportPaths, type ReportProps } from '../../../components/report-paths.ts';
import { screenedRecords, toScreeningRis } from '../../../cite/screening-exports.ts';

// /reports/<id>/screening.ris: every screened record with its decision (ASReview's note) and reason.
export const getStaticPaths = reportPaths;

export const GET: APIRoute<ReportProps> = ({ props }) =>
  new Response(toScreeningRis(screenedRecords(props.synthesis)), { headers: { 'Content-Type': 'application/x-research-info-systems; charset=utf-8' } });
