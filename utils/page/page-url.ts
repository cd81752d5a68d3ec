/**
 * The key of the page a document shows: its URL normalized, with its canonical link taken into
 * account (see `normalizeUrl`). Cheap enough to call on every page load: no Readability. The
 * document's address and canonical link are read by `describePage` (utils/protocol/load-ui.ts),
 * which the background also injects to look a page up itself; `urlsOfAddress` makes the key from
 * them on either side.
 */
import { urlsOfAddress, type PageUrls } from '../core/url';
import { describePage } from '../protocol/load-ui';

export function pageUrlOf(doc: Document): string {
  return pageUrlsOf(doc).url;
}

/**
 * The page's key and the other URLs it is known by on this visit: the address it was read at
 * when the canonical link (or an AMP cache) differs. Claims saved under any of them are found.
 */
export function pageUrlsOf(doc: Document): PageUrls {
  return urlsOfAddress(describePage(null, doc));
}
