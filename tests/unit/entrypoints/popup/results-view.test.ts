import { describe, expect, it } from 'vitest';
import { countLine, filterChips, listItems } from '../../../../entrypoints/popup/results-view';
import { parseQuery } from '../../../../utils/search/query';
import type { SearchResults } from '../../../../utils/search/engine';
import type { SearchHit } from '../../../../utils/search/index';
import { claim, page } from '../../../support/demo';

const ft = page({
  url: 'https://www.ft.com/a',
  title: 'TikTok sales',
  siteName: 'Financial Times',
});
const hits: SearchHit[] = [
  {
    annotation: claim({ quote: 'TikTok sold $17 billion', url: ft.url, tags: ['tiktok', 'gmv'] }),
    page: ft,
    score: 3,
  },
  {
    annotation: claim({ quote: 'Sales fell', url: ft.url, tags: ['tiktok'], note: 'TikTok note' }),
    page: ft,
    score: 3,
  },
  { annotation: claim({ quote: 'Other', url: 'https://bbc.co.uk/x', tags: ['uk'] }), score: 1 },
];
const results = (query: string, total: number | 'loading' = hits.length): SearchResults => ({
  query: parseQuery(query),
  hits,
  total: total === 'loading' ? undefined : total,
});

describe('popup results view', () => {
  it('marks the query words in quote, note and title of each hit', () => {
    const items = listItems(results('tiktok'));
    expect(items).toHaveLength(3);
    expect(items[0]!.marks).toEqual({ quote: [[0, 6]], note: [], title: [[0, 6]] });
    expect(items[1]!.marks!.note).toEqual([[0, 6]]);
    expect(items[2]!.marks).toEqual({ quote: [], note: [], title: [] });
    expect(listItems(null)).toEqual([]);
  });

  it('offers every type, the most used tags and sites (site name when known), and marks active filters', () => {
    const chips = filterChips(results('type:figure #uk'));
    expect(chips.filter((c) => c.kind === 'type').map((c) => c.label)).toEqual([
      'Figure',
      'Quote',
      'Date',
      'Forecast',
      'Claim',
    ]);
    expect(chips.find((c) => c.value === 'figure')!.active).toBe(true);
    // The query's tag first, then by frequency.
    expect(chips.filter((c) => c.kind === 'tag').map((c) => [c.label, c.active])).toEqual([
      ['#uk', true],
      ['#tiktok', false],
      ['#gmv', false],
    ]);
    expect(chips.filter((c) => c.kind === 'site').map((c) => [c.value, c.label])).toEqual([
      ['ft.com', 'Financial Times'],
      ['bbc.co.uk', 'bbc.co.uk'],
    ]);
    expect(filterChips(null)).toEqual([]);
  });

  it('says how many, newest first when the box is empty', () => {
    expect(countLine(null)).toBe('Loading…');
    expect(countLine(results('', 'loading'))).toBe('Newest claims');
    expect(countLine(results('', 0))).toBe('');
    expect(countLine(results('', 3))).toBe('3 claims');
    expect(countLine(results('', 12_345))).toBe('12,345 claims · newest first');
    expect(countLine(results('tiktok', 1))).toBe('1 claim found');
    expect(countLine(results('tiktok', 2))).toBe('2 claims found');
  });
});
