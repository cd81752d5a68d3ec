/**
 * The text next to a quote, measured in characters with every run of whitespace counting as one:
 * news pages are indented with hundreds (sometimes thousands) of spaces between elements, and a
 * fixed number of raw characters would often hold nothing but those. PURE: no DOM.
 */

/** How far to look through whitespace, in raw characters. */
const MAX_SPAN = 8192;
const SPACE = /\s/;

/** Where `length` characters of context next to `from` end, going back (-1) or forward (1). */
function contextEdge(text: string, from: number, step: -1 | 1, length: number): number {
  const limit = step < 0 ? Math.max(0, from - MAX_SPAN) : Math.min(text.length, from + MAX_SPAN);
  let i = from;
  let count = 0;
  let inSpace = false;
  while (i !== limit) {
    const space = SPACE.test(text[step < 0 ? i - 1 : i]!);
    if (!(space && inSpace)) {
      if (count === length) break;
      count++;
    }
    inSpace = space;
    i += step;
  }
  return i;
}

/** The raw text holding `length` characters (whitespace runs counting one) before `offset`. */
export function rawBefore(text: string, offset: number, length: number): string {
  return text.slice(contextEdge(text, offset, -1, length), offset);
}

/** The raw text holding `length` characters (whitespace runs counting one) after `offset`. */
export function rawAfter(text: string, offset: number, length: number): string {
  return text.slice(offset, contextEdge(text, offset, 1, length));
}
