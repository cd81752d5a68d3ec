/**
 * Token streams: how the search index stores a field. Pure.
 *
 * A field's stream is its tokens (tokenize.ts) in order, each written as its forms joined by
 * `|`, tokens separated by spaces, with a space at both ends:
 *
 *   "TikTok’s $17 billion"  →  " tiktok|tiktoks 17|$17 billion "
 *
 * so a form starting with `key` is an occurrence of `key` right after a space or a `|`, and the
 * next token of a phrase starts after the next space. Runs that a phrase must not cross (one tag
 * and the next) are separated by a `\t` token. Streams never contain `\n` (shards join claims
 * with it).
 */
import type { ClaimSummary, ClaimType, Page } from '../core/model';
import { fold } from './fold';
import { tokenize } from './tokenize';
import { encodeClaimView, encodePageView } from './view';

export function tokenStream(text: string): string {
  if (!text) return ' ';
  let out = ' ';
  for (const token of tokenize(text)) out += `${token.forms.join('|')} `;
  return out;
}

/** A tag as `tag:` compares it. */
export function foldTag(tag: string): string {
  return fold(tag).replace(/\s+/g, ' ').trim();
}

export const TYPE_CODES: Record<ClaimType, string> = {
  figure: 'f',
  quote: 'q',
  date: 'd',
  forecast: 'o',
  claim: 'c',
};

/** What the index keeps of a claim. */
export interface ClaimEntry {
  id: string;
  /** `created` in ms since 1970 (NaN when unreadable). */
  created: number;
  type: string;
  /** The page, as {@link pageKey} of its URL. */
  page: number;
  quote: string;
  note: string;
  /** Tag words, one run per tag. */
  tags: string;
  /** Folded whole tags, each between tabs: `\tsupply chain\tgmv\t`. */
  tagKeys: string;
  /** What a result shows of it (view.ts); `''` in shards stored before views existed. */
  view: string;
}

/** Marks the author among a claim's tag keys (`by:` filter): no folded tag starts with it. */
export const AUTHOR_KEY = '\u0001';

export function claimEntry(annotation: ClaimSummary): ClaimEntry {
  return claimEntryOf(annotation, encodeClaimView(annotation));
}

/** {@link claimEntry} with the claim's view (view.ts) already encoded. */
export function claimEntryOf(annotation: ClaimSummary, view: string): ClaimEntry {
  const tags = annotation.tags ?? [];
  const keys = tags.map((t) => clean(foldTag(t)));
  if (annotation.author) keys.push(AUTHOR_KEY + clean(foldTag(annotation.author)));
  return {
    id: annotation.id,
    created: Date.parse(annotation.created),
    type: TYPE_CODES[annotation.type] ?? 'c',
    page: pageKey(annotation.url),
    quote: tokenStream(annotation.quote ?? ''),
    note: tokenStream(annotation.note ?? ''),
    tags: tags.length === 0 ? ' ' : tags.map(tokenStream).join('\t'),
    tagKeys: `\t${keys.join('\t')}${keys.length ? '\t' : ''}`,
    view,
  };
}

/**
 * A page's URL as a number (53-bit hash): claims refer to their page by it, a tenth of the
 * bytes of the URL. Two pages of one library sharing one is a one-in-a-billion event.
 */
export function pageKey(url: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < url.length; i++) {
    const c = url.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** What the index keeps of a page. */
export interface PageEntry {
  url: string;
  title: string;
  siteName: string;
  /** Site keys, each between tabs: `\twww.nytimes.com\tnytimes.com\tthe new york times\t`. */
  siteKeys: string;
  /** Its title and site name as shown (view.ts); `''` in shards stored before views existed. */
  view: string;
}

export function pageEntry(page: Pick<Page, 'url' | 'title' | 'siteName'>): PageEntry {
  return pageEntryOf(page, encodePageView(page));
}

/** {@link pageEntry} with the page's view (view.ts) already encoded. */
export function pageEntryOf(
  page: Pick<Page, 'url' | 'title' | 'siteName'>,
  view: string,
): PageEntry {
  return {
    url: clean(page.url),
    title: tokenStream(page.title ?? ''),
    siteName: tokenStream(page.siteName ?? ''),
    siteKeys: `\t${siteKeys(page.url, page.siteName ?? '')
      .map(clean)
      .join('\t')}\t`,
    view,
  };
}

/**
 * What `site:` finds a page by: its host, each parent domain with at least two labels
 * (www.nytimes.com → www.nytimes.com, nytimes.com) and its folded site name.
 */
export function siteKeys(url: string, siteName: string): string[] {
  const keys: string[] = [];
  const host = hostOf(url);
  if (host) {
    keys.push(host);
    if (!/^[\d.]+$/.test(host) && !host.includes(':')) {
      const labels = host.split('.');
      for (let i = 1; i < labels.length - 1; i++) keys.push(labels.slice(i).join('.'));
    }
  }
  const name = foldTag(siteName);
  if (name && !keys.includes(name)) keys.push(name);
  return keys;
}

export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
}

/** No separator characters inside a value the shards join. */
function clean(value: string): string {
  return value.replace(/[\n\t]/g, ' ');
}
