import { describe, expect, it } from 'vitest';
import { suggestType } from '../../utils/suggest-type';

describe('suggestType', () => {
  it.each([
    ['$17 billion', 'figure'],
    ['€3.5bn', 'figure'],
    ['up 12%', 'figure'],
    ['2,000 million', 'figure'],
    ['“put everyone on blast”', 'quote'],
    ['"No matter how hard we work, it feels like we’re always falling short."', 'quote'],
    ['April 5, 2025', 'date'],
    ['February 2025', 'date'],
    ['Black Friday', 'date'],
    ['Q3 2025', 'date'],
    ['ByteDance has reportedly ramped up pressure on its U.S. team', null],
    ['', null],
  ])('%s → %s', (text, type) => {
    expect(suggestType(text)).toBe(type);
  });
});
