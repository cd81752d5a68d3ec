/**
 * The stored form of the search index: claims and pages in shards, each a handful of long
 * strings and typed arrays (which IndexedDB reads and writes fast, unlike millions of index
 * entries). Pure.
 *
 * A claim shard holds the claims whose id hashes to it; each column joins one value per claim
 * with `\n`, and `*At` gives where each claim's value starts (`at[i]`…`at[i + 1] - 1`).
 */
import { pageKey, type ClaimEntry, type PageEntry } from './stream';

export const CLAIM_SHARDS = 64;
export const PAGE_SHARDS = 16;

export interface ClaimShard {
  key: string;
  ids: string;
  /** Absent in shards written before it existed (development builds of v3). */
  idsAt?: Uint32Array;
  created: Float64Array;
  /** One type code per claim (stream.ts TYPE_CODES). */
  types: string;
  /** The page of each claim (stream.ts pageKey). */
  pages: Float64Array;
  quote: string;
  quoteAt: Uint32Array;
  note: string;
  noteAt: Uint32Array;
  tags: string;
  tagsAt: Uint32Array;
  tagKeys: string;
  tagKeysAt: Uint32Array;
  /** What a result shows of each claim (view.ts); absent in shards stored before it existed. */
  view?: string;
  viewAt?: Uint32Array;
}

export interface PageShard {
  key: string;
  urls: string;
  /** pageKey of each URL. */
  keys: Float64Array;
  title: string;
  titleAt: Uint32Array;
  siteName: string;
  siteNameAt: Uint32Array;
  siteKeys: string;
  siteKeysAt: Uint32Array;
  /** Each page's title and site name as shown (view.ts); absent in shards stored before it. */
  view?: string;
  viewAt?: Uint32Array;
}

export type SearchRecord = ClaimShard | PageShard;

/** FNV-1a: a stable spread of ids and URLs over shards. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export const claimShardKey = (id: string) =>
  `c:${String(hash(id) % CLAIM_SHARDS).padStart(2, '0')}`;
export const pageShardKey = (url: string) =>
  `p:${String(hash(url) % PAGE_SHARDS).padStart(2, '0')}`;

export function isClaimShard(record: SearchRecord): record is ClaimShard {
  return record.key.startsWith('c:');
}
export function isPageShard(record: SearchRecord): record is PageShard {
  return record.key.startsWith('p:');
}

function column(values: string[]): [string, Uint32Array] {
  const at = new Uint32Array(values.length + 1);
  let offset = 0;
  values.forEach((v, i) => {
    at[i] = offset;
    offset += v.length + 1;
  });
  at[values.length] = offset;
  return [values.join('\n'), at];
}

function split(text: string, count: number): string[] {
  return count === 0 ? [] : text.split('\n');
}

export function encodeClaims(key: string, entries: readonly ClaimEntry[]): ClaimShard {
  const [quote, quoteAt] = column(entries.map((e) => e.quote));
  const [note, noteAt] = column(entries.map((e) => e.note));
  const [tags, tagsAt] = column(entries.map((e) => e.tags));
  const [tagKeys, tagKeysAt] = column(entries.map((e) => e.tagKeys));
  const [ids, idsAt] = column(entries.map((e) => e.id));
  const [view, viewAt] = column(entries.map((e) => e.view));
  return {
    key,
    ids,
    idsAt,
    created: Float64Array.from(entries, (e) => e.created),
    types: entries.map((e) => e.type).join(''),
    pages: Float64Array.from(entries, (e) => e.page),
    quote,
    quoteAt,
    note,
    noteAt,
    tags,
    tagsAt,
    tagKeys,
    tagKeysAt,
    view,
    viewAt,
  };
}

export function decodeClaims(shard: ClaimShard): ClaimEntry[] {
  const n = shard.created.length;
  const ids = split(shard.ids, n);
  const at = (text: string, offsets: Uint32Array, i: number) =>
    text.slice(offsets[i]!, offsets[i + 1]! - 1);
  return ids.map((id, i) => ({
    id,
    created: shard.created[i]!,
    type: shard.types[i]!,
    page: shard.pages[i]!,
    quote: at(shard.quote, shard.quoteAt, i),
    note: at(shard.note, shard.noteAt, i),
    tags: at(shard.tags, shard.tagsAt, i),
    tagKeys: at(shard.tagKeys, shard.tagKeysAt, i),
    view: shard.view && shard.viewAt ? at(shard.view, shard.viewAt, i) : '',
  }));
}

export function encodePages(key: string, entries: readonly PageEntry[]): PageShard {
  const [title, titleAt] = column(entries.map((e) => e.title));
  const [siteName, siteNameAt] = column(entries.map((e) => e.siteName));
  const [siteKeys, siteKeysAt] = column(entries.map((e) => e.siteKeys));
  const [view, viewAt] = column(entries.map((e) => e.view));
  return {
    key,
    urls: entries.map((e) => e.url).join('\n'),
    keys: Float64Array.from(entries, (e) => pageKey(e.url)),
    title,
    titleAt,
    siteName,
    siteNameAt,
    siteKeys,
    siteKeysAt,
    view,
    viewAt,
  };
}

export function decodePages(shard: PageShard): PageEntry[] {
  const n = shard.titleAt.length - 1;
  const at = (text: string, offsets: Uint32Array, i: number) =>
    text.slice(offsets[i]!, offsets[i + 1]! - 1);
  return split(shard.urls, n).map((url, i) => ({
    url,
    title: at(shard.title, shard.titleAt, i),
    siteName: at(shard.siteName, shard.siteNameAt, i),
    siteKeys: at(shard.siteKeys, shard.siteKeysAt, i),
    view: shard.view && shard.viewAt ? at(shard.view, shard.viewAt, i) : '',
  }));
}

/** Shards with `claims` put in (by id) and `removed` ids taken out. */
export function updateClaimShard(
  shard: ClaimShard | undefined,
  key: string,
  claims: readonly ClaimEntry[],
  removed: ReadonlySet<string>,
): ClaimShard {
  const replaced = new Set(claims.map((c) => c.id));
  const kept = (shard ? decodeClaims(shard) : []).filter(
    (e) => !replaced.has(e.id) && !removed.has(e.id),
  );
  return encodeClaims(key, [...kept, ...claims.filter((c) => !removed.has(c.id))]);
}

export function updatePageShard(
  shard: PageShard | undefined,
  key: string,
  pages: readonly PageEntry[],
  removed: ReadonlySet<string>,
): PageShard {
  const replaced = new Set(pages.map((p) => p.url));
  const kept = (shard ? decodePages(shard) : []).filter(
    (e) => !replaced.has(e.url) && !removed.has(e.url),
  );
  return encodePages(key, [...kept, ...pages.filter((p) => !removed.has(p.url))]);
}
