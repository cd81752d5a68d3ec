/**
 * What a search result shows of a claim and its page, kept in the index beside the token streams
 * (shards.ts `view` columns), so that a keystroke's results are drawn from memory: reading the
 * hits' claims from IndexedDB waits behind every write transaction a sync has open, seconds at
 * 100,000 claims. Pure.
 *
 * A view is stored as a JSON array (no `\n` or `\t` in it: JSON escapes them), positional to keep
 * 100,000 of them small. Shards written before views existed have none (`''`): their claims are
 * read from the database as before.
 */
import type { ClaimSummary, PageSummary, PdfPageRef } from '../core/model';
import { isClaimType } from '../core/claim-types';

type StoredClaimView = [
  url: string,
  type: string,
  quote: string,
  note: string,
  tags: string[],
  created: string,
  author: string | null,
  pdfPage: PdfPageRef | null,
];

export function encodeClaimView(claim: Omit<ClaimSummary, 'id'>): string {
  const stored: StoredClaimView = [
    claim.url,
    claim.type,
    claim.quote ?? '',
    claim.note ?? '',
    claim.tags ?? [],
    claim.created,
    claim.author ?? null,
    claim.pdfPage ? { index: claim.pdfPage.index, label: claim.pdfPage.label } : null,
  ];
  return JSON.stringify(stored);
}

const isString = (v: unknown): v is string => typeof v === 'string';

/** A stored view's JSON array of `length` items, or undefined (none stored, or unreadable). */
function storedArray(text: string, length: number): unknown[] | undefined {
  if (!text) return undefined;
  let stored: unknown;
  try {
    stored = JSON.parse(text);
  } catch {
    return undefined;
  }
  return Array.isArray(stored) && stored.length === length ? (stored as unknown[]) : undefined;
}

/** The claim `id` as its stored view says, or undefined (none stored, or unreadable). */
export function decodeClaimView(id: string, text: string): ClaimSummary | undefined {
  const stored = storedArray(text, 8);
  if (!stored) return undefined;
  const [url, type, quote, note, tags, created, author, pdfPage] = stored;
  if (![url, quote, note, created].every(isString) || !isClaimType(type)) return undefined;
  if (!Array.isArray(tags) || !tags.every(isString)) return undefined;
  if (author !== null && !isString(author)) return undefined;
  const view: ClaimSummary = {
    id,
    url: url as string,
    type,
    quote: quote as string,
    note: note as string,
    tags,
    created: created as string,
  };
  if (author !== null) view.author = author;
  if (pdfPage !== null) {
    const page = pdfPage as Partial<PdfPageRef> | undefined;
    if (typeof page?.index !== 'number' || !isString(page.label)) return undefined;
    view.pdfPage = { index: page.index, label: page.label };
  }
  return view;
}

export function encodePageView(page: Pick<PageSummary, 'title' | 'siteName'>): string {
  return JSON.stringify([page.title ?? '', page.siteName ?? '']);
}

/** The page at `url` as its stored view says, or undefined. */
export function decodePageView(url: string, text: string): PageSummary | undefined {
  const stored = storedArray(text, 2);
  if (!stored?.every(isString)) return undefined;
  const [title, siteName] = stored as [string, string];
  return { url, title, siteName };
}
