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

/** Below U+2040 (all but ＂) a table lookup: anchoring folds every character of a page. */
const LOW = Uint16Array.from({ length: 0x2040 }, (_, c) => FOLDED.get(c) ?? c);

/** The char code a quote mark folds to (`'` or `"`); any other code as it is. */
export function foldQuoteCode(code: number): number {
  return code < 0x2040 ? LOW[code]! : (FOLDED.get(code) ?? code);
}

const SINGLE = new RegExp(`[${SINGLE_QUOTE_MARKS}]`, 'g');
const DOUBLE = new RegExp(`[${DOUBLE_QUOTE_MARKS}]`, 'g');

/** Every quote mark of `text` as `'` or `"`. */
export function foldQuotes(text: string): string {
  return text.replace(SINGLE, "'").replace(DOUBLE, '"');
}
