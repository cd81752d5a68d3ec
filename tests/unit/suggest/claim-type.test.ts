import { describe, expect, it } from 'vitest';
import { claimTypeFor, warmClaimTypes } from '../../../utils/suggest/claim-type';

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

describe('warmClaimTypes', () => {
  it('compiles the detectors one step per scheduled task, and changes no answer', () => {
    const queue: (() => void)[] = [];
    warmClaimTypes((step) => queue.push(step));
    let steps = 0;
    while (queue.length > 0) {
      queue.shift()!();
      steps++;
    }
    // Figures and dates for each of the three languages, then the quotation marks.
    expect(steps).toBe(7);
    expect(claimTypeFor('$17 billion')).toBe('figure');
    expect(claimTypeFor('5 avril 2025')).toBe('date');
  });
});
