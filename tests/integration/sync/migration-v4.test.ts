/**
 * Schema v4 (sync): a v3 database as Claimmark 0.3 wrote it (tests/fixtures/db/v3.json) opens
 * with every claim and page, empty sync tables, and from then on every write leaves an outbox
 * entry in its own transaction — also the search index's flush does not.
 */
import { Dexie } from 'dexie';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type ClaimmarkDB } from '../../../utils/store/db';
import { createHandlers } from '../../../utils/store/handlers';
import { whenSearchIndexed } from '../../../utils/search/maintain';
import type { Annotation } from '../../../utils/core/model';
import { recordsOf, restoreDatabase, type RawDatabase } from '../../fixtures/db/raw-idb';

const fixture = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'db', 'v3.json'), 'utf8'),
) as { database: RawDatabase };

let db: ClaimmarkDB | undefined;
let name = '';
afterEach(async () => {
  db?.close();
  await Dexie.delete(name);
});

describe('schema v4', () => {
  it('opens a v3 database with all of it, and tracks writes from then on', async () => {
    name = `v4-${crypto.randomUUID()}`;
    await restoreDatabase(indexedDB, fixture.database, name);
    db = openDatabase(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(4); // v4, or a later version over it
    const claims = recordsOf<Annotation>(fixture.database, 'annotations');
    expect(await db.annotations.count()).toBe(claims.length);
    expect(await db.syncOutbox.count()).toBe(0);
    expect(await db.syncRevs.count()).toBe(0);

    const first = claims[0]!;
    await createHandlers(db)['annotation:update']({ id: first.id, patch: { note: 'edited' } });
    await createHandlers(db)['annotation:delete']({ id: claims[1]!.id });
    await whenSearchIndexed(db);
    expect((await db.syncOutbox.toArray()).map((e) => e.key).sort()).toEqual(
      [`claim:${first.id}`, `claim:${claims[1]!.id}`].sort(),
    );
  });

  it('leaves no outbox entry when a write fails and rolls back', async () => {
    name = `v4-${crypto.randomUUID()}`;
    db = openDatabase(name);
    const d = db;
    const claim = recordsOf<Annotation>(fixture.database, 'annotations')[0]!;
    await expect(
      d.transaction('rw', d.annotations, async () => {
        await d.annotations.put(claim);
        expect(await d.syncOutbox.count()).toBe(1); // in the same transaction
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await d.annotations.count()).toBe(0);
    expect(await d.syncOutbox.count()).toBe(0);
  });
});

describe('the outbox sees every writer', () => {
  it('a tag merge and an import leave entries; the bridge’s own writes do not', async () => {
    name = `v4-${crypto.randomUUID()}`;
    await restoreDatabase(indexedDB, fixture.database, name);
    db = openDatabase(name);
    const d = db;
    const claims = recordsOf<Annotation>(fixture.database, 'annotations');
    const tagged = claims.find((c) => c.tags.length > 0)!;
    const { mergeTags } = await import('../../../utils/store/tags');
    await mergeTags(d, [tagged.tags[0]!], 'merged-tag');
    expect(await d.syncOutbox.get(`claim:${tagged.id}`)).toBeDefined();
    await d.syncOutbox.clear();
    await d.annotations.bulkPut([{ ...claims[2]!, note: 'imported' }]);
    expect(await d.syncOutbox.count()).toBe(1);
    await d.syncOutbox.clear();
    const { asBridgeWrite } = await import('../../../utils/store/sync/outbox');
    await d.transaction('rw', d.annotations, async (tx) => {
      asBridgeWrite(tx.idbtrans);
      await d.annotations.put({ ...claims[3]!, note: 'from the server' });
    });
    await whenSearchIndexed(d);
    expect(await d.syncOutbox.count()).toBe(0);
  });
});
