/**
 * Page metadata for the `pages` store. Readability runs on a deep clone (it rewrites the tree it
 * is given), never on the live document; where it returns nothing or leaves a field empty, the
 * document's own `<title>`, `<meta>`/OpenGraph tags and `<html lang>` fill in.
 */
import { Readability } from '@mozilla/readability';
import { collapseWhitespace, type PageMetadata } from '../core/model';

const MAX = { title: 500, byline: 200, siteName: 200, excerpt: 1000 } as const;

type Field = keyof PageMetadata;

/** Fallback sources per field: meta names/properties (lower-case), first non-empty wins. */
const META_FALLBACKS: Record<Exclude<Field, 'lang'>, readonly string[]> = {
  title: ['og:title', 'twitter:title', 'dc.title'],
  byline: ['author', 'dc.creator', 'parsely-author', 'sailthru.author'],
  siteName: ['og:site_name', 'application-name'],
  publishedTime: ['article:published_time', 'og:published_time', 'datepublished', 'dc.date'],
  excerpt: ['og:description', 'description', 'twitter:description', 'dc.description'],
};

export function extractMetadata(doc: Document): PageMetadata {
  const article = readArticle(doc);
  let tags: Map<string, string> | undefined;
  const meta = (key: string): string => (tags ??= metaTags(doc)).get(key) ?? '';
  const fallback = (field: Exclude<Field, 'lang'>): string => {
    for (const key of META_FALLBACKS[field]) {
      const value = meta(key);
      if (value) return value;
    }
    return field === 'title' ? doc.title : '';
  };
  const pick = (field: Exclude<Field, 'lang'>): string =>
    collapseWhitespace(article?.[field] ?? '') || collapseWhitespace(fallback(field));

  return {
    title: cap(pick('title'), MAX.title),
    byline: cap(pick('byline'), MAX.byline),
    siteName: cap(pick('siteName'), MAX.siteName),
    publishedTime: isoDate(pick('publishedTime')),
    lang: langTag(article?.lang || doc.documentElement?.lang || meta('content-language')),
    excerpt: cap(pick('excerpt'), MAX.excerpt),
  };
}

function readArticle(doc: Document): ReturnType<Readability['parse']> {
  try {
    return new Readability(doc.cloneNode(true) as Document).parse();
  } catch {
    return null; // e.g. a document without a <body>: fall back to the tags
  }
}

/** `<meta name|property|itemprop|http-equiv content>`, keys lower-cased, first occurrence wins. */
function metaTags(doc: Document): Map<string, string> {
  const tags = new Map<string, string>();
  for (const el of doc.querySelectorAll('meta[content]')) {
    const content = el.getAttribute('content') ?? '';
    for (const attr of ['name', 'property', 'itemprop', 'http-equiv']) {
      const key = el.getAttribute(attr)?.trim().toLowerCase();
      if (key && content.trim() && !tags.has(key)) tags.set(key, content);
    }
  }
  return tags;
}

/** Caps a string at `max` characters, ending with '…' and never splitting a surrogate pair. */
function cap(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1).replace(/[\uD800-\uDBFF]$/, '');
  return `${cut.trimEnd()}…`;
}

/** ISO 8601 dates pass through as written (keeping their offset); other parseable dates become UTC ISO. */
function isoDate(text: string): string {
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) return text.slice(0, 40);
  const time = /\b\d{4}\b/.test(text) ? Date.parse(text) : NaN;
  return Number.isNaN(time) ? '' : new Date(time).toISOString();
}

/** A plausible BCP 47 tag (`en`, `en-US`, `zh-Hant-TW`), `_` accepted as `-`; anything else → ''. */
function langTag(text: string): string {
  const tag = text.trim().replace(/_/g, '-');
  return /^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/i.test(tag) ? tag : '';
}
