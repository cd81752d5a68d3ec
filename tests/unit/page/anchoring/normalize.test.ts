import { describe, expect, it } from 'vitest';
import { fromView, normalizeText, toView } from '../../../../utils/page/anchoring/normalize';
import {
  bitDistance,
  contextSimilarity,
  tableDistance,
} from '../../../../utils/page/anchoring/similarity';
import { createRng } from '../../../support/random';

describe('normalizeText', () => {
  const raw = 'TikTok’s  e-com\u00admerce\n\t  team “wins”';
  const view = normalizeText(raw);

  it('collapses whitespace, drops invisible characters and folds quotes', () => {
    expect(view.text).toBe('TikTok\'s e-commerce team "wins"');
  });

  it('maps view offsets back to the original text and original offsets to the view', () => {
    const s = view.text.indexOf('commerce team');
    const [start, end] = fromView(view, s, s + 'commerce team'.length);
    expect(raw.slice(start, end)).toBe('com\u00admerce\n\t  team');
    expect(toView(view, raw.indexOf('team'))).toBe(view.text.indexOf('team'));
    expect(toView(view, raw.length)).toBe(view.text.length);
  });
});

describe('contextSimilarity', () => {
  it('is 1 for an intact context and for an unknown one', () => {
    expect(contextSimilarity('goal of ', 'missed its ambitious goal of ', 'prefix')).toBe(1);
    expect(contextSimilarity(' in sales.', ' in sales. Now, the', 'suffix')).toBe(1);
    expect(contextSimilarity('', 'anything', 'prefix')).toBe(1);
  });

  it('counts edits near the quote; the far end of the page text is free', () => {
    // " its" is left over after "ambitious goal of " and aligns with " ver": 3 substitutions,
    // fewer than the 5 characters of "very ".
    const inserted = contextSimilarity(
      'its ambitious goal of ',
      'its very ambitious goal of ',
      'prefix',
    );
    expect(inserted).toBeCloseTo(1 - 3 / 22);
    // sales → revenue: 4 substitutions and 2 insertions.
    const edited = contextSimilarity(' in sales. Now', ' in revenue. Now', 'suffix');
    expect(edited).toBeCloseTo(1 - 6 / 14);
  });

  it('is low for unrelated text', () => {
    expect(
      contextSimilarity(
        'he team missed its ambitious goal',
        'eaching and dying on Stewart Isla',
        'prefix',
      ),
    ).toBeLessThan(0.4);
  });
});

describe('bitDistance', () => {
  it('computes the same distance as the table, for contexts of up to 32 characters', () => {
    // A small alphabet makes many near matches; a seeded RNG keeps the cases the same every run.
    const random = createRng(12345).below;
    const word = (length: number): string =>
      Array.from({ length }, () => 'ab c’é'[random(6)]).join('');
    let compared = 0;
    for (let k = 0; k < 3000; k++) {
      const expected = word(1 + random(32));
      const tail = word(random(60));
      const actual = random(2) ? tail : (expected + tail).slice(0, tail.length);
      for (const fromEnd of [true, false]) {
        expect(bitDistance(expected, actual, fromEnd)).toBe(
          tableDistance(expected, actual, fromEnd),
        );
        compared++;
      }
    }
    expect(compared).toBe(6000);
    expect(bitDistance('x'.repeat(32), 'y'.repeat(40), false)).toBe(32);
    expect(bitDistance('abc', '', true)).toBe(3);
  });
});
