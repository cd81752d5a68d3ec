/**
 * Approximate search of a (normalized) quote in a slice of (normalized) text, with long quotes
 * located by their head and tail chunks first. PURE: no DOM.
 */
import search from 'approx-string-match';

export interface Found {
  start: number;
  end: number;
  errors: number;
}

/** Quotes longer than this are located by chunks before being verified in full. */
const CHUNKED_LENGTH = 128;
const CHUNK = 64;
/** At most this many chunk matches are verified (each one is a small full search). */
const MAX_CHUNK_MATCHES = 32;

/** The most errors a quote of `length` characters may have to match at all. */
export function maxErrorsFor(length: number): number {
  return Math.min(Math.floor(length / 4), 256);
}

function searchIn(
  text: string,
  lo: number,
  hi: number,
  pattern: string,
  maxErrors: number,
): Found[] {
  const slice = text.slice(Math.max(0, lo), Math.min(text.length, hi));
  const base = Math.max(0, lo);
  return search(slice, pattern, maxErrors).map((m) => ({
    start: m.start + base,
    end: m.end + base,
    errors: m.errors,
  }));
}

/**
 * The lowest-error matches of `pattern` within `text[lo, hi)` with at most `maxErrors` errors.
 * A long pattern's first and last CHUNK characters are searched separately; each chunk match
 * implies where the whole quote would be, and the whole quote is then searched around there.
 */
export function fuzzySearch(
  text: string,
  lo: number,
  hi: number,
  pattern: string,
  maxErrors: number,
): Found[] {
  if (maxErrors <= 0) return [];
  if (pattern.length <= CHUNKED_LENGTH) return searchIn(text, lo, hi, pattern, maxErrors);
  const chunkErrors = maxErrorsFor(CHUNK);
  const head = searchIn(text, lo, hi, pattern.slice(0, CHUNK), chunkErrors);
  const tail = searchIn(text, lo, hi, pattern.slice(-CHUNK), chunkErrors);
  const spans = [
    ...head.slice(0, MAX_CHUNK_MATCHES).map((m) => m.start),
    ...tail.slice(0, MAX_CHUNK_MATCHES).map((m) => m.end - pattern.length),
  ];
  const slack = maxErrors + CHUNK;
  const seen = new Set<string>();
  const found: Found[] = [];
  for (const start of spans) {
    for (const m of searchIn(
      text,
      start - slack,
      start + pattern.length + slack,
      pattern,
      maxErrors,
    )) {
      const key = `${m.start}:${m.end}`;
      if (!seen.has(key)) {
        seen.add(key);
        found.push(m);
      }
    }
  }
  return found;
}
