import { Dexie } from 'dexie';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, SCHEMA_V2, type ClaimmarkDB } from '../../utils/store/db';
import { createHandlers } from '../../utils/store/handlers';
import type { Annotation, Page } from '../../utils/core/model';
import { searchAnnotations } from '../../utils/search';
import { createSearchEngine, type ShownHit } from '../../utils/search/engine';
import { FOLD_CHUNK, whenSearchIndexed } from '../../utils/search/maintain';
import {
  claimShardKey,
  decodeClaims,
  isClaimShard,
  type ClaimShard,
} from '../../utils/search/shards';
import { generateLibrary, type Library } from '../tools/search/generate-library';
import { storedPage } from '../support/records';

const names: string[] = [];
function freshName(): string {
  const name = `search-${crypto.randomUUID()}`;
  names.push(name);
  return name;
}
afterEach(async () => {
  await Promise.all(names.splice(0).map((name) => Dexie.delete(name)));
});

/** Claim id → quote as the shards store it (what a popup opened now would load from them). */
async function indexed(db: ClaimmarkDB): Promise<Map<string, string>> {
  const shards = (await db.search.toArray()).filter(isClaimShard) as ClaimShard[];
  return new Map(shards.flatMap(decodeClaims).map((e) => [e.id, e.quote.trim()]));
}

const ids = async (db: ClaimmarkDB, query: string) =>
  (await createSearchEngine(db).search(query, 100)).hits.map((h) => h.annotation.id);

const URL_A = 'https://www.example.com/tiktok';
const ID = '0b7a6f1e-3c2d-4e5f-8a9b-0c1d2e3f4a5b';

function claim(id: string, quote: string, extra: Partial<Annotation> = {}): Annotation {
  return {
    id,
    url: URL_A,
    quote,
    selectors: [],
    type: 'claim',
    tags: [],
    note: '',
    created: '2025-01-01T00:00:00.000Z',
    updated: '2025-01-01T00:00:00.000Z',
    ...extra,
  };
}

describe('the search index is kept on every write', () => {
  it('indexes what the handlers save, update and delete; readers never see the stamp', async () => {
    const db = openDatabase(freshName());
    const handlers = createHandlers(db);
    const saved = await handlers['annotation:save']({
      annotation: {
        id: ID,
        url: URL_A,
        quote: 'TikTok missed its goal of $17 billion',
        selectors: [{ type: 'TextQuoteSelector', exact: 'x', prefix: '', suffix: '' }],
        type: 'figure',
        tags: ['GMV'],
        note: 'FY2024 target',
      },
      metadata: {
        title: 'TikTok Cracks Down',
        byline: '',
        siteName: 'Influencer Hub',
        publishedTime: '',
        lang: 'en',
        excerpt: '',
      },
    });
    expect(saved).not.toHaveProperty('searchPending');
    expect(await db.annotations.get(ID)).not.toHaveProperty('searchPending');
    expect(await db.pages.get(URL_A)).not.toHaveProperty('searchPending');
    // Found before the shards have it (written since), and after.
    expect(await ids(db, '$17bn fy2024 site:example.com cracks')).toEqual([ID]);
    await whenSearchIndexed(db);
    expect((await indexed(db)).get(ID)).toBe('tiktok missed its goal of 17|$17 billion');

    await handlers['annotation:update']({ id: ID, patch: { note: 'Revenue', tags: ['ads'] } });
    expect(await ids(db, 'fy2024')).toEqual([]);
    expect(await ids(db, 'revenue tag:ads')).toEqual([ID]);

    await handlers['annotation:delete']({ id: ID });
    expect(await ids(db, 'tiktok')).toEqual([]);
    await whenSearchIndexed(db);
    expect((await indexed(db)).has(ID)).toBe(false);
    db.close();
  });

  it('covers add, put, bulkPut, update, modify, bulkUpdate and deletes of every kind', async () => {
    const db = openDatabase(freshName());
    const a = claim('a', 'alpha one');
    await db.annotations.add(a);
    expect(a).not.toHaveProperty('searchRev'); // the caller’s object is left alone
    await db.annotations.bulkPut([claim('b', 'bravo'), claim('c', 'charlie'), claim('d', 'delta')]);
    await db.annotations.put({ ...a, quote: 'alpha two' });
    await db.annotations.update('b', { quote: 'bravo echo' });
    await db.annotations
      .where('id')
      .equals('c')
      .modify((c) => {
        c.quote = 'charlie foxtrot';
      });
    await db.annotations.bulkUpdate([{ key: 'd', changes: { quote: 'delta golf' } }]);
    await whenSearchIndexed(db);
    expect(await indexed(db)).toEqual(
      new Map([
        ['a', 'alpha two'],
        ['b', 'bravo echo'],
        ['c', 'charlie foxtrot'],
        ['d', 'delta golf'],
      ]),
    );
    await db.annotations.delete('a');
    await db.annotations.bulkDelete(['b']);
    await db.annotations.where('id').equals('c').delete();
    await whenSearchIndexed(db);
    expect([...(await indexed(db)).keys()]).toEqual(['d']);

    await db.pages.put({
      url: URL_A,
      aliases: [],
      title: 'Old title',
      byline: '',
      siteName: '',
      publishedTime: '',
      lang: '',
      excerpt: '',
      firstSeen: '',
      lastSeen: '',
    });
    await db.pages.update(URL_A, { title: 'New headline' });
    expect(await ids(db, 'headline')).toEqual(['d']);
    expect(await ids(db, 'old')).toEqual([]);
    db.close();
  });

  it('finds what a writer that closed before its flush left queued, and takes it in', async () => {
    const name = freshName();
    const reader = openDatabase(name);
    await reader.annotations.put(claim('a', 'first words'));
    await whenSearchIndexed(reader);
    const writer = openDatabase(name);
    await writer.annotations.put(claim('b', 'second words'));
    writer.close(); // its flush never runs
    expect([...(await indexed(reader)).keys()]).toEqual(['a']);
    const engine = createSearchEngine(reader);
    expect((await engine.search('words', 10)).hits.map((h) => h.annotation.id).sort()).toEqual([
      'a',
      'b',
    ]);
    await whenSearchIndexed(reader); // the reader scheduled a flush for the marks it met
    expect([...(await indexed(reader)).keys()].sort()).toEqual(['a', 'b']);
    const raw = new Dexie(name);
    await raw.open();
    expect(await raw.table('annotations').where('searchPending').equals(1).count()).toBe(0);
    expect(await raw.table('searchQueue').count()).toBe(0);
    raw.close();
    reader.close();
  });

  it('indexes nothing of a write whose transaction fails', async () => {
    const db = openDatabase(freshName());
    await db
      .transaction('rw', db.annotations, async () => {
        await db.annotations.put(claim('a', 'aborted words'));
        throw new Error('no');
      })
      .catch(() => {});
    await whenSearchIndexed(db);
    expect(await ids(db, 'aborted')).toEqual([]);
    expect((await indexed(db)).size).toBe(0);
    db.close();
  });

  it('drops a claim deleted without its flush (another context) once it was shown', async () => {
    const name = freshName();
    const db = openDatabase(name);
    await db.annotations.bulkPut([claim('a', 'kept words'), claim('b', 'gone words')]);
    await whenSearchIndexed(db);
    // A plain Dexie (no middleware): a deletion the index never hears of.
    const other = new Dexie(name);
    await other.open();
    await other.table('annotations').delete('b');
    other.close();
    const engine = createSearchEngine(db);
    // Results come from the index at once; the claims shown are looked for afterwards.
    expect((await engine.search('words', 10)).hits.map((h) => h.annotation.id)).toEqual(['b', 'a']);
    await new Promise((r) => setTimeout(r, 50));
    expect([...(await indexed(db)).keys()]).toEqual(['a']);
    await engine.refresh();
    const result = await engine.search('words', 10);
    expect(result.hits.map((h) => h.annotation.id)).toEqual(['a']);
    expect(result.total).toBe(1);
    db.close();
  });
});

describe('the engine while a library arrives (marked claims read again at every refresh)', () => {
  /** Write through a connection that closes before its flush: the claims stay marked. */
  async function writeMarked(name: string, write: (db: ClaimmarkDB) => Promise<unknown>) {
    const writer = openDatabase(name);
    await write(writer);
    writer.close();
  }
  const total = async (engine: ReturnType<typeof createSearchEngine>, query: string) =>
    (await engine.search(query, 10)).total;

  it('is current after a burst of writes, edits of claims still marked included', async () => {
    const name = freshName();
    const reader = openDatabase(name);
    await reader.annotations.put(claim(ID, 'alpha first words'));
    await whenSearchIndexed(reader);
    const engine = createSearchEngine(reader);
    await engine.ready();
    const burst = Array.from({ length: 300 }, (_, i) =>
      claim(`burst-${i}`, `glockenspiel number ${i}`, { tags: ['band'] }),
    );
    const other = 'https://other.example/page';
    await writeMarked(name, async (db) => {
      await db.annotations.bulkPut(burst);
      await db.pages.put({ ...storedPage(other), title: 'Harp recital' });
    });
    await engine.refresh();
    expect(await total(engine, 'glockenspiel')).toBe(300);
    expect(await total(engine, 'harp')).toBe(0);
    // Still marked, edited again: each field the index reads, and one claim left as it was.
    await writeMarked(name, async (db) => {
      await db.annotations.update('burst-0', { quote: 'marimba solo' });
      await db.annotations.update('burst-1', { tags: ['strings'] });
      await db.annotations.update('burst-2', { note: 'xylophone note' });
      await db.annotations.update('burst-3', { type: 'quote' });
      await db.annotations.update('burst-4', { url: other });
      await db.annotations.delete('burst-5');
    });
    await engine.refresh();
    expect(await total(engine, 'glockenspiel')).toBe(298);
    expect(await ids(reader, 'marimba')).toEqual(['burst-0']);
    expect((await engine.search('tag:strings', 10)).hits.map((h) => h.annotation.id)).toEqual([
      'burst-1',
    ]);
    expect((await engine.search('xylophone', 10)).hits.map((h) => h.annotation.id)).toEqual([
      'burst-2',
    ]);
    expect((await engine.search('type:quote', 10)).hits.map((h) => h.annotation.id)).toEqual([
      'burst-3',
    ]);
    expect((await engine.search('harp', 10)).hits.map((h) => h.annotation.id)).toEqual(['burst-4']);
    expect(await total(engine, 'tag:band')).toBe(298);
    expect(await total(engine, 'alpha')).toBe(1);
    // A page still marked, renamed.
    await writeMarked(name, (db) => db.pages.update(other, { title: 'Lute recital' }));
    await engine.refresh();
    expect(await total(engine, 'harp')).toBe(0);
    expect(await total(engine, 'lute')).toBe(1);
    reader.close();
  });

  it('answers a keystroke while a refresh takes thousands of marked claims in', async () => {
    const name = freshName();
    const reader = openDatabase(name);
    await reader.annotations.put(claim(ID, 'alpha first words'));
    await whenSearchIndexed(reader);
    let refreshing = false;
    const answered: (number | undefined)[] = [];
    // The page's turn between two slices of the build: a keystroke comes in, and is answered.
    // Slices of 0 ms yield after every record, however fast this machine tokenizes.
    const engine = createSearchEngine(reader, {
      sliceMs: 0,
      yieldToUi: async () => {
        if (refreshing && answered.length < 3) answered.push(await total(engine, 'alpha'));
      },
    });
    await engine.ready();
    await writeMarked(name, (db) =>
      db.annotations.bulkPut(
        Array.from({ length: 3000 }, (_, i) => claim(`many-${i}`, `vibraphone take ${i}`)),
      ),
    );
    refreshing = true;
    await engine.refresh();
    refreshing = false;
    expect(answered).toEqual([1, 1, 1]);
    expect(await total(engine, 'vibraphone')).toBe(3000);
    // Still marked: an edit, a deletion and an addition, each in another chunk of the encoded.
    await writeMarked(name, async (db) => {
      await db.annotations.update('many-10', { quote: 'celesta take' });
      await db.annotations.delete('many-2500');
      await db.annotations.put(claim('many-new', 'vibraphone again'));
    });
    await engine.refresh();
    expect(await total(engine, 'vibraphone')).toBe(2999);
    expect((await engine.search('celesta', 10)).hits.map((h) => h.annotation.id)).toEqual([
      'many-10',
    ]);
    expect((await engine.search('again', 10)).hits.map((h) => h.annotation.quote)).toEqual([
      'vibraphone again',
    ]);
    expect(await total(engine, '"take 2500"')).toBe(0);
    expect(await total(engine, '"take 2499"')).toBe(1);
    reader.close();
  });
});

describe('catching up after an import', () => {
  it('folds thousands of marked claims shard by shard, with edits meanwhile, and misses none', async () => {
    const name = freshName();
    const db = openDatabase(name);
    const many = Array.from({ length: 3_000 }, (_, i) =>
      claim(`id-${String(i).padStart(5, '0')}`, `imported claim number w${i}x`, {
        url: `https://example.com/p${i % 40}`,
      }),
    );
    await db.annotations.bulkPut(many);
    const edited = (async () => {
      await new Promise((r) => setTimeout(r, 5));
      await db.annotations.update('id-02999', { quote: 'edited meanwhile zebra' });
      await db.annotations.delete('id-00007');
    })();
    await edited;
    await whenSearchIndexed(db);
    const shards = await indexed(db);
    expect(shards.size).toBe(2_999);
    expect(shards.get('id-01234')).toBe('imported claim number w1234x');
    expect(shards.get('id-02999')).toBe('edited meanwhile zebra');
    expect(shards.has('id-00007')).toBe(false);
    expect(await ids(db, 'w2500x')).toEqual(['id-02500']);
    expect(await ids(db, 'zebra')).toEqual(['id-02999']);
    const raw = new Dexie(name);
    await raw.open();
    expect(await raw.table('annotations').where('searchPending').equals(1).count()).toBe(0);
    expect(await raw.table('searchQueue').count()).toBe(0);
    raw.close();
    db.close();
  });
});

describe('catching up after an import, a shard at a time in small requests', () => {
  it('reads and rewrites a full shard FOLD_CHUNK claims per request, edits meanwhile kept', async () => {
    // 2,100 claims that all hash to one shard: more than one transaction takes at once, and
    // more than ten requests' worth.
    const many: Annotation[] = [];
    for (let i = 0; many.length < 2_100; i++) {
      const id = `one-${i}`;
      if (claimShardKey(id) === 'c:07') many.push(claim(id, `packed claim number w${i}x`));
    }
    const db = openDatabase(freshName());
    const sizes: number[] = [];
    const puts: number[] = [];
    let counting = false;
    db.use({
      stack: 'dbcore',
      name: 'RequestSizes',
      create: (down) => ({
        ...down,
        table(name) {
          const table = down.table(name);
          if (name !== 'annotations') return table;
          return {
            ...table,
            getMany(request) {
              if (counting) sizes.push(request.keys.length);
              return table.getMany(request);
            },
            mutate(request) {
              if (counting && request.type === 'put') puts.push(request.values.length);
              return table.mutate(request);
            },
          };
        },
      }),
    });
    await db.annotations.bulkPut(many);
    counting = true;
    const folded = whenSearchIndexed(db);
    const last = many[many.length - 1]!.id;
    const early = many[3]!.id;
    await new Promise((r) => setTimeout(r, 5));
    await db.annotations.update(last, { quote: 'edited meanwhile zebra' });
    await db.annotations.delete(early);
    await folded;
    await whenSearchIndexed(db);
    counting = false;
    expect(Math.max(...sizes)).toBeLessThanOrEqual(FOLD_CHUNK);
    expect(sizes.length).toBeGreaterThan(2_100 / FOLD_CHUNK); // every claim read
    expect(puts).toEqual([1]); // the edit: no claim is written back (schema v5)
    const shards = await indexed(db);
    expect(shards.size).toBe(2_099);
    expect(shards.get(many[1_500]!.id)).toBe(many[1_500]!.quote);
    expect(shards.get(last)).toBe('edited meanwhile zebra');
    expect(shards.has(early)).toBe(false);
    expect(await ids(db, 'zebra')).toEqual([last]);
    expect(await db.annotations.where('searchPending').equals(1).count()).toBe(0);
    expect(await db.searchQueue.count()).toBe(0);
    db.close();
  });
});

describe('schema v3 migration', () => {
  it('opens a v2 database and indexes the claims and pages saved before the index existed', async () => {
    const name = freshName();
    const old = new Dexie(name);
    old.version(2).stores(SCHEMA_V2);
    const page: Page = {
      url: 'https://www.lemonde.fr/a',
      aliases: ['https://lemonde.fr/a'],
      title: 'Le projet de loi sur le renseignement',
      byline: '',
      siteName: 'Le Monde.fr',
      publishedTime: '',
      lang: 'fr',
      excerpt: '',
      firstSeen: '2025-01-01T00:00:00.000Z',
      lastSeen: '2025-01-01T00:00:00.000Z',
    };
    const claims: Annotation[] = Array.from({ length: 300 }, (_, i) =>
      claim(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, `quote ${i}`, {
        url: page.url,
        quote: i === 7 ? 'Les députés ont approuvé 438 voix' : `quote ${i}`,
        type: i % 2 ? 'figure' : 'quote',
        tags: [`tag${i % 3}`],
        note: `note ${i}`,
        created: `2025-01-01T00:00:${String(i % 60).padStart(2, '0')}.000Z`,
        ...(i === 9
          ? { anchor: { status: 'orphan' as const, at: '2025-02-01T00:00:00.000Z' } }
          : {}),
      }),
    );
    await old.table('pages').add(page);
    await old.table('annotations').bulkAdd(claims);
    old.close();

    const db = openDatabase(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(3);
    expect(await db.annotations.orderBy('id').toArray()).toEqual(claims);
    expect(await db.pages.toArray()).toEqual([page]);
    const stored = await indexed(db);
    expect(stored.size).toBe(300);
    expect(stored.get(claims[7]!.id)).toBe('les deputes ont approuve 438 voix');
    const engine = createSearchEngine(db);
    expect((await engine.search('DEPUTES le monde', 10)).hits.map((h) => h.annotation.id)).toEqual([
      claims[7]!.id,
    ]);
    expect((await engine.search('tag:tag1', 10)).total).toBe(100);
    expect((await engine.search('site:lemonde.fr renseignement', 500)).total).toBe(300);
    db.close();
  });
});

describe('the engine over the database answers like the reference search', () => {
  let library: Library;
  let db: ClaimmarkDB;
  const pages = new Map<string, Page>();

  beforeAll(async () => {
    library = generateLibrary({
      claims: 2000,
      pages: 150,
      seed: 7,
      articles: ['tiktok-shop-us-crackdown', 'lemonde-1', 'ars-1'],
    });
    for (const page of library.pages) pages.set(page.url, page);
    db = openDatabase(`search-equivalence-${crypto.randomUUID()}`);
    // Half indexed in the shards, half written since (not flushed yet).
    const half = library.annotations.length / 2;
    await db.transaction('rw', db.pages, db.annotations, async () => {
      await db.pages.bulkPut(library.pages);
      await db.annotations.bulkPut(library.annotations.slice(0, half));
    });
    await whenSearchIndexed(db);
    await db.annotations.bulkPut(library.annotations.slice(half));
    return async () => {
      await db.delete();
    };
  }, 60_000);

  it.each(['', 'tiktok', '"falling short"', '$17 billion', 'tag:tiktok -type:claim', 'the loi'])(
    '%s',
    async (query) => {
      const expected = searchAnnotations(query, library.annotations, pages);
      const engine = createSearchEngine(db);
      await engine.ready();
      const result = await engine.search(query, 30);
      expect(result.hits.map((h) => [h.annotation.id, h.score])).toEqual(
        expected.slice(0, 30).map((h) => [h.annotation.id, h.score]),
      );
      expect(result.total).toBe(expected.length);
      expect(result.hits.every((h) => h.page?.url === h.annotation.url)).toBe(true);
      expect((await engine.all(query)).map((h) => h.annotation.id)).toEqual(
        expected.map((h) => h.annotation.id),
      );
    },
  );

  it('shows the newest claims before the index is loaded, then counts them', async () => {
    const engine = createSearchEngine(db);
    const first = await engine.search('', 5);
    expect(first.total).toBeUndefined();
    expect(first.hits.map((h) => h.annotation.created)).toEqual(
      [...library.annotations]
        .map((a) => a.created)
        .sort()
        .reverse()
        .slice(0, 5),
    );
    await engine.ready();
    expect((await engine.search('', 5)).total).toBe(library.annotations.length);
  });

  it('sees claims saved after it loaded once reset', async () => {
    const engine = createSearchEngine(db);
    expect((await engine.search('xylophone', 10)).total).toBe(0);
    const [first] = library.annotations;
    await db.annotations.put({ ...first!, id: 'new-claim', quote: 'A xylophone figure' });
    engine.reset();
    expect((await engine.search('xylophone', 10)).hits.map((h) => h.annotation.id)).toEqual([
      'new-claim',
    ]);
    await db.annotations.delete('new-claim');
  });

  it('refreshes in the background: searches answer from the loaded index until the new one is read', async () => {
    const engine = createSearchEngine(db);
    await engine.ready();
    const [first] = library.annotations;
    await db.annotations.put({ ...first!, id: 'refreshed-claim', quote: 'A marimba figure' });
    const refreshed = engine.refresh();
    // Not waiting for the reload: the index in memory answers (without the new claim).
    expect((await engine.search('marimba', 10)).total).toBe(0);
    await refreshed;
    expect((await engine.search('marimba', 10)).hits.map((h) => h.annotation.id)).toEqual([
      'refreshed-claim',
    ]);
    await db.annotations.delete('refreshed-claim');
  });
});

describe('a keystroke is answered from the index in memory', () => {
  /** What the list shows of a claim and its page, as the database holds them. */
  const shown = (annotation: Annotation, page: Page | undefined) => ({
    id: annotation.id,
    url: annotation.url,
    type: annotation.type,
    quote: annotation.quote,
    note: annotation.note,
    tags: annotation.tags,
    created: annotation.created,
    author: annotation.author,
    pdfPage: annotation.pdfPage,
    page: page && { url: page.url, title: page.title, siteName: page.siteName },
  });
  const asShown = ({ annotation, page }: ShownHit) =>
    shown(
      { ...annotation, selectors: [], updated: '' },
      page && { ...storedPage(page.url), ...page },
    );

  async function library(): Promise<{ db: ClaimmarkDB; claims: Annotation[]; page: Page }> {
    const db = openDatabase(freshName());
    const page: Page = {
      ...storedPage(URL_A),
      title: 'TikTok <b>Cracks</b> Down',
      siteName: 'Influencer "Hub"',
    };
    const claims = [
      claim('a', 'TikTok missed its goal of $17 billion', {
        tags: ['gmv', 'supply chain'],
        note: 'line one\nline\ttwo',
        author: 'alice',
      }),
      claim('b', '<img src=x onerror=alert(1)> TikTok \u2028 "quoted"', {
        type: 'quote',
        pdfPage: { index: 3, label: 'iv' },
        created: '2025-02-01T00:00:00.000Z',
      }),
    ];
    await db.pages.put(page);
    await db.annotations.bulkPut(claims);
    return { db, claims, page };
  }

  /** Claims and pages read from the database never arrive (a sync's writes hold them). */
  function holdReads(db: ClaimmarkDB): () => void {
    const { annotations, pages } = db;
    const bulkGets = [annotations.bulkGet, pages.bulkGet] as const;
    const never = () => new Promise<never>(() => {});
    annotations.bulkGet = never as unknown as typeof annotations.bulkGet;
    pages.bulkGet = never as unknown as typeof pages.bulkGet;
    return () => {
      [annotations.bulkGet, pages.bulkGet] = bulkGets;
    };
  }

  it('shows the same claims and pages as the database holds, hostile text as text', async () => {
    const { db, claims, page } = await library();
    for (const flushed of [false, true]) {
      if (flushed) await whenSearchIndexed(db);
      const engine = createSearchEngine(db);
      await engine.ready();
      const release = holdReads(db);
      try {
        const result = await engine.search('tiktok', 10);
        expect(result.hits.map(asShown)).toEqual([
          shown(claims[1]!, page),
          shown(claims[0]!, page),
        ]);
        expect(result.total).toBe(2);
        expect(
          (await engine.search('by:alice tag:gmv', 10)).hits.map((h) => h.annotation.id),
        ).toEqual(['a']);
        expect((await engine.search('type:quote iv', 10)).total).toBe(0);
      } finally {
        release();
      }
    }
    db.close();
  });

  it('reads the claims of shards stored before views existed', async () => {
    const { db, claims, page } = await library();
    await whenSearchIndexed(db);
    // A shard of an earlier version: no view column.
    const shards = await db.search.toArray();
    await db.search.bulkPut(
      shards.map((shard) => {
        const old = { ...shard };
        delete old.view;
        delete old.viewAt;
        return old;
      }),
    );
    const engine = createSearchEngine(db);
    const result = await engine.search('tiktok', 10);
    expect(result.hits.map(asShown)).toEqual([shown(claims[1]!, page), shown(claims[0]!, page)]);
    expect(result.hits[0]!.annotation).toHaveProperty('selectors');
    db.close();
  });

  it('leaves out a claim deleted here before its flush', async () => {
    const { db } = await library();
    await whenSearchIndexed(db);
    const engine = createSearchEngine(db);
    await engine.ready();
    await db.annotations.delete('b');
    const result = await engine.search('tiktok', 10);
    expect(result.hits.map((h) => h.annotation.id)).toEqual(['a']);
    expect(result.total).toBe(1);
    db.close();
  });
});

describe('the engine refreshing while a library arrives reads only what changed', () => {
  it('reads again only the marked claims and pages written since the last refresh', async () => {
    const name = freshName();
    const reader = openDatabase(name);
    await reader.annotations.put(claim(ID, 'alpha first words'));
    await whenSearchIndexed(reader);
    const engine = createSearchEngine(reader, { sliceMs: 0, yieldToUi: () => Promise.resolve() });
    await engine.ready();
    const read: string[] = [];
    for (const table of [reader.annotations, reader.pages] as const) {
      const bulkGet = table.bulkGet.bind(table);
      table.bulkGet = ((keys: string[]) => {
        read.push(...keys);
        return bulkGet(keys);
      }) as never;
    }
    // Another context writes and closes before its flush: its claims stay marked.
    const writer = openDatabase(name);
    const other = 'https://other.example/page';
    await writer.annotations.bulkPut(
      Array.from({ length: 50 }, (_, i) =>
        claim(`m-${i}`, `glockenspiel ${i}`, i === 0 ? { url: other } : {}),
      ),
    );
    await writer.pages.put({ ...storedPage(other), title: 'Harp recital' });
    writer.close();
    await engine.refresh();
    expect(read).toHaveLength(51);
    expect((await engine.search('glockenspiel', 10)).total).toBe(50);
    expect((await engine.search('harp', 10)).total).toBe(1);
    read.length = 0;
    // Nothing written: nothing read. One claim and the page written: those two.
    await engine.refresh();
    expect(read).toEqual([]);
    const again = openDatabase(name);
    await again.annotations.update('m-7', { quote: 'marimba 7' });
    await again.pages.update(other, { title: 'Lute recital' });
    again.close();
    await engine.refresh();
    expect(read.sort()).toEqual(['m-7', other].sort());
    expect((await engine.search('glockenspiel', 10)).total).toBe(49);
    expect((await engine.search('marimba', 10)).hits.map((h) => h.annotation.id)).toEqual(['m-7']);
    expect((await engine.search('lute', 10)).hits.map((h) => h.annotation.id)).toEqual(['m-0']);
    expect((await engine.search('harp', 10)).total).toBe(0);
    reader.close();
  });

  it('uses the shards again until a context writes them, and its encoded claims', async () => {
    const name = freshName();
    const db = openDatabase(name);
    await db.annotations.bulkPut(
      Array.from({ length: 30 }, (_, i) => claim(`old-${i}`, `stored words ${i}`)),
    );
    await whenSearchIndexed(db);
    // The popup's own connection (the writer's flushes read shards too).
    const reader = openDatabase(name);
    const engine = createSearchEngine(reader, { sliceMs: 0, yieldToUi: () => Promise.resolve() });
    await engine.ready();
    const search = reader.search;
    const bulkGet = search.bulkGet.bind(search);
    let shardReads = 0;
    search.bulkGet = ((keys: string[]) => {
      shardReads++;
      return bulkGet(keys);
    }) as typeof search.bulkGet;
    // Claims arrive (marked, not folded yet): the shards are not read again.
    await db.annotations.bulkPut([claim('new-1', 'arriving words'), claim('new-2', 'more words')]);
    await engine.refresh();
    expect(shardReads).toBe(0);
    expect((await engine.search('words', 100)).total).toBe(32);
    await db.annotations.put(claim('new-3', 'arriving words'));
    await engine.refresh();
    expect(shardReads).toBe(0);
    expect((await engine.search('arriving', 100)).hits.map((h) => h.annotation.id).sort()).toEqual([
      'new-1',
      'new-3',
    ]);
    // The writer folds them in: read again.
    await whenSearchIndexed(db);
    await engine.refresh();
    expect(shardReads).toBe(1);
    expect((await engine.search('words', 100)).total).toBe(33);
    // Another context rewrites the shards (a plain Dexie: no search middleware).
    const other = new Dexie(name);
    await other.open();
    await other.table('search').clear();
    other.close();
    await new Promise((r) => setTimeout(r, 20));
    await engine.refresh();
    expect(shardReads).toBe(2);
    expect((await engine.search('stored', 100)).total).toBe(0);
    search.bulkGet = bulkGet;
    reader.close();
    db.close();
  });
});
