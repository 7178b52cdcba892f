import type { APIRoute } from 'astro';
import { reportPaths, type ReportProps } from '../../../components/report-paths.ts';
import { toBibtex } from '../../../cite/exports.ts';

// /reports/<id>/references.bib: the included papers as BibTeX.
export const getStaticPaths = reportPaths;

export const GET: APIRoute<ReportProps> = ({ props }) =>
  new Response(toBibtex(props.synthesis.papers), { headers: { 'Content-Type': 'application/x-bibtex; charset=utf-8' } });
