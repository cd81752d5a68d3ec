/**
 * Context similarity for quote matching. PURE: no DOM.
 */
import search from 'approx-string-match';

/**
 * How well `expected` (a stored prefix or suffix) agrees with `actual` (the page text on the same
 * side of a candidate match), in [0, 1]: 1 - editDistance / expected.length, where the distance is
 * anchored at the candidate (the end of both strings for a prefix, their start for a suffix) and
 * free at the far end of `actual`, so a word inserted next to the quote costs its length only.
 * Empty `expected` agrees with anything.
 */
export function contextSimilarity(
  expected: string,
  actual: string,
  side: 'prefix' | 'suffix',
): number {
  const n = expected.length;
  if (n === 0) return 1;
  const fromEnd = side === 'prefix';
  if (fromEnd ? actual.endsWith(expected) : actual.startsWith(expected)) return 1;
  const best =
    n <= 32 ? bitDistance(expected, actual, fromEnd) : tableDistance(expected, actual, fromEnd);
  return 1 - best / n;
}

/**
 * The smallest edit distance between `expected` and a leading part of `actual`, both read from
 * the anchored side (from their ends when `fromEnd`): the first row-by-row dynamic programme.
 */
export function tableDistance(expected: string, actual: string, fromEnd: boolean): number {
  const n = expected.length;
  const m = actual.length;
  const e = (i: number): number => expected.charCodeAt(fromEnd ? n - 1 - i : i);
  const a = (j: number): number => actual.charCodeAt(fromEnd ? m - 1 - j : j);
  // row[j]: distance between the first i characters of expected and the first j of actual,
  // both counted from the anchored side.
  let prev = new Uint16Array(m + 1);
  let row = new Uint16Array(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    row[0] = i;
    const c = e(i - 1);
    for (let j = 1; j <= m; j++) {
      const sub = prev[j - 1]! + (a(j - 1) === c ? 0 : 1);
      row[j] = Math.min(sub, prev[j]! + 1, row[j - 1]! + 1);
    }
    [prev, row] = [row, prev];
  }
  let best = n;
  for (let j = 0; j <= m; j++) best = Math.min(best, prev[j]!);
  return best;
}

/**
 * The same distance as {@link tableDistance} for `expected` of at most 32 characters, a column of
 * the table at a time in the bits of one integer (Myers 1999, in Hyyrö's formulation, with the
 * first row counting: the match is anchored at the start of `actual` too). About 30 times
 * faster: every candidate of every claim has its context measured.
 */
export function bitDistance(expected: string, actual: string, fromEnd: boolean): number {
  const n = expected.length;
  const m = actual.length;
  // peq: for each character, the bits of the positions of expected that hold it.
  const peq = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const c = expected.charCodeAt(fromEnd ? n - 1 - i : i);
    peq.set(c, (peq.get(c) ?? 0) | (1 << i));
  }
  const last = 1 << (n - 1);
  let pv = -1; // vertical deltas of the current column: +1 everywhere in column 0
  let mv = 0;
  let score = n;
  let best = n;
  for (let j = 0; j < m; j++) {
    const eq = peq.get(actual.charCodeAt(fromEnd ? m - 1 - j : j)) ?? 0;
    const xv = eq | mv;
    const xh = ((((eq & pv) + pv) | 0) ^ pv) | eq;
    let ph = mv | ~(xh | pv);
    let mh = pv & xh;
    if (ph & last) score++;
    else if (mh & last) score--;
    if (score < best) best = score;
    ph = (ph << 1) | 1; // the first row grows by one a column: the start is anchored
    mh <<= 1;
    pv = mh | ~(xv | ph);
    mv = ph & xv;
  }
  return best;
}

/**
 * How well `expected` (a stored prefix or suffix) agrees with the best-matching part of `actual`,
 * wherever it lies, in [0, 1]: 1 - editDistance / expected.length (0 below one half). For context
 * that is still there, a little further from the quote (text was inserted in between).
 */
export function bestSimilarity(expected: string, actual: string): number {
  const n = expected.length;
  if (n === 0) return 1;
  if (actual.includes(expected)) return 1;
  const found = search(actual, expected, Math.floor(n / 2));
  return found.length === 0 ? 0 : 1 - Math.min(...found.map((m) => m.errors)) / n;
}
