/**
 * Keep approximate matches on whole words. PURE: no DOM.
 */

const WORD = /[\p{L}\p{N}]/u;
const SPACE = /\s/;
/** How far a boundary may move to reach the edge of the word it cuts. */
const MAX_SHIFT = 3;

const isWord = (ch: string | undefined): boolean => ch !== undefined && WORD.test(ch);

/**
 * Trim whitespace off a match `[start, end)` of `text`, and where the quote began (ended) at a
 * word edge but the match cuts a word, move the boundary out to the word's edge when that is at
 * most MAX_SHIFT characters away. `pattern`, `prefix` and `suffix` are the normalized quote and
 * its stored context.
 */
export function snapToWords(
  text: string,
  start: number,
  end: number,
  pattern: string,
  prefix: string,
  suffix: string,
): { start: number; end: number } {
  while (start < end && SPACE.test(text[start]!)) start++;
  while (end > start && SPACE.test(text[end - 1]!)) end--;
  const startsWord = isWord(pattern[0]) && !isWord(prefix[prefix.length - 1]);
  if (startsWord && isWord(text[start]) && isWord(text[start - 1])) {
    let s = start;
    while (s > start - MAX_SHIFT && isWord(text[s - 1])) s--;
    if (!isWord(text[s - 1])) start = s;
  }
  const endsWord = isWord(pattern[pattern.length - 1]) && !isWord(suffix[0]);
  if (endsWord && isWord(text[end - 1]) && isWord(text[end])) {
    let e = end;
    while (e < end + MAX_SHIFT && isWord(text[e])) e++;
    if (!isWord(text[e])) end = e;
  }
  return { start, end };
}
