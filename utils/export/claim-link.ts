/**
 * Where a claim's link in an export points. Pure. On a web page: a text fragment that opens the
 * page scrolled to the quote (text-fragment.ts). In a PDF: the original PDF at the claim's page
 * (`#page=12`, which PDF viewers follow), with the page as a reader cites it ("p. 12").
 */
import type { Annotation } from '../core/model';
import { pageCitation, pdfPageLink } from '../pdf/url';
import { deepLink } from './text-fragment';

export function claimLink(
  a: Pick<Annotation, 'url' | 'quote' | 'selectors' | 'pdfPage'>,
): string | null {
  return a.pdfPage ? pdfPageLink(a.url, a.pdfPage.index) : deepLink(a.url, a);
}

/** "p. 12" for a claim in a PDF, '' otherwise. */
export function claimPage(a: Pick<Annotation, 'pdfPage'>): string {
  return a.pdfPage ? pageCitation(a.pdfPage) : '';
}
