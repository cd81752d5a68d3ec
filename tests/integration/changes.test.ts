import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../utils/store/db';
import { whenTablesChange } from '../../utils/store/changes';
import { whenSearchIndexed } from '../../utils/search/maintain';
import { storedPage } from '../support/records';

const names: string[] = [];
afterEach(async () => {
  await Promise.all(names.splice(0).map((name) => Dexie.delete(name)));
});

const PACE = { delayMs: 20, everyMs: 200, share: 4 };
const until = async (check: () => boolean) => {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe('reading the library again when it changes', () => {
  it('runs once for a burst of writes, and ends current', async () => {
    const name = `changes-${crypto.randomUUID()}`;
    names.push(name);
    const db = openDatabase(name);
    const seen: number[] = [];
    const stop = whenTablesChange(
      db,
      ['pages'],
      async () => {
        seen.push(await db.pages.count());
      },
      PACE,
    );
    // 60 transactions, a few ms apart: a sync bringing a library in, batch after batch.
    for (let i = 0; i < 60; i++) {
      await db.pages.put(storedPage(`https://example.com/${i}`));
      await new Promise((r) => setTimeout(r, 3));
    }
    await until(() => seen.at(-1) === 60);
    expect(seen.at(-1)).toBe(60);
    expect(seen.length).toBeLessThan(10); // not once a write
    // Writes to another table do not count (once the search index took the pages in: its
    // flush writes them back).
    await whenSearchIndexed(db);
    await new Promise((r) => setTimeout(r, PACE.everyMs + 100));
    const runs = seen.length;
    await db.syncOutbox.put({ key: 'page:https://example.com/0', at: 1 });
    await new Promise((r) => setTimeout(r, PACE.everyMs + 100));
    expect(seen.length).toBe(runs);
    stop();
    await db.pages.put(storedPage('https://example.com/after'));
    await new Promise((r) => setTimeout(r, PACE.everyMs + 100));
    expect(seen.length).toBe(runs);
    db.close();
  });

  it('runs again after a run during which a write came', async () => {
    const name = `changes-${crypto.randomUUID()}`;
    names.push(name);
    const db = openDatabase(name);
    const seen: number[] = [];
    let wrote = false;
    const stop = whenTablesChange(
      db,
      ['pages'],
      async () => {
        const count = await db.pages.count();
        if (!wrote) {
          wrote = true; // a write while this run is under way
          await db.pages.put(storedPage('https://example.com/during'));
        }
        seen.push(count);
      },
      PACE,
    );
    await db.pages.put(storedPage('https://example.com/first'));
    await until(() => seen.at(-1) === 2);
    expect(seen).toEqual([1, 2]);
    stop();
    db.close();
  });
});
