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

/**
 * The first `<link rel="canonical">`, resolved against the document's base URL. One selector
 * query that stops at the first match (`~=` is one of the rel's whitespace-separated tokens, `i`
 * ignores ASCII case): no wrapper for every other `<link>` of the page, which in a content
 * script's isolated world is what costs.
 */
function canonicalOf(doc: Document): string | null {
  const link = doc.querySelector('link[rel~="canonical" i][href]');
  if (!link) return null;
  try {
    return new URL(link.getAttribute('href') ?? '', doc.baseURI).href;
  } catch {
    return null;
  }
}
