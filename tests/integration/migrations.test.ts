import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { findPage, openDatabase, SCHEMA_V1 } from '../../utils/store/db';
import { createHandlers } from '../../utils/store/handlers';

const names: string[] = [];
afterEach(async () => {
  await Promise.all(names.splice(0).map((name) => Dexie.delete(name)));
});

/** A database exactly as Claimmark 0.1 (schema v1) wrote it. */
async function writeV1(name: string) {
  names.push(name);
  const old = new Dexie(name);
  old.version(1).stores(SCHEMA_V1);
  await old.table('pages').bulkAdd([
    {
      url: 'https://example.com/a',
      title: 'A',
      byline: '',
      siteName: 'Example',
      publishedTime: '',
      lang: 'en',
      excerpt: '',
      firstSeen: '2025-01-01T00:00:00.000Z',
      lastSeen: '2025-01-02T00:00:00.000Z',
    },
  ]);
  const claims = Array.from({ length: 50 }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    url: 'https://example.com/a',
    quote: `quote ${i}`,
    selectors: [{ type: 'TextQuoteSelector', exact: `quote ${i}`, prefix: '', suffix: '' }],
    type: i % 2 ? 'figure' : 'quote',
    tags: [`tag${i % 3}`],
    note: `note ${i}`,
    created: '2025-01-01T00:00:00.000Z',
    updated: '2025-01-01T00:00:00.000Z',
  }));
  await old.table('annotations').bulkAdd(claims);
  old.close();
  return claims;
}

describe('schema migrations', () => {
  it('opens a v1 database with every claim, tag and note, and gives pages aliases', async () => {
    const name = `migrate-${crypto.randomUUID()}`;
    const claims = await writeV1(name);
    const db = openDatabase(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(2); // the current version, whatever came after v1
    expect(await db.annotations.orderBy('id').toArray()).toEqual(claims);
    expect(await db.annotations.where('tags').equals('tag1').count()).toBe(17);
    expect((await db.pages.get('https://example.com/a'))?.aliases).toEqual([]);
    db.close();
  });

  it('finds a migrated page through an alias learned after the upgrade', async () => {
    const name = `migrate-${crypto.randomUUID()}`;
    await writeV1(name);
    const db = openDatabase(name);
    const handlers = createHandlers(db);
    const loaded = await handlers['page:load']({
      url: 'https://example.com/a-renamed',
      aliases: ['https://example.com/a'],
    });
    expect(loaded.page?.url).toBe('https://example.com/a');
    expect(loaded.annotations).toHaveLength(50);
    expect((await findPage(db, ['https://example.com/a-renamed']))?.url).toBe(
      'https://example.com/a',
    );
    db.close();
  });
});
