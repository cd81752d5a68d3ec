/**
 * A normalized view of text for matching that ignores formatting-only differences between two
 * versions of a page. PURE: no DOM.
 *
 * - every run of whitespace (including no-break spaces and newlines) becomes one space;
 * - invisible characters (soft hyphen, zero-width space/joiners, BOM) are dropped;
 * - typographic quotes and apostrophes become their ASCII forms (’ → ', “ → ", « → "; the list
 *   is utils/core/quotes.ts).
 *
 * `map[i]` is the offset in the original text of the view's `i`-th character; `map[length]` is
 * the original length, so a view span `[s, e)` maps back to `[map[s], map[e - 1] + 1)`.
 */
import { foldQuoteCode } from '../../core/quotes';

export interface NormalizedText {
  text: string;
  map: Int32Array;
}

function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

function isInvisible(c: number): boolean {
  return c === 0xad || (c >= 0x200b && c <= 0x200d) || c === 0x2060 || c === 0xfeff;
}

export function normalizeText(text: string): NormalizedText {
  const out = new Uint16Array(text.length);
  const map = new Int32Array(text.length + 1);
  let n = 0;
  let inSpace = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      if (!inSpace) {
        out[n] = 0x20;
        map[n++] = i;
        inSpace = true;
      }
    } else if (!isInvisible(c)) {
      out[n] = foldQuoteCode(c);
      map[n++] = i;
      inSpace = false;
    }
  }
  map[n] = text.length;
  let result = '';
  for (let i = 0; i < n; i += 8192) {
    result += String.fromCharCode(...out.subarray(i, Math.min(n, i + 8192)));
  }
  return { text: result, map: map.subarray(0, n + 1) };
}

/** The normalized form of a short string (a quote, a prefix): no map needed. */
export function normalize(text: string): string {
  return normalizeText(text).text;
}

/** The view offset of an original offset: the first view character at or after it. */
export function toView(view: NormalizedText, offset: number): number {
  let lo = 0;
  let hi = view.map.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (view.map[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The original span of the view span `[start, end)`. */
export function fromView(view: NormalizedText, start: number, end: number): [number, number] {
  if (end <= start) return [view.map[start]!, view.map[start]!];
  return [view.map[start]!, view.map[end - 1]! + 1];
}
