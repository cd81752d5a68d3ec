import { describe, expect, it } from 'vitest';
import { claimTypeFor } from '../../../utils/suggest/claim-type';

describe('claimTypeFor', () => {
  it.each([
    ['$17 billion', 'figure'],
    ['the team missed its ambitious goal of $17 billion in sales', 'figure'],
    ['33%', 'figure'],
    ["3,5 milliards d'euros", 'figure'],
    ['“No matter how hard we work, it feels like we’re always falling short.”', 'quote'],
    ['« la prévention du terrorisme »', 'quote'],
    ['April 5, 2025', 'date'],
    ['the looming deadline of April 5, 2025', 'date'],
    ['Black Friday', 'date'],
    ['ByteDance has ramped up pressure', null],
    ['', null],
  ] as const)('%s → %s', (text, type) => {
    expect(claimTypeFor(text)).toBe(type);
  });
});
