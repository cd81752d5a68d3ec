/**
 * Every database an earlier Claimmark wrote opens in this one with all of it. The fixtures
 * (tests/fixtures/db/v<N>.json, made by tests/tools/make-db-fixtures.ts with each version's own
 * code from git history) are recreated byte for byte with the plain IndexedDB API, then opened
 * with the current `openDatabase`, which runs the upgrades.
 */
import { Dexie } from 'dexie';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  findPage,
  onDatabaseUpgraded,
  openDatabase,
  SCHEMA_V1,
  SCHEMA_V2,
  type ClaimmarkDB,
} from '../../utils/store/db';
import { createHandlers } from '../../utils/store/handlers';
import type { Annotation, Page } from '../../utils/core/model';
import { parseQuery, tokenize } from '../../utils/search';
import { createSearchEngine } from '../../utils/search/engine';
import { PENDING } from '../../utils/search/maintain';
import { foldTag } from '../../utils/search/stream';
import { dumpDatabase, recordsOf, restoreDatabase, type RawDatabase } from '../fixtures/db/raw-idb';

interface Fixture {
  schemaVersion: number;
  idbVersion: number;
  commit: string;
  database: RawDatabase;
}

const DIR = join(import.meta.dirname, '..', 'fixtures', 'db');
const FIXTURES: Fixture[] = readdirSync(DIR)
  .filter((f) => /^v\d+\.json$/.test(f))
  .map((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Fixture)
  .sort((a, b) => a.schemaVersion - b.schemaVersion);

const names: string[] = [];
const opened: Dexie[] = [];
function freshName(): string {
  const name = `fixture-${crypto.randomUUID()}`;
  names.push(name);
  return name;
}
afterEach(async () => {
  for (const db of opened.splice(0)) db.close();
  await Promise.all(names.splice(0).map((name) => Dexie.delete(name)));
});

/** The fixture's database under a fresh name, opened with today's code. */
async function upgrade(fixture: Fixture): Promise<{ db: ClaimmarkDB; name: string }> {
  const name = freshName();
  await restoreDatabase(indexedDB, fixture.database, name);
  const db = openDatabase(name);
  opened.push(db);
  await db.open();
  return { db, name };
}

/** A record as readers see it: the search index's mark is never shown. */
function withoutMark<T extends object>(record: T): T {
  const rest = { ...record } as Record<string, unknown>;
  delete rest[PENDING];
  return rest as T;
}

const byId = (a: Annotation, b: Annotation) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The longest word of `text` as written (a word the reader could type to find it), or ''. */
function wordOf(text: string): string {
  const words = tokenize(text)
    .filter((t) => !t.numeric && t.key.length >= 3)
    .map((t) => text.slice(t.start, t.end))
    .filter((w) => /^[\p{L}\p{N}]+$/u.test(w));
  return words.sort((a, b) => b.length - a.length)[0] ?? '';
}

/** The stores and indexes of a database, without records. */
function schemaOf(raw: RawDatabase) {
  return {
    version: raw.version,
    stores: raw.stores.map(({ values: _v, keys: _k, ...store }) => store),
  };
}

const CURRENT = openDatabase('never-opened').verno;

describe('the fixtures', () => {
  it('cover every earlier schema version (and the current one, for the next change)', () => {
    const versions = FIXTURES.map((f) => f.schemaVersion);
    const earlier = Array.from({ length: CURRENT - 1 }, (_, i) => i + 1);
    // The current version's file is made once its commit exists (tests/fixtures/db/README.md).
    expect([earlier, [...earlier, CURRENT]]).toContainEqual(versions);
    for (const f of FIXTURES) expect(f.database.version).toBe(f.schemaVersion * 10);
  });
});

describe.each(FIXTURES)('a database written by schema v$schemaVersion', (fixture) => {
  const claims = recordsOf<Annotation>(fixture.database, 'annotations').map(withoutMark);
  const pages = recordsOf<Page>(fixture.database, 'pages').map(withoutMark);

  it('opens at the current version with the same stores and indexes as a fresh install', async () => {
    const { db, name } = await upgrade(fixture);
    expect(db.verno).toBe(CURRENT);
    db.close();
    const fresh = openDatabase(freshName());
    await fresh.open();
    fresh.close();
    const upgraded = await dumpDatabase(indexedDB, name);
    const installed = await dumpDatabase(indexedDB, fresh.name);
    expect(schemaOf(upgraded)).toEqual(schemaOf(installed));
  });

  it('keeps 100% of the claims, with every field, tag and note', async () => {
    const { db } = await upgrade(fixture);
    expect(claims.length).toBeGreaterThan(150);
    const stored = await db.annotations.toArray();
    expect(stored.length).toBe(claims.length);
    expect(stored.sort(byId)).toEqual([...claims].sort(byId));
    // Field by field, strictly (no field added or turned undefined).
    const byKey = new Map(stored.map((a) => [a.id, a]));
    for (const claim of claims) expect(byKey.get(claim.id)).toStrictEqual(claim);
    // The multiEntry tag index answers for every tag; notes survive line breaks and all.
    const tags = new Map<string, number>();
    for (const tag of claims.flatMap((c) => c.tags)) tags.set(tag, (tags.get(tag) ?? 0) + 1);
    for (const [tag, count] of tags) {
      expect(await db.annotations.where('tags').equals(tag).count(), tag).toBe(count);
    }
    const listed = await createHandlers(db)['tags:list']({});
    expect(new Set(listed.tags)).toEqual(new Set(tags.keys()));
    expect([...tags.keys()]).toEqual(expect.arrayContaining(['café', '日本市場', '🚀 launch']));
    const multiLine = claims.filter((c) => c.note.includes('\n'));
    expect(multiLine.length).toBeGreaterThan(5);
    for (const type of ['figure', 'quote', 'date', 'forecast', 'claim'] as const) {
      expect(await db.annotations.where('type').equals(type).count()).toBe(
        claims.filter((c) => c.type === type).length,
      );
    }
  });

  it('keeps every page, and every alias still finds its page', async () => {
    const { db } = await upgrade(fixture);
    const expected = pages.map((p) => ({ ...p, aliases: p.aliases ?? [] }));
    expect(await db.pages.orderBy('url').toArray()).toStrictEqual(
      expected.sort((a, b) => (a.url < b.url ? -1 : 1)),
    );
    for (const page of expected) {
      for (const alias of page.aliases) expect((await findPage(db, [alias]))?.url).toBe(page.url);
      expect(await db.annotations.where('url').equals(page.url).count()).toBe(
        claims.filter((c) => c.url === page.url).length,
      );
    }
    if (fixture.schemaVersion >= 2) {
      expect(expected.some((p) => p.aliases.length > 0)).toBe(true);
      expect(claims.some((c) => c.anchor?.status === 'orphan')).toBe(true);
      expect(claims.some((c) => c.anchor?.status === 'approximate' && c.anchor.text)).toBe(true);
    }
  });

  it('finds every claim by search: by a word of its note and by each of its tags', async () => {
    const { db } = await upgrade(fixture);
    const engine = createSearchEngine(db);
    const all = await engine.all('');
    expect(all.map((h) => h.annotation.id).sort()).toEqual(claims.map((c) => c.id).sort());

    const noted = claims.filter((c) => wordOf(c.note));
    expect(noted.length).toBeGreaterThan(60);
    for (const claim of noted) {
      const word = wordOf(claim.note);
      const hits = (await engine.all(word)).map((h) => h.annotation.id);
      expect(hits, `${word} (note of ${claim.id})`).toContain(claim.id);
    }

    const tags = [...new Set(claims.flatMap((c) => c.tags))];
    // Tags a query can spell (a tag holding a quotation mark cannot be written as tag:"…").
    const spellable = tags.filter((t) => {
      const parsed = parseQuery(`tag:"${t}"`);
      return parsed.tags.length === 1 && parsed.tags[0] === foldTag(t);
    });
    expect(spellable.length).toBeGreaterThan(tags.length - 3);
    expect(spellable).toEqual(expect.arrayContaining(['café', '日本市場', 'ümlaut straße']));
    for (const tag of spellable) {
      const hits = new Set((await engine.all(`tag:"${tag}"`)).map((h) => h.annotation.id));
      const tagged = claims.filter((c) => c.tags.includes(tag)).map((c) => c.id);
      for (const id of tagged) expect(hits.has(id), `tag:"${tag}" finds ${id}`).toBe(true);
      // tag: matches the start of a tag: nothing else comes back.
      for (const id of hits) {
        const claim = claims.find((c) => c.id === id)!;
        expect(claim.tags.some((t) => foldTag(t).startsWith(foldTag(tag)))).toBe(true);
      }
    }
  });
});

/** Resolves with `promise`, or rejects after `ms` (an upgrade blocked forever never settles). */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not done after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A connection as a page of the previous version (schema v2) holds it. */
async function oldPage(name: string): Promise<Dexie> {
  const old = new Dexie(name);
  old.version(1).stores(SCHEMA_V1);
  old.version(2).stores(SCHEMA_V2);
  opened.push(old);
  await old.open();
  return old;
}

const V2 = FIXTURES.find((f) => f.schemaVersion === 2)!;

function newClaim(id: string, note: string): Annotation {
  return {
    id,
    url: recordsOf<Page>(V2.database, 'pages')[0]!.url,
    quote: 'Sales rose 12% in the quarter',
    selectors: [
      { type: 'TextQuoteSelector', exact: 'Sales rose 12% in the quarter', prefix: '', suffix: '' },
    ],
    type: 'figure',
    tags: ['written-by-old-page'],
    note,
    created: '2026-02-01T10:00:00.000Z',
    updated: '2026-02-01T10:00:00.000Z',
  };
}

describe('a page of the previous version is open during the upgrade', () => {
  it('is closed so the upgrade completes, and its last write is in the upgraded database', async () => {
    const name = freshName();
    await restoreDatabase(indexedDB, V2.database, name);
    const old = await oldPage(name);
    const saved = newClaim('6f9d2c1e-0b7a-4c3d-9e8f-1a2b3c4d5e6f', 'saved by the old popup');
    await old.table('annotations').add(saved);
    // Not awaited: still in flight when the new version asks to upgrade.
    const inFlight = newClaim('7a0e3d2f-1c8b-4d4e-8f9a-2b3c4d5e6f70', 'in flight at the upgrade');
    const write = old.table('annotations').add(inFlight);

    const db = openDatabase(name);
    opened.push(db);
    await within(db.open(), 5_000, 'upgrade with an old page open');
    expect(db.verno).toBe(CURRENT);
    await expect(write).resolves.toBe(inFlight.id);
    expect(old.isOpen()).toBe(false);

    expect(await db.annotations.get(saved.id)).toStrictEqual(saved);
    expect(await db.annotations.get(inFlight.id)).toStrictEqual(inFlight);
    expect(await db.annotations.count()).toBe(recordsOf(V2.database, 'annotations').length + 2);
    const found = await createSearchEngine(db).all('tag:written-by-old-page');
    expect(found.map((h) => h.annotation.id).sort()).toEqual([saved.id, inFlight.id].sort());
  });

  it('(a page that vetoed the close would block it: what the timeout above detects)', async () => {
    const name = freshName();
    await restoreDatabase(indexedDB, V2.database, name);
    const old = await oldPage(name);
    old.on('versionchange', () => false); // a later subscriber returning false skips Dexie's close
    const db = openDatabase(name);
    opened.push(db);
    const opening = db.open();
    await expect(within(opening, 300, 'upgrade')).rejects.toThrow(/not done after/);
    old.close();
    await within(opening, 5_000, 'upgrade once the old page closed');
  });
});

describe('a page of this version is open when a newer schema version upgrades', () => {
  /** What the next schema change might look like, on top of the current one. */
  async function nextVersion(name: string): Promise<Dexie> {
    const next = openDatabase(name);
    next.version(CURRENT + 1).stores({ later: 'id' });
    opened.push(next);
    await within(next.open(), 5_000, 'upgrade to the next version');
    return next;
  }

  it('closes for good: the upgrade completes, the page is told, a late write fails', async () => {
    const name = freshName();
    await restoreDatabase(indexedDB, V2.database, name);
    const page = openDatabase(name);
    opened.push(page);
    const told = vi.fn();
    onDatabaseUpgraded(page, told);
    const saved = newClaim('6f9d2c1e-0b7a-4c3d-9e8f-1a2b3c4d5e6f', 'saved before the update');
    await page.annotations.add(saved);

    const next = await nextVersion(name);
    expect(page.isOpen()).toBe(false);
    await vi.waitFor(() => expect(told).toHaveBeenCalledWith(CURRENT + 1));
    expect(told).toHaveBeenCalledTimes(1);
    expect(await next.table('annotations').get(saved.id)).toMatchObject({ note: saved.note });

    // Dexie alone would reopen at the new version and write past its code (its middleware).
    const late = newClaim('7a0e3d2f-1c8b-4d4e-8f9a-2b3c4d5e6f70', 'saved after the update');
    await expect(page.annotations.add(late)).rejects.toThrow(/closed/i);
    expect(page.isOpen()).toBe(false);
    expect(await next.table('annotations').get(late.id)).toBeUndefined();
  });

  it('reopens after a change within its own schema version (Dexie schema patch)', async () => {
    const name = freshName();
    const page = openDatabase(name);
    opened.push(page);
    const told = vi.fn();
    onDatabaseUpgraded(page, told);
    await page.open();
    // Same version number, one more table: Dexie bumps the IndexedDB version by 1.
    const patched = openDatabase(name);
    patched.version(CURRENT).stores({ later: 'id' });
    opened.push(patched);
    await within(patched.open(), 5_000, 'schema patch with a page open');
    expect(patched.verno).toBe(CURRENT);
    await page.annotations.add(newClaim('6f9d2c1e-0b7a-4c3d-9e8f-1a2b3c4d5e6f', 'after patch'));
    expect(await page.annotations.count()).toBe(1);
    expect(told).not.toHaveBeenCalled();
  });

  it('still reopens after a deletion (Dexie default), and is not told', async () => {
    const name = freshName();
    const page = openDatabase(name);
    opened.push(page);
    const told = vi.fn();
    onDatabaseUpgraded(page, told);
    await page.open();
    await within(Dexie.delete(name), 5_000, 'delete with a page open');
    await page.annotations.add(newClaim('6f9d2c1e-0b7a-4c3d-9e8f-1a2b3c4d5e6f', 'after delete'));
    expect(await page.annotations.count()).toBe(1);
    expect(told).not.toHaveBeenCalled();
  });
});
