/**
 * The key of the page a document shows: its URL normalized, with its canonical link taken into
 * account (see `normalizeUrl`). Cheap enough to call on every page load: no Readability.
 */
import { normalizeUrl } from '../core/url';

export function pageUrlOf(doc: Document): string {
  return normalizeUrl(doc.URL, canonicalOf(doc));
}

/**
 * The page's key and the other URLs it is known by on this visit: the address it was read at
 * when the canonical link (or an AMP cache) differs. Claims saved under any of them are found.
 */
export function pageUrlsOf(doc: Document): { url: string; aliases: string[] } {
  const url = pageUrlOf(doc);
  const read = normalizeUrl(doc.URL);
  return { url, aliases: read !== url ? [read] : [] };
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
