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
 * `found` (matches in `text[lo, hi)`), with any match that an edge of the region may have cut
 * short replaced by the match searched again around it, in the whole text: a quote that starts
 * or ends just outside the region is found cut at its edge, with the cut-off characters counted
 * as errors, and may still be the best match there.
 */
function uncut(
  text: string,
  lo: number,
  hi: number,
  found: Found[],
  pattern: string,
  maxErrors: number,
): Found[] {
  const out: Found[] = [];
  for (const m of found) {
    const cut =
      (lo > 0 && m.start <= lo + maxErrors) || (hi < text.length && m.end >= hi - maxErrors);
    if (!cut) {
      out.push(m);
      continue;
    }
    const reach = maxErrors + 8;
    const again = searchIn(text, m.start - reach, m.end + reach, pattern, maxErrors).filter(
      (n) => n.start < m.end && n.end > m.start,
    );
    out.push(...(again.length ? again : [m]));
  }
  return out;
}

/**
 * The lowest-error matches of `pattern` within `text[lo, hi)` with at most `maxErrors` errors
 * (a match the region's edge cuts is completed from the text beyond it: see uncut). A long
 * pattern's first and last CHUNK characters are searched separately; each chunk match implies
 * where the whole quote would be, and the whole quote is then searched around there.
 */
export function fuzzySearch(
  text: string,
  lo: number,
  hi: number,
  pattern: string,
  maxErrors: number,
): Found[] {
  if (maxErrors <= 0) return [];
  if (pattern.length <= CHUNKED_LENGTH) {
    return uncut(text, lo, hi, searchIn(text, lo, hi, pattern, maxErrors), pattern, maxErrors);
  }
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
