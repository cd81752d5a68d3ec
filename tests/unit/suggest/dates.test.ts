import { describe, expect, it } from 'vitest';
import { findDates } from '../../../utils/suggest/dates';
import type { Lang } from '../../../utils/suggest/lang';

function dates(text: string, lang: Lang = 'en'): string[] {
  return findDates(text, lang)
    .sort((a, b) => a.start - b.start)
    .map((d) => text.slice(d.start, d.end));
}

describe('findDates', () => {
  it.each([
    ['the looming deadline of April 5, 2025, for ByteDance', ['April 5, 2025']],
    ['a global all-hands meeting in February 2025.', ['February 2025']],
    ['failing to meet 2024 sales targets', ['2024']],
    ['$100 million in sales on Black Friday', ['Black Friday']],
    ['since the 1990s and in the mid-1990s', ['1990s', 'mid-1990s']],
    ['revenue in Q3 2024 and the third quarter of 2023', ['Q3 2024', 'the third quarter of 2023']],
    ['fiscal 2025 guidance and FY24 results', ['fiscal 2025', 'FY24']],
    ['before the device ships next year', ['next year']],
    ['killed in South Carolina in June', ['June']],
    ['On 1 May 2016 and on March 24, 2014', ['1 May 2016', 'March 24, 2014']],
    ['Retrieved 2014-07-01', ['2014-07-01']],
    ['killed since 9/11 by terrorism', ['9/11']],
  ])('%s', (text, expected) => {
    expect(dates(text)).toEqual(expected);
  });

  it('reads French and Spanish dates', () => {
    expect(dates('lors d’un vote solennel, mardi 5 mai.', 'fr')).toEqual(['mardi 5 mai']);
    expect(dates('au premier trimestre 2024, puis en mars', 'fr')).toEqual([
      'premier trimestre 2024',
      'mars',
    ]);
    expect(dates('desembarcó en Italia en noviembre de 1998', 'es')).toEqual(['noviembre de 1998']);
    expect(dates('cerca de 40.000 vidas en los años 90', 'es')).toEqual(['los años 90']);
    expect(dates('a finales del siglo XX.', 'es')).toEqual(['siglo XX']);
  });

  it('leaves out what only looks like a year or a month', () => {
    expect(dates('a resolution of 1800 x 1920 per eye')).toEqual([]);
    expect(dates('May I ask? It may rain. March on.')).toEqual([]);
    expect(dates('2,000 people and $2015 and version 2010.5')).toEqual([]);
  });
});
