/**
 * Schema v5: every write of a claim or page is stored once. The search middleware queues its key
 * (`searchQueue`) in the writer's own transaction instead of marking the record, so a flush reads
 * the record and never writes it back (utils/search/maintain.ts). Marks an earlier version left
 * are still folded and cleared.
 */
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type ClaimmarkDB } from '../../utils/store/db';
import type { Annotation } from '../../utils/core/model';
import { createSearchEngine } from '../../utils/search/engine';
import { whenSearchIndexed } from '../../utils/search/maintain';
import { decodeClaims, isClaimShard, type ClaimShard } from '../../utils/search/shards';

const names: string[] = [];
function freshName(): string {
  const name = `queue-${crypto.randomUUID()}`;
  names.push(name);
  return name;
}
afterEach(async () => {
  await Promise.all(names.splice(0).map((name) => Dexie.delete(name)));
});

function claim(id: string, quote: string): Annotation {
  return {
    id,
    url: 'https://example.com/a',
    quote,
    selectors: [],
    type: 'claim',
    tags: [],
    note: '',
    created: '2025-01-01T00:00:00.000Z',
    updated: '2025-01-01T00:00:00.000Z',
  };
}

async function indexedIds(db: ClaimmarkDB): Promise<string[]> {
  const shards = (await db.search.toArray()).filter(isClaimShard) as ClaimShard[];
  return shards
    .flatMap(decodeClaims)
    .map((e) => e.id)
    .sort();
}

const found = async (db: ClaimmarkDB, query: string) =>
  (await createSearchEngine(db).search(query, 5_000)).hits.map((h) => h.annotation.id).sort();

/** Counts the records each put writes to `annotations`, below every other middleware. */
function countPuts(db: ClaimmarkDB): number[] {
  const puts: number[] = [];
  db.use({
    stack: 'dbcore',
    name: 'CountPuts',
    level: -100,
    create: (down) => ({
      ...down,
      table(name) {
        const table = down.table(name);
        if (name !== 'annotations') return table;
        return {
          ...table,
          mutate(request) {
            if (request.type === 'put' || request.type === 'add') puts.push(request.values.length);
            return table.mutate(request);
          },
        };
      },
    }),
  });
  return puts;
}

describe('schema v5: the search queue', () => {
  it('stores each written claim once, queues its key, and empties the queue when folded', async () => {
    const db = openDatabase(freshName());
    const puts = countPuts(db);
    const many = Array.from({ length: 2_500 }, (_, i) => claim(`c-${i}`, `queued claim w${i}x`));
    await db.annotations.bulkPut(many);
    expect(await db.searchQueue.count()).toBe(2_500);
    // Found before its flush, from the queue.
    expect(await found(db, 'w2499x')).toEqual(['c-2499']);
    await whenSearchIndexed(db);
    expect(puts.reduce((a, b) => a + b, 0)).toBe(2_500); // no record written back
    expect(await db.searchQueue.count()).toBe(0);
    expect((await indexedIds(db)).length).toBe(2_500);
    const raw = new Dexie(db.name);
    await raw.open();
    expect(await raw.table('annotations').where('searchPending').equals(1).count()).toBe(0);
    raw.close();
    db.close();
  });

  it('commits a write and its queue entry together, or neither', async () => {
    const db = openDatabase(freshName());
    await expect(
      db.transaction('rw', db.annotations, async () => {
        await db.annotations.put(claim('gone', 'never stored'));
        expect(await db.searchQueue.count()).toBe(1); // in the writer's own transaction
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await db.annotations.count()).toBe(0);
    expect(await db.searchQueue.count()).toBe(0);
    db.close();
  });

  it('takes a deletion in from the queue when the deleting page closed before its flush', async () => {
    const name = freshName();
    const reader = openDatabase(name);
    await reader.annotations.bulkPut([claim('a', 'kept words'), claim('b', 'deleted words')]);
    await whenSearchIndexed(reader);
    const writer = openDatabase(name);
    await writer.annotations.delete('b');
    writer.close(); // its flush never runs, and its note of the deletion is gone with it
    expect(await reader.searchQueue.toCollection().primaryKeys()).toEqual(['a:b']);
    expect(await found(reader, 'words')).toEqual(['a']);
    await whenSearchIndexed(reader); // the reader scheduled a flush for what it met
    expect(await indexedIds(reader)).toEqual(['a']);
    expect(await reader.searchQueue.count()).toBe(0);
    reader.close();
  });

  it('folds and clears a mark an earlier version left on a record', async () => {
    const name = freshName();
    const db = openDatabase(name);
    await db.annotations.put(claim('a', 'first words'));
    await whenSearchIndexed(db);
    db.close();
    // As v3–v4 left a claim edited by a popup closed before its flush: marked, not in the shards.
    const raw = new Dexie(name);
    await raw.open();
    await raw.table('annotations').put({ ...claim('m', 'marked words'), searchPending: 1 });
    raw.close();
    const reopened = openDatabase(name);
    expect(await reopened.searchQueue.count()).toBe(0);
    expect(await found(reopened, 'marked')).toEqual(['m']);
    await whenSearchIndexed(reopened);
    expect(await indexedIds(reopened)).toEqual(['a', 'm']);
    expect(await reopened.annotations.get('m')).not.toHaveProperty('searchPending');
    reopened.close();
    const after = new Dexie(name);
    await after.open();
    expect(await after.table('annotations').where('searchPending').equals(1).count()).toBe(0);
    after.close();
  });
});
