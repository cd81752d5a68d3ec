/**
 * Quote folding: which typographic quote marks count as `'` and which as `"` — the one list for
 * search (utils/search/fold.ts, and the phrase quotes of utils/search/query.ts) and anchoring
 * (utils/page/anchoring/normalize.ts). Each mark folds to one character, so offsets survive. Pure.
 */

/** ‘ ’ ‚ ‛ ′ ‹ › ` ´ → `'`. */
export const SINGLE_QUOTE_MARKS = '\u2018\u2019\u201a\u201b\u2032\u2039\u203a`\u00b4';
/** “ ” „ ‟ ″ « » ＂ → `"`. */
export const DOUBLE_QUOTE_MARKS = '\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\uff02';

const FOLDED = new Map<number, number>([
  ...[...SINGLE_QUOTE_MARKS].map((c) => [c.charCodeAt(0), 0x27] as [number, number]),
  ...[...DOUBLE_QUOTE_MARKS].map((c) => [c.charCodeAt(0), 0x22] as [number, number]),
]);

/**
 * Below U+2040 (all but ＂) a table lookup: anchoring folds every character of a page. Made on
 * first use, with a plain loop: built at load with `Uint16Array.from` and a callback it cost the
 * painter ~1 ms of every page with claims, which mostly never folds a character.
 */
let low: Uint16Array | undefined;
function lowTable(): Uint16Array {
  const table = new Uint16Array(0x2040);
  for (let c = 0; c < table.length; c++) table[c] = c;
  for (const [from, to] of FOLDED) if (from < table.length) table[from] = to;
  return table;
}

/** The char code a quote mark folds to (`'` or `"`); any other code as it is. */
export function foldQuoteCode(code: number): number {
  return code < 0x2040 ? (low ??= lowTable())[code]! : (FOLDED.get(code) ?? code);
}

const SINGLE = new RegExp(`[${SINGLE_QUOTE_MARKS}]`, 'g');
const DOUBLE = new RegExp(`[${DOUBLE_QUOTE_MARKS}]`, 'g');

/** Every quote mark of `text` as `'` or `"`. */
export function foldQuotes(text: string): string {
  return text.replace(SINGLE, "'").replace(DOUBLE, '"');
}
