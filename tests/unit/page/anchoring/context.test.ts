import { describe, expect, it } from 'vitest';
import { isSpaceCode, rawAfter, rawBefore } from '../../../../utils/page/anchoring/context';

describe('the context next to a quote (context.ts)', () => {
  it('tells whitespace as JavaScript’s \\s does, for every UTF-16 code unit', () => {
    const differ: string[] = [];
    for (let c = 0; c <= 0xffff; c++)
      if (isSpaceCode(c) !== /\s/.test(String.fromCharCode(c))) differ.push(c.toString(16));
    expect(differ).toEqual([]);
  });

  it('counts a run of whitespace as one character, on either side', () => {
    const text = 'one  \n\t two\u00a0\u2003three   four';
    expect(rawBefore(text, text.indexOf('three'), 5)).toBe('  \n\t two\u00a0\u2003');
    expect(rawBefore(text, text.indexOf('two'), 4)).toBe('one  \n\t ');
    expect(rawAfter(text, 'one'.length, 4)).toBe('  \n\t two');
    expect(rawAfter(text, text.indexOf('four') - 3, 2)).toBe('   f');
  });
});
