/**
 * The key of the page a document shows: its URL normalized, with its canonical link taken into
 * account (see `normalizeUrl`). Cheap enough to call on every page load: no Readability.
 */
import { normalizeUrl } from './url';

export function pageUrlOf(doc: Document): string {
  return normalizeUrl(doc.URL, canonicalOf(doc));
}

/** The first `<link rel="canonical">`, resolved against the document's base URL. */
function canonicalOf(doc: Document): string | null {
  for (const link of doc.querySelectorAll('link[rel][href]')) {
    const rel = (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
    if (!rel.includes('canonical')) continue;
    try {
      return new URL(link.getAttribute('href') ?? '', doc.baseURI).href;
    } catch {
      return null;
    }
  }
  return null;
}
