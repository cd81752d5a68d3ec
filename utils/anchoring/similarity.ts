/**
 * Context similarity for quote matching. PURE: no DOM.
 */

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
  const m = actual.length;
  const fromEnd = side === 'prefix';
  if (fromEnd ? actual.endsWith(expected) : actual.startsWith(expected)) return 1;
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
  return 1 - best / n;
}
