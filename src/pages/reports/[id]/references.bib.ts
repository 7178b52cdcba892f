import type { APIRoute } from 'astro';
import { reportPaths, type ReportProps } from '../../../components/report-paths.ts';
import { textResponse } from '../../../components/text-response.ts';
import { toBibtex } from '../../../cite/exports.ts';

// /reports/<id>/references.bib: the included papers as BibTeX.
export const getStaticPaths = reportPaths;

export const GET: APIRoute<ReportProps> = ({ props }) =>
  textResponse(toBibtex(props.synthesis.papers), 'application/x-bibtex; charset=utf-8');
