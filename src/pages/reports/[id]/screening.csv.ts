import type { APIRoute } from 'astro';
import { reportPaths, type ReportProps } from '../../../components/report-paths.ts';
import { textResponse } from '../../../components/text-response.ts';
import { screenedRecords, toScreeningCsv } from '../../../cite/screening-exports.ts';

// /reports/<id>/screening.csv: every screened record with its decision and reason, in ASReview's columns.
export const getStaticPaths = reportPaths;

export const GET: APIRoute<ReportProps> = ({ props }) =>
  textResponse(toScreeningCsv(screenedRecords(props.synthesis)), 'text/csv; charset=utf-8; header=present');
