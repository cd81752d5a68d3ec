import { describe, expect, it } from 'vitest';
import type { Annotation, Page } from '../../../utils/core/model';
import { highlightRanges, parseQuery, searchAnnotations } from '../../../utils/search';

let next = 0;
function claim(fields: Partial<Annotation>): Annotation {
  next++;
  return {
    id: `id-${String(next).padStart(2, '0')}`,
    url: 'https://example.com/a',
    quote: '',
    selectors: [],
    type: 'claim',
    tags: [],
    note: '',
    created: `2025-03-${String(next).padStart(2, '0')}T00:00:00.000Z`,
    updated: '2025-03-01T00:00:00.000Z',
    ...fields,
  };
}

const page = (url: string, title: string, siteName: string): Page => ({
  url,
  aliases: [],
  title,
  siteName,
  byline: '',
  publishedTime: '',
  lang: '',
  excerpt: '',
  firstSeen: '',
  lastSeen: '',
});

const pages = new Map([
  ['https://example.com/a', page('https://example.com/a', 'TikTok cracks down', 'Influencer Hub')],
  ['https://example.com/b', page('https://example.com/b', 'Lula em São Paulo', 'Folha')],
]);

const ids = (query: string, annotations: Annotation[]) =>
  searchAnnotations(query, annotations, pages).map((h) => h.annotation.id);

describe('searchAnnotations', () => {
  const figure = claim({
    quote: 'missed its goal of $17 billion',
    type: 'figure',
    tags: ['tiktok'],
  });
  const quote = claim({
    quote: 'No matter how hard we work, it feels like we’re always falling short',
    type: 'quote',
    note: 'Unnamed employee on TikTok targets',
    tags: ['employee morale'],
  });
  const lula = claim({ url: 'https://example.com/b', quote: 'Inflação caiu', note: 'IPCA' });
  const orphan = claim({ url: 'https://gone.example/', quote: 'Revenue rose 20%' });
  const all = [figure, quote, lula, orphan];

  it('returns everything newest first for an empty query', () => {
    expect(ids('', all)).toEqual([orphan.id, lula.id, quote.id, figure.id]);
    expect(ids('   ', all)).toEqual(ids('', all));
    expect(searchAnnotations('', all, pages).every((h) => h.score === 0)).toBe(true);
  });

  it('ignores case and diacritics on both sides, and typographic quotes', () => {
    expect(ids('INFLACAO', all)).toEqual([lula.id]);
    expect(ids('são paulo', all)).toEqual([lula.id]);
    expect(ids('sao', all)).toEqual([lula.id]);
    expect(ids("we're", all)).toEqual([quote.id]);
  });

  it('requires every word to match somewhere (AND), by substring', () => {
    expect(ids('tiktok billion', all)).toEqual([figure.id]);
    expect(ids('tiktok unnamed', all)).toEqual([quote.id]);
    expect(ids('tiktok nowhere', all)).toEqual([]);
    expect(ids('bill', all)).toEqual([figure.id]);
  });

  it('searches the quote, note, page title, site name and tags; attaches the page', () => {
    expect(ids('folha', all)).toEqual([lula.id]);
    expect(ids('cracks', all)).toEqual([quote.id, figure.id]);
    expect(ids('morale', all)).toEqual([quote.id]);
    expect(ids('ipca', all)).toEqual([lula.id]);
    const [hit] = searchAnnotations('revenue', all, pages);
    expect(hit).toEqual({ annotation: orphan, page: undefined, score: 3 });
    expect(searchAnnotations('folha', all, pages)[0]?.page?.title).toBe('Lula em São Paulo');
  });

  it('ranks quote matches before note before title/site/tags, then newest first', () => {
    const inTitle = claim({ quote: 'x', note: 'y' }); // page title has "tiktok"
    const inNote = claim({ quote: 'x', note: 'TikTok said' });
    const inQuote = claim({ quote: 'TikTok said', created: '2020-01-01T00:00:00Z' });
    const hits = searchAnnotations('tiktok', [inTitle, inNote, inQuote], pages);
    expect(hits.map((h) => [h.annotation.id, h.score])).toEqual([
      [inQuote.id, 3],
      [inNote.id, 2],
      [inTitle.id, 1],
    ]);
  });

  it('matches quoted phrases', () => {
    expect(ids('"falling short"', all)).toEqual([quote.id]);
    expect(ids('“short falling”', all)).toEqual([]);
  });

  it('filters by tag:, #tag and type: (prefixes), combined with words', () => {
    expect(ids('tag:tiktok', all)).toEqual([figure.id]);
    expect(ids('#employee', all)).toEqual([quote.id]);
    expect(ids('tag:"employee morale" short', all)).toEqual([quote.id]);
    expect(ids('type:fig', all)).toEqual([figure.id]);
    expect(ids('type:quote tiktok', all)).toEqual([quote.id]);
    expect(ids('type:claim', all)).toEqual([orphan.id, lula.id]);
    expect(ids('type:figure tag:morale', all)).toEqual([]);
    expect(ids('TYPE:Figure', all)).toEqual([figure.id]);
  });

  it('does not mutate its input', () => {
    const copy = [...all];
    searchAnnotations('tiktok', all, pages);
    expect(all).toEqual(copy);
  });
});

describe('the query language over claims', () => {
  const at = (day: number) => `2025-04-${String(day).padStart(2, '0')}T12:00:00.000Z`;
  const billion = claim({ quote: 'missed its goal of $17 billion in sales', created: at(1) });
  const bn = claim({ quote: 'a target of 17bn', created: at(2) });
  const dollars = claim({ quote: 'worth 17 billion dollars', created: at(3) });
  const percent = claim({ quote: 'sales rose 17% in 2024', created: at(4) });
  const other = claim({
    url: 'https://example.com/b',
    quote: 'Inflação caiu 0,5% em março',
    note: 'Folha, IPCA',
    tags: ['brazil'],
    created: at(5),
  });
  const all = [billion, bn, dollars, percent, other];
  const found = (query: string) => ids(query, all);

  it('finds numbers and currency as written', () => {
    expect(found('$17')).toEqual([dollars.id, billion.id]);
    expect(found('17bn')).toEqual([dollars.id, bn.id, billion.id]);
    expect(found('17 billion')).toEqual([dollars.id, bn.id, billion.id]);
    expect(found('"17 billion"')).toEqual([dollars.id, bn.id, billion.id]);
    expect(found('17%')).toEqual([percent.id]);
    expect(found('17 percent')).toEqual([percent.id]);
    expect(found('0.5%')).toEqual([other.id]);
    expect(found('17')).toEqual([percent.id, dollars.id, bn.id, billion.id]);
    expect(found('1')).toEqual([]); // numbers are not prefixes
    expect(found('2024')).toEqual([percent.id]);
  });

  it('excludes words and phrases', () => {
    expect(found('17 -dollars')).toEqual([percent.id, bn.id, billion.id]);
    expect(found('17 -"in sales"')).toEqual([percent.id, dollars.id, bn.id]);
    expect(found('-17')).toEqual([other.id]);
  });

  it('filters by site (host, parent domain, site name) and by date saved', () => {
    expect(found('site:example.com').length).toBe(5);
    expect(found('site:folha')).toEqual([other.id]);
    expect(found('site:https://example.com/b inflacao')).toEqual([other.id]);
    expect(found('-site:folha 17 bn')).toEqual([dollars.id, bn.id, billion.id]);
    expect(found('before:2025-04-03')).toEqual([bn.id, billion.id]);
    expect(found('after:2025-04-04')).toEqual([other.id, percent.id]);
    expect(found('after:2025-04-02 before:2025-04-04 17')).toEqual([dollars.id, bn.id]);
    expect(found('before:2025')).toEqual([]);
  });

  it('never fails on odd input', () => {
    for (const q of ['"', '-', '#', 'tag:', '((', '"""', 'type:', '\\', '*', 'site:://'])
      expect(() => found(q)).not.toThrow();
    expect(found('type:banana')).toEqual([]);
  });

  it('orders equal scores newest first, equal times by id (descending)', () => {
    const same = '2025-05-01T00:00:00.000Z';
    const a = claim({ id: 'a', quote: 'alpha', created: same });
    const b = claim({ id: 'b', quote: 'alpha', created: same });
    expect(ids('alpha', [a, b])).toEqual(['b', 'a']);
  });
});

describe('highlightRanges', () => {
  const marks = (text: string, query: string) =>
    highlightRanges(text, parseQuery(query)).map(([s, e]) => text.slice(s, e));

  it('marks the words, phrases and numbers the query matched, in the original text', () => {
    expect(marks('TikTok’s São Paulo team missed $17 billion', 'tikt sao $17bn')).toEqual([
      'TikTok’s',
      'São',
      '$17 billion',
    ]);
    expect(marks('we’re always falling short, always', '"always falling"')).toEqual([
      'always falling',
    ]);
    expect(marks('e-commerce', 'commerce')).toEqual(['e-commerce']);
    expect(marks('nothing here', 'tag:x type:quote -nothing')).toEqual([]);
  });

  it('merges overlapping matches', () => {
    expect(highlightRanges('falling short', parseQuery('"falling short" short'))).toEqual([
      [0, 13],
    ]);
  });
});
