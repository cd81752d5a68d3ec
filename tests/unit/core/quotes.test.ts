import { describe, expect, it } from 'vitest';
import { DOUBLE_QUOTE_MARKS, foldQuotes, SINGLE_QUOTE_MARKS } from '../../../utils/core/quotes';
import { fold } from '../../../utils/search/fold';
import { normalizeText } from '../../../utils/page/anchoring/normalize';
import { parseQuery } from '../../../utils/search/query';

describe('quote folding, one list for search and anchoring', () => {
  const marks = [
    ...[...SINGLE_QUOTE_MARKS].map((m) => [m, "'"] as const),
    ...[...DOUBLE_QUOTE_MARKS].map((m) => [m, '"'] as const),
  ];

  it('covers guillemets, low quotes and primes', () => {
    for (const m of '«»‹›„‚“”‘’′″') expect(SINGLE_QUOTE_MARKS + DOUBLE_QUOTE_MARKS).toContain(m);
  });

  it.each(marks)('%s folds to %s in search and in anchoring', (mark, ascii) => {
    const text = `x${mark}y`;
    expect(foldQuotes(text)).toBe(`x${ascii}y`);
    expect(fold(text)).toBe(`x${ascii}y`);
    const view = normalizeText(text);
    expect(view.text).toBe(`x${ascii}y`);
    expect([...view.map]).toEqual([0, 1, 2, 3]); // one character for one: offsets survive
  });

  it('a phrase in guillemets is a phrase in the query language', () => {
    const phrase = parseQuery('"falling short"');
    expect(parseQuery('«falling short»')).toEqual(phrase);
    expect(parseQuery('„falling short“')).toEqual(phrase);
    expect(parseQuery('falling short')).not.toEqual(phrase);
  });
});
