import { describe, expect, it } from 'vitest';
import {
  isEmptyQuery,
  parseQuery,
  queryChunks,
  toggleFilter,
  type ParsedQuery,
} from '../../../utils/search/query';

/** The text terms as `word`, `word*` (prefix) and `a b*` (phrases). */
function terms(parsed: ParsedQuery) {
  const show = (t: ParsedQuery['include'][number]) =>
    t.tokens.map((k) => `${k.key}${k.prefix ? '*' : ''}`).join(' ');
  return { include: parsed.include.map(show), exclude: parsed.exclude.map(show) };
}

describe('parseQuery', () => {
  it('reads words as prefixes and numbers as exact, case- and accent-insensitive', () => {
    expect(terms(parseQuery('TikT  Inflação $17 17'))).toEqual({
      include: ['tikt*', 'inflacao*', '$17', '17'],
      exclude: [],
    });
  });

  it('reads phrases, closed (exact) or still being typed (last word a prefix)', () => {
    expect(terms(parseQuery('"Falling Short" “we’re always'))).toEqual({
      include: ['falling short', 'were always*'],
      exclude: [],
    });
    expect(parseQuery('"tiktok"').include[0]).toEqual({
      tokens: [{ key: 'tiktok', prefix: false }],
    });
  });

  it('makes words of several tokens phrases: 17bn, U.S., 10:30', () => {
    expect(terms(parseQuery('17bn $17bn 5% 10:30'))).toEqual({
      include: ['17 billion*', '$17 billion*', '5 percent*', '10 30'],
      exclude: [],
    });
  });

  it('excludes with a leading minus', () => {
    expect(terms(parseQuery('apple -samsung -"galaxy s" - --x'))).toEqual({
      include: ['apple*'],
      exclude: ['samsung*', 'galaxy s'],
    });
  });

  it('reads filters, negated filters and #tags', () => {
    const parsed = parseQuery(
      'type:fig TYPE:Quote tag:"Supply Chain" #gmv -tag:memo site:https://www.ft.com/x -site:wsj ' +
        'before:2025-04-01 after:2025/1 -type:claim',
    );
    expect(parsed).toMatchObject({
      include: [],
      exclude: [],
      types: ['figure', 'quote'],
      excludeTypes: ['claim'],
      tags: ['supply chain', 'gmv'],
      excludeTags: ['memo'],
      sites: ['www.ft.com'],
      excludeSites: ['wsj'],
      before: '2025-04-01',
      after: '2025-01',
    });
    expect(parseQuery('type:f').types).toEqual(['figure', 'forecast']);
    expect(parseQuery('type:quotes').types).toEqual(['quote']);
    expect(parseQuery('before:2025 before:2024-06').before).toBe('2024-06');
  });

  it('treats what it does not understand as words, never failing', () => {
    expect(terms(parseQuery('type:banana foo:bar before:soon'))).toEqual({
      include: ['type banana*', 'foo bar*', 'before soon*'],
      exclude: [],
    });
    for (const odd of ['"', '""', '-', '#', 'tag:', '""""', '\\', '((', ':::', '-"', 'a'])
      expect(() => parseQuery(odd)).not.toThrow();
    expect(isEmptyQuery(parseQuery('tag: type: - t "'))).toBe(true);
    expect(isEmptyQuery(parseQuery(''))).toBe(true);
  });

  it('drops lone letters (still being typed) but keeps digits and quoted letters', () => {
    expect(terms(parseQuery('tiktok s 5 "a"'))).toEqual({
      include: ['tiktok*', '5', 'a'],
      exclude: [],
    });
  });
});

describe('queryChunks and toggleFilter', () => {
  it('cuts a query into terms, quotes kept together', () => {
    expect(queryChunks(' a "b c" -tag:"d e"  f').map((c) => c.text)).toEqual([
      'a',
      '"b c"',
      '-tag:"d e"',
      'f',
    ]);
  });

  it('adds a filter, or removes it however it was written', () => {
    expect(toggleFilter('', 'type', 'figure')).toBe('type:figure');
    expect(toggleFilter('tiktok ', 'tag', 'supply chain')).toBe('tiktok tag:"supply chain"');
    expect(toggleFilter('tiktok type:fig billion', 'type', 'figure')).toBe('tiktok billion');
    expect(toggleFilter('#gmv tiktok', 'tag', 'gmv')).toBe('tiktok');
    expect(toggleFilter('site:ft.com x', 'site', 'ft.com')).toBe('x');
    // A negated filter is not the chip's: the chip adds the positive one.
    expect(toggleFilter('-type:figure', 'type', 'figure')).toBe('-type:figure type:figure');
  });
});
