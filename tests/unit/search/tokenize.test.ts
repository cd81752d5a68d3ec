import { describe, expect, it } from 'vitest';
import { canonicalNumber, tokenize } from '../../../utils/search/tokenize';
import { fold } from '../../../utils/search/fold';
import {
  claimEntry,
  pageEntry,
  pageKey,
  siteKeys,
  tokenStream,
} from '../../../utils/search/stream';

/** [text as written, forms] per token. */
const tokens = (text: string) =>
  tokenize(text).map((t) => [text.slice(t.start, t.end), t.forms.join('|')]);

describe('fold', () => {
  it('ignores case, diacritics and typography', () => {
    expect(fold('São Paulo ÉTÉ')).toBe('sao paulo ete');
    expect(fold('Straße Œuvre Łódź')).toBe('strasse oeuvre lodz');
    expect(fold('“TikTok’s” — ﬁne')).toBe('"tiktok\'s" - fine');
  });
});

describe('tokenize', () => {
  it('keeps the offsets of the original text', () => {
    const text = '  São  Paulo!';
    expect(tokenize(text).map((t) => [t.start, t.end, t.key])).toEqual([
      [2, 5, 'sao'],
      [7, 12, 'paulo'],
    ]);
  });

  it('finds words by their possessive-less, elided and joined forms', () => {
    expect(tokens('TikTok’s e-commerce l’entreprise We’re')).toEqual([
      ['TikTok’s', 'tiktok|tiktoks'],
      ['e-commerce', 'ecommerce|e|commerce'],
      ['l’entreprise', 'entreprise|lentreprise'],
      ['We’re', 'were'],
    ]);
  });

  it('reads numbers as written: grouping dropped, decimal comma as a point', () => {
    expect(tokens('1,000 1.000.000 17.5 17,5 1.234,56 1,234.56 2,50')).toEqual([
      ['1,000', '1000'],
      ['1.000.000', '1000000'],
      ['17.5', '17.5'],
      ['17,5', '17.5'],
      ['1.234,56', '1234.56'],
      ['1,234.56', '1234.56'],
      ['2,50', '2.50'],
    ]);
    expect(canonicalNumber('1\u202f000')).toBe('1000');
    expect(tokens('１７ 1 000')).toEqual([
      ['１７', '17'],
      ['1', '1'],
      ['000', '000'],
    ]);
  });

  it('gives numbers their currency, written before or after, as a symbol or a word', () => {
    const currency = (text: string) => tokenize(text).find((t) => t.numeric)?.key;
    expect(currency('$17 billion')).toBe('$17');
    expect(currency('US$ 17')).toBe('$17');
    expect(currency('17 €')).toBe('€17');
    expect(currency('£3.5bn')).toBe('£3.5');
    expect(currency('USD 17')).toBe('$17');
    expect(currency('17 dollars')).toBe('$17');
    expect(currency('17 billion dollars')).toBe('$17');
    expect(currency('17 people')).toBe('17');
  });

  it('spells out units after numbers', () => {
    expect(tokens('17bn 17 bn 5% 5 pct 3m 2k')).toEqual([
      ['17', '17'],
      ['bn', 'billion|bn'],
      ['17', '17'],
      ['bn', 'billion|bn'],
      ['5', '5'],
      ['%', 'percent'],
      ['5', '5'],
      ['pct', 'percent|pct'],
      ['3', '3'],
      ['m', 'million|m'],
      ['2', '2'],
      ['k', 'thousand|k'],
    ]);
    // A word that only starts with digits stays a word, also found by its number.
    expect(tokens('1990s 4g covid19')).toEqual([
      ['1990s', '1990s|1990'],
      ['4g', '4g|4'],
      ['covid19', 'covid19'],
    ]);
  });
});

describe('token streams (what the index stores)', () => {
  it('writes each token as its forms, tokens between spaces', () => {
    expect(tokenStream('The $17 billion e-commerce goal')).toBe(
      ' the 17|$17 billion ecommerce|e|commerce goal ',
    );
    expect(tokenStream('')).toBe(' ');
  });

  it('keeps what search needs of a claim, tags as separate runs', () => {
    expect(
      claimEntry({
        id: 'a',
        created: '2025-04-01T00:00:00.000Z',
        type: 'forecast',
        url: 'https://x.test/a',
        quote: 'Sales will rise',
        note: 'Q4',
        tags: ['Supply Chain', 'gmv'],
      }),
    ).toEqual({
      id: 'a',
      created: Date.UTC(2025, 3, 1),
      type: 'o',
      page: pageKey('https://x.test/a'),
      quote: ' sales will rise ',
      note: ' q4 ',
      tags: ' supply chain \t gmv ',
      tagKeys: '\tsupply chain\tgmv\t',
      view: JSON.stringify([
        'https://x.test/a',
        'forecast',
        'Sales will rise',
        'Q4',
        ['Supply Chain', 'gmv'],
        '2025-04-01T00:00:00.000Z',
        null,
        null,
      ]),
    });
  });

  it('keys a page by title and site name words and site keys', () => {
    expect(
      pageEntry({ url: 'https://www.nytimes.com/a', title: 'Gun laws', siteName: 'The NYT' }),
    ).toEqual({
      url: 'https://www.nytimes.com/a',
      title: ' gun laws ',
      siteName: ' the nyt ',
      siteKeys: '\twww.nytimes.com\tnytimes.com\tthe nyt\t',
      view: '["Gun laws","The NYT"]',
    });
    expect(siteKeys('http://127.0.0.1:8080/x', '')).toEqual(['127.0.0.1']);
    expect(pageKey('https://x.test/a')).not.toBe(pageKey('https://x.test/b'));
    expect(Number.isSafeInteger(pageKey('https://x.test/a'))).toBe(true);
    expect(siteKeys('not a url', 'Folha')).toEqual(['folha']);
  });
});
