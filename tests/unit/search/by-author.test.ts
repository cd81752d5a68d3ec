/** `by:NAME`: claims saved by a CouchDB user (synced claims), in the index and in a plain scan. */
import { describe, expect, it } from 'vitest';
import type { Annotation, Page } from '../../../utils/core/model';
import { parseQuery, searchAnnotations } from '../../../utils/search';
import { SearchIndex } from '../../../utils/search/memory-index';
import { encodeClaims, encodePages } from '../../../utils/search/shards';
import { claimEntry, pageEntry } from '../../../utils/search/stream';

const page: Page = {
  url: 'https://news.example/a',
  aliases: [],
  title: 'A story',
  byline: '',
  siteName: 'News',
  publishedTime: '',
  lang: 'en',
  excerpt: '',
  firstSeen: '2026-01-01T00:00:00.000Z',
  lastSeen: '2026-01-01T00:00:00.000Z',
};

function claim(n: number, author?: string, tags: string[] = []): Annotation {
  return {
    id: `00000000-0000-4000-8000-00000000000${n}`,
    url: page.url,
    quote: `claim number ${n}`,
    selectors: [{ type: 'TextQuoteSelector', exact: 'x', prefix: '', suffix: '' }],
    type: 'claim',
    tags,
    note: '',
    created: `2026-01-0${n}T00:00:00.000Z`,
    updated: `2026-01-0${n}T00:00:00.000Z`,
    ...(author ? { author } : {}),
  };
}

const claims = [claim(1, 'alice'), claim(2, 'Bob'), claim(3), claim(4, 'alice', ['bob'])];
const index = new SearchIndex(
  [encodeClaims('c:00', claims.map(claimEntry))],
  [encodePages('p:00', [pageEntry(page)])],
);
const pages = new Map([[page.url, page]]);

const CASES: [string, number[]][] = [
  ['by:alice', [4, 1]],
  ['by:ali', [4, 1]],
  ['by:bob', [2]],
  ['by:BOB', [2]],
  ['by:alice by:bob', [4, 2, 1]],
  ['-by:alice', [3, 2]],
  ['by:carol', []],
  ['tag:bob', [4]],
  ['claim by:bob', [2]],
];

describe('by:NAME', () => {
  it.each(CASES)('%s', (query, expected) => {
    const ids = expected.map((n) => claim(n).id);
    expect(index.query(parseQuery(query)).ids).toEqual(ids);
    expect(searchAnnotations(query, claims, pages).map((h) => h.annotation.id)).toEqual(ids);
  });

  it('parses by: as a filter, never as words', () => {
    expect(parseQuery('by:alice -by:bob')).toMatchObject({
      include: [],
      authors: ['alice'],
      excludeAuthors: ['bob'],
    });
  });
});
