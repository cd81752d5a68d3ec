/**
 * Addresses of PDFs, pure: whether a URL shows a PDF, the fingerprint alias a PDF is also known
 * by (so a downloaded copy shares the claims of the web copy, as Hypothesis does with
 * `urn:x-pdf:`), the link to a page of the original PDF (`#page=12`, RFC 8118) and the address of
 * Claimmark's viewer for a PDF.
 */

export const PDF_URN_PREFIX = 'urn:x-pdf:';

/** Whether `url` is an http(s) or file address whose path names a PDF (`…/report.pdf`). */
export function isPdfUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    if (!['http:', 'https:', 'file:'].includes(parsed.protocol)) return false;
    return /\.pdf$/i.test(parsed.pathname);
  } catch {
    return false;
  }
}

/** The media type a PDF is served with (its document's `contentType` in the browser's viewer). */
export const PDF_CONTENT_TYPE = 'application/pdf';

/** Whether a tab at `url` may show a PDF the viewer can open (http, https or file). */
export function mayShowPdf(url: string | undefined | null): boolean {
  return !!url && /^(https?|file):\/\//i.test(url);
}

/** The alias of a PDF by its fingerprint (`pdfDocument.fingerprints[0]`). */
export function fingerprintUrn(fingerprint: string): string {
  return `${PDF_URN_PREFIX}${fingerprint.toLowerCase().replace(/[^0-9a-z]/g, '')}`;
}

export function isFingerprintUrn(url: string): boolean {
  return url.startsWith(PDF_URN_PREFIX);
}

/** The original PDF opened at a page (1-based in the link), or null for a local copy's URN. */
export function pdfPageLink(url: string, pageIndex: number): string | null {
  if (!/^(https?|file):\/\//i.test(url)) return null;
  return `${url.replace(/#.*$/s, '')}#page=${pageIndex + 1}`;
}

/** "p. 12": the page as a reader cites it (its label when the PDF prints one). */
export function pageCitation(page: { index: number; label: string }): string {
  return `p. ${page.label || String(page.index + 1)}`;
}

/** What the viewer page is asked to open: `pdf.html?file=URL` (optionally `&claim=ID`, `#page=N`). */
export interface ViewerTarget {
  file: string | null;
  claim: string | null;
  page: number | null;
}

/** The viewer's address (relative to the extension root) for a PDF URL. */
export function viewerPath(
  file: string,
  options: { claim?: string; page?: number } = {},
): `/pdf.html?${string}` {
  const query = new URLSearchParams({ file });
  if (options.claim) query.set('claim', options.claim);
  const hash = options.page === undefined ? '' : `#page=${options.page + 1}`;
  return `/pdf.html?${query.toString()}${hash}`;
}

/** Read a viewer address back (`location.search` and `location.hash`). */
export function parseViewerTarget(search: string, hash: string): ViewerTarget {
  const query = new URLSearchParams(search);
  const file = query.get('file');
  const page = /^#page=(\d{1,6})$/.exec(hash)?.[1];
  return {
    file: file && /^(https?|file):\/\//i.test(file) ? file : null,
    claim: query.get('claim'),
    page: page ? Math.max(0, Number(page) - 1) : null,
  };
}

/** The context-menu item on links to PDFs: "Annotate PDF in Claimmark". */
export const OPEN_PDF_MENU_ITEM = 'claimmark-open-pdf';
/** Links it is offered on (match patterns: the path ends in .pdf, with or without a query). */
export const PDF_LINK_PATTERNS = ['*://*/*.pdf', '*://*/*.pdf?*', '*://*/*.PDF', '*://*/*.PDF?*'];
