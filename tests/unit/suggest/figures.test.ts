import { describe, expect, it } from 'vitest';
import { findFigures } from '../../../utils/suggest/figures';
import type { Lang } from '../../../utils/suggest/lang';

function figures(text: string, lang: Lang = 'en'): string[] {
  return findFigures(text, lang)
    .sort((a, b) => a.start - b.start)
    .map((f) => `${f.type}:${text.slice(f.start, f.end)}`);
}

describe('money', () => {
  it.each([
    ['the team missed its goal of $17 billion in sales', '$17 billion'],
    ['a $100M round', '$100M'],
    ['revenue of €3.5bn last year', '€3.5bn'],
    ['tickets cost £20 each', '£20'],
    ['priced at ¥500', '¥500'],
    ['donated US$1,000 in 2008', 'US$1,000'],
    ['more than $3 billion', 'more than $3 billion'],
    ['a flat fee of $9.99.', '$9.99'],
    ['$7/month', '$7/month'],
  ])('%s → %s', (text, money) => {
    expect(figures(text)).toContain(`money:${money}`);
  });

  it('reads French and Spanish amounts', () => {
    expect(figures("un plan de 3,5 milliards d'euros", 'fr')).toContain(
      "money:3,5 milliards d'euros",
    );
    expect(figures('un budget de 12 M€ en 2024', 'fr')).toContain('money:12 M€');
    expect(figures('daños por 10 millones de dólares', 'es')).toContain(
      'money:10 millones de dólares',
    );
  });

  it('leaves "billion-dollar" alone', () => {
    expect(figures('closing a billion-dollar acquisition deal')).toEqual([]);
  });
});

describe('percent', () => {
  it.each([
    ['up 33% from last year', 'en', '33%'],
    ['approximately 10-11% of usage', 'en', 'approximately 10-11%'],
    ['rates rose 5 percentage points', 'en', '5 percentage points'],
    ['el 1,3% de la superficie', 'es', '1,3%'],
    ['une hausse de 12\u00a0%', 'fr', '12\u00a0%'],
    ['a 4.5 per cent rise', 'en', '4.5 per cent'],
  ] as const)('%s → %s', (text, lang, percent) => {
    expect(figures(text, lang)).toContain(`percent:${percent}`);
  });
});

describe('quantity', () => {
  it.each([
    ['required to be in the office five days a week', 'en', 'five days a week'],
    ['the company has 2,000 employees', 'en', '2,000 employees'],
    ['killing more than 200 people', 'en', 'more than 200 people'],
    ['tens of thousands of civilians', 'en', 'tens of thousands of civilians'],
    ['a resolution of 1800 x 1920 per eye', 'en', '1800 x 1920 per eye'],
    ['a six-month review period', 'en', 'six-month'],
    ['a roughly 4K display', 'en', 'roughly 4K'],
    ['140 pilot whales beaching', 'en', '140 pilot whales'],
    ['ocupan 80.000 kilómetros cuadrados', 'es', '80.000 kilómetros cuadrados'],
    ['conservées pendant vingt ans', 'fr', 'vingt ans'],
    ['adopté (438 contre 86 et 42 abstentions)', 'fr', '438 contre 86'],
  ] as const)('%s → %s', (text, lang, quantity) => {
    expect(figures(text, lang)).toContain(`quantity:${quantity}`);
  });

  it('ignores versions, exponents, years and names', () => {
    expect(figures('Firefox 3.6 and Android 2.2 and above')).toEqual([]);
    expect(figures('HTML5 applications up to 2^28')).toEqual([]);
    expect(figures('failure to meet 2024 sales targets')).toEqual([]);
    expect(figures('on Ninety Mile Beach')).toEqual([]);
  });
});
