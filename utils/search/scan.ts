/**
 * Finding terms in columns of token streams (stream.ts, shards.ts). Pure.
 *
 * A column is one field of one shard: the rows' streams joined by `\n`, `at[i]` where row i
 * starts. A form starts after a space or a `|`; a token ends at the next space.
 */
import type { QueryToken, TextTerm } from './query';

export interface Column {
  text: string;
  at: Uint32Array;
  /** Global number of the column's first row. */
  base: number;
}

const SPACE = 32;
const BAR = 124;

/**
 * Every occurrence of `key` in a column: at a form boundary (after a space or `|`), or anywhere
 * when the key brings its own boundary (`\t`-prefixed keys); `exact` wants a boundary after it.
 * Calls `found(row, text, position)` with the row (claim or page) it is in.
 */
export function scan(
  column: Column,
  key: string,
  anywhere: boolean,
  exact: boolean,
  found: (row: number, text: string, pos: number) => void,
): void {
  const { text, at, base } = column;
  let row = 0;
  for (let pos = text.indexOf(key); pos !== -1; pos = text.indexOf(key, pos + 1)) {
    if (!anywhere) {
      const before = text.charCodeAt(pos - 1);
      if (before !== SPACE && before !== BAR) continue;
    }
    if (exact) {
      const after = text.charCodeAt(pos + key.length);
      if (after !== SPACE && after !== BAR) continue;
    }
    while (at[row + 1]! <= pos) row++;
    found(base + row, text, pos);
  }
}

/** Raise `weights[row]` to `weight` for every row of a column where the term occurs. */
export function markRows(
  column: Column,
  term: TextTerm,
  weights: Uint8Array,
  weight: number,
): void {
  const { text, at, base } = column;
  const { key, prefix } = term.tokens[0]!;
  const rest = term.tokens.length > 1 ? term.tokens.slice(1) : undefined;
  let row = 0;
  for (let pos = text.indexOf(key); pos !== -1; pos = text.indexOf(key, pos + 1)) {
    const before = text.charCodeAt(pos - 1);
    if (before !== SPACE && before !== BAR) continue;
    if (!prefix) {
      const after = text.charCodeAt(pos + key.length);
      if (after !== SPACE && after !== BAR) continue;
    }
    if (rest && !follows(text, pos, rest)) continue;
    while (at[row + 1]! <= pos) row++;
    if (weights[base + row]! < weight) weights[base + row] = weight;
  }
}

/** Whether the tokens after the one at `pos` match `rest` (the rest of a phrase). */
function follows(text: string, pos: number, rest: readonly QueryToken[]): boolean {
  let end = text.indexOf(' ', pos);
  for (const token of rest) {
    const start = end + 1;
    end = text.indexOf(' ', start);
    if (end < 0) return false;
    const forms = text.slice(start, end);
    if (!forms || forms.includes('\n') || forms === '\t') return false;
    if (!forms.split('|').some((f) => (token.prefix ? f.startsWith(token.key) : f === token.key)))
      return false;
  }
  return true;
}

/** Whether a term occurs in one row (claim or page) of a column. */
export function inRow(column: Column, row: number, term: TextTerm): boolean {
  const i = row - column.base;
  // A slice shares the column's characters: searching it stops at the row's end.
  const text = column.text.slice(column.at[i]!, column.at[i + 1]! - 1);
  const { key, prefix } = term.tokens[0]!;
  for (let pos = text.indexOf(key); pos !== -1; pos = text.indexOf(key, pos + 1)) {
    const before = text.charCodeAt(pos - 1);
    if (before !== SPACE && before !== BAR) continue;
    if (!prefix) {
      const after = text.charCodeAt(pos + key.length);
      if (after !== SPACE && after !== BAR) continue;
    }
    if (term.tokens.length === 1 || follows(text, pos, term.tokens.slice(1))) return true;
  }
  return false;
}
