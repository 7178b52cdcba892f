import { referencesPagePath } from '../../publish/report-pages.ts';
import { siteHref } from '../site-href.ts';

// A report's reference list is a page of its own (src/publish/report-pages.ts); inline citations on the
// report and evidence pages link into it.
export function referencesPageHref(id: string): string {
  return siteHref(referencesPagePath(id));
}
