import type { APIRoute } from 'astro';
import { reportPaths, type ReportProps } from '../../../components/report-paths.ts';
import { textResponse } from '../../../components/text-response.ts';
import { screenedRecords, toScreeningRis } from '../../../cite/screening-exports.ts';

// /reports/<id>/screening.ris: every screened record with its decision (ASReview's note) and reason.
export const getStaticPaths = reportPaths;

export const GET: APIRoute<ReportProps> = ({ props }) =>
  textResponse(toScreeningRis(screenedRecords(props.synthesis)), 'application/x-research-info-systems; charset=utf-8');
