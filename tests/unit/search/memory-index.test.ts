import { beforeAll, describe, expect, it } from 'vitest';
import type { Annotation, Page } from '../../../utils/core/model';
import { parseQuery, searchAnnotations } from '../../../utils/search';
import { replacedRows, SearchIndex } from '../../../utils/search/memory-index';
import {
  claimShardKey,
  decodeClaims,
  encodeClaims,
  encodePages,
  pageShardKey,
  updateClaimShard,
  type ClaimShard,
  type PageShard,
} from '../../../utils/search/shards';
import {
  claimEntry,
  pageEntry,
  type ClaimEntry,
  type PageEntry,
} from '../../../utils/search/stream';
import { generateLibrary, type Library } from '../../tools/search/generate-library';

function shardsOf(annotations: readonly Annotation[], pages: readonly Page[]) {
  const claims = new Map<string, ClaimEntry[]>();
  for (const a of annotations) {
    const key = claimShardKey(a.id);
    const list = claims.get(key) ?? [];
    list.push(claimEntry(a));
    claims.set(key, list);
  }
  const byPage = new Map<string, PageEntry[]>();
  for (const p of pages) {
    const key = pageShardKey(p.url);
    const list = byPage.get(key) ?? [];
    list.push(pageEntry(p));
    byPage.set(key, list);
  }
  return {
    claimShards: [...claims].map(([k, e]) => encodeClaims(k, e)),
    pageShards: [...byPage].map(([k, e]) => encodePages(k, e)),
  };
}

/** Queries an analyst types, and odd ones. */
const QUERIES = [
  '',
  'tiktok',
  'tikt',
  'TIKTOK shop',
  'billion',
  '$17',
  '$10',
  '17bn',
  '17 billion',
  '"falling short"',
  '"falling sh',
  'minecraft -server',
  'tag:tiktok',
  '#e-com',
  'tag:tiktok tag:memo',
  'type:figure',
  'type:quote type:date',
  '-type:claim',
  'type:fig 2025',
  'site:bloomberg.com',
  'site:reuters -tag:us',
  'site:"the new york times" deal',
  'before:2024-01-01 mojang',
  'after:2025 tiktok',
  'after:2024-06 before:2024-07',
  'the',
  'the company',
  '"the company"',
  'loi',
  'deputes',
  'renseignement 438',
  'use in the memo',
  'memo',
  'zzzz',
  'type:banana',
  'foo:bar',
  'u.s.',
  '-',
  '""',
  '"',
  'facebook -zuckerberg acquisition',
];

describe('the in-memory index answers like the reference search', () => {
  let library: Library;
  let index: SearchIndex;
  const pages = new Map<string, Page>();

  beforeAll(() => {
    library = generateLibrary({
      claims: 3000,
      pages: 250,
      seed: 11,
      articles: ['tiktok-shop-us-crackdown', 'lemonde-1', 'ars-1', 'cnet'],
    });
    for (const page of library.pages) pages.set(page.url, page);
    const { claimShards, pageShards } = shardsOf(library.annotations, library.pages);
    index = new SearchIndex(claimShards, pageShards);
  }, 60_000);

  it.each(QUERIES)('%s', (query) => {
    const expected = searchAnnotations(query, library.annotations, pages);
    const result = index.query(parseQuery(query), 40);
    expect(result.ids.map((id, i) => [id, result.scores[i]])).toEqual(
      expected.slice(0, 40).map((h) => [h.annotation.id, h.score]),
    );
    expect(result.total).toBe(expected.length);
    expect(index.query(parseQuery(query)).ids).toEqual(expected.map((h) => h.annotation.id));
  });

  it('gives the same answers keystroke by keystroke (results of wider words reused)', () => {
    const { claimShards, pageShards } = shardsOf(library.annotations, library.pages);
    const typed = new SearchIndex(claimShards, pageShards);
    for (const query of ['minecraft server', 'tiktok shop']) {
      for (let i = 1; i <= query.length; i++) {
        const prefix = query.slice(0, i);
        const expected = searchAnnotations(prefix, library.annotations, pages);
        const result = typed.query(parseQuery(prefix), 10);
        expect([prefix, result.total, result.ids]).toEqual([
          prefix,
          expected.length,
          expected.slice(0, 10).map((h) => h.annotation.id),
        ]);
      }
    }
  }, 60_000);

  it('lets claims and pages written since the shards replace their stored copies', () => {
    const { claimShards, pageShards } = shardsOf(library.annotations, library.pages);
    const [first, second] = library.annotations;
    const changed = { ...first!, quote: 'A xylophone orchestra', tags: ['music'] };
    const added: Annotation = { ...second!, id: 'brand-new', quote: 'Another xylophone' };
    const page = pages.get(first!.url)!;
    const renamed = { ...page, title: 'Quartet headline' };
    const merged = new SearchIndex(claimShards, pageShards, [changed, added].map(claimEntry), [
      pageEntry(renamed),
    ]);
    expect(merged.size).toBe(library.annotations.length + 1);
    const now = [changed, added, ...library.annotations.slice(1)];
    const nowPages = new Map(pages).set(page.url, renamed);
    for (const query of ['xylophone', 'tag:music', 'quartet', first!.quote.split(' ')[0]!]) {
      const expected = searchAnnotations(query, now, nowPages);
      expect(merged.query(parseQuery(query)).ids).toEqual(expected.map((h) => h.annotation.id));
    }
  });

  it('lets many claims written since in one shard (a sync arriving) replace their stored copies', () => {
    const { claimShards, pageShards } = shardsOf(library.annotations, library.pages);
    const key = claimShardKey(library.annotations[0]!.id);
    const ofShard = library.annotations.filter((a) => claimShardKey(a.id) === key);
    expect(ofShard.length).toBeGreaterThan(20); // more than are looked up one by one
    const changed = ofShard.map((a, i) => ({ ...a, quote: `Glockenspiel number ${i}` }));
    const merged = new SearchIndex(claimShards, pageShards, changed.map(claimEntry));
    expect(merged.size).toBe(library.annotations.length);
    const now = library.annotations.map((a) => changed.find((c) => c.id === a.id) ?? a);
    for (const query of ['glockenspiel', ofShard[0]!.quote.split(' ')[0]!]) {
      const expected = searchAnnotations(query, now, pages);
      expect(merged.query(parseQuery(query)).ids).toEqual(expected.map((h) => h.annotation.id));
    }
  });

  it('takes the replaced rows found a shard at a time, as if found in one go', async () => {
    const { claimShards, pageShards } = shardsOf(library.annotations, library.pages);
    const key = claimShardKey(library.annotations[0]!.id);
    // Many in one shard (looked up by id), a few in others (looked for one by one).
    const changed = [
      ...library.annotations.filter((a) => claimShardKey(a.id) === key),
      ...library.annotations.filter((a) => claimShardKey(a.id) !== key).slice(0, 3),
    ].map((a, i) => ({ ...a, quote: `Xylophone number ${i}` }));
    const entries = changed.map(claimEntry);
    let ticks = 0;
    const replaced = await replacedRows(claimShards, entries, () => {
      ticks++;
      return undefined;
    });
    expect(ticks).toBeGreaterThan(1);
    const inOne = new SearchIndex(claimShards, pageShards, entries);
    const sliced = new SearchIndex(claimShards, pageShards, entries, [], undefined, replaced);
    expect(sliced.size).toBe(library.annotations.length);
    for (const query of ['xylophone', changed[0]!.tags[0] ?? 'number', 'number 2'])
      expect(sliced.query(parseQuery(query))).toEqual(inOne.query(parseQuery(query)));
  });

  it('takes the claims written since ready-encoded in several shards, as if encoded in one', () => {
    const { claimShards, pageShards } = shardsOf(library.annotations, library.pages);
    const changed = library.annotations
      .slice(0, 30)
      .map((a, i) => ({ ...a, quote: `Marimba number ${i}` }));
    const entries = changed.map(claimEntry);
    const chunks = [0, 7, 19].map((at, k, all) =>
      encodeClaims(`new:${at}`, entries.slice(at, all[k + 1] ?? entries.length)),
    );
    const inOne = new SearchIndex(claimShards, pageShards, entries);
    const inChunks = new SearchIndex(claimShards, pageShards, entries, [], chunks);
    expect(inChunks.size).toBe(library.annotations.length);
    expect(inChunks.size).toBe(inOne.size);
    for (const query of ['marimba', 'marimba 12', changed[25]!.tags[0] ?? 'number']) {
      const one = inOne.query(parseQuery(query));
      expect(one.total).toBeGreaterThan(0);
      expect(inChunks.query(parseQuery(query))).toEqual(one);
    }
  });
});

describe('shards', () => {
  it('encode and decode their entries, and update by id', () => {
    const entry = (id: string, quote: string): ClaimEntry =>
      claimEntry({
        id,
        created: '2025-01-01T00:00:00.000Z',
        type: 'quote',
        url: `https://x.test/${id}`,
        quote,
        note: '',
        tags: ['a b', 'c'],
      });
    const shard: ClaimShard = encodeClaims('c:00', [entry('a', 'one'), entry('b', 'two')]);
    expect(decodeClaims(shard)).toEqual([entry('a', 'one'), entry('b', 'two')]);
    const updated = updateClaimShard(shard, 'c:00', [entry('b', 'deux')], new Set(['a']));
    expect(decodeClaims(updated)).toEqual([entry('b', 'deux')]);
    // Shards written before ids had offsets are read too.
    const older: ClaimShard = encodeClaims('c:00', [entry('a', 'one'), entry('b', 'two')]);
    delete older.idsAt;
    const fromOlder = new SearchIndex([older], []);
    expect(fromOlder.query(parseQuery('two')).ids).toEqual(['b']);
    const empty: PageShard = encodePages('p:00', []);
    expect(
      new SearchIndex([updateClaimShard(undefined, 'c:01', [], new Set())], [empty]).size,
    ).toBe(0);
  });
});
