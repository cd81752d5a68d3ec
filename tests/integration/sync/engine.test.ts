/**
 * The background's sync engine against a real pouchdb-server: the status a reader sees for each
 * refusal, connecting, live pushes, offline and back, and Stop syncing.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCouchServer, type CouchServer } from '../../support/couch-server';
import { loadPouch } from '../../support/sync-device';
import { openDatabase, type ClaimmarkDB } from '../../../utils/store/db';
import { createHandlers } from '../../../utils/store/handlers';
import { createSyncEngine, type SyncEngine } from '../../../utils/store/sync/engine';
import { SYNC_CONFIG_KEY, type SyncStatus } from '../../../utils/store/sync/config';

let server: CouchServer;
let db: ClaimmarkDB;
let engine: SyncEngine | undefined;

beforeAll(async () => {
  server = await startCouchServer();
  await server.createUser('alice', 'alice-pw');
  await server.createUser('carol', 'carol-pw');
  await server.createDatabase('team', ['alice']);
}, 90_000);
afterAll(async () => {
  await server?.close();
});
afterEach(async () => {
  await engine?.stop();
  db?.close();
});

function memoryStorage(items: Record<string, unknown> = {}) {
  return {
    items,
    async get(key: string) {
      return key in items ? { [key]: items[key] } : {};
    },
    async set(patch: Record<string, unknown>) {
      Object.assign(items, structuredClone(patch));
    },
  };
}

async function start(user: string, password: string, database = 'team') {
  db = openDatabase(`engine-${crypto.randomUUID()}`);
  const storage = memoryStorage({
    [SYNC_CONFIG_KEY]: { server: server.url, database, user, password, since: 1 },
  });
  engine = createSyncEngine({
    db,
    storage,
    PouchDB: await loadPouch(),
    fetch: (input, init) => fetch(input, init),
  });
  await engine.start();
  return storage;
}

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const state = () => engine!.status();
const is = (s: Partial<SyncStatus>) => () =>
  Object.entries(s).every(([k, v]) => state()[k as keyof SyncStatus] === v);

describe('sync engine', () => {
  it('says why the server refused: wrong password, not a member, no such database', async () => {
    await start('alice', 'wrong');
    expect(state()).toMatchObject({ state: 'refused', reason: 'password' });
    await engine!.stop();
    db.close();
    await start('carol', 'carol-pw');
    expect(state()).toMatchObject({ state: 'refused', reason: 'member' });
    await engine!.stop();
    db.close();
    await start('alice', 'alice-pw', 'missing');
    expect(state()).toMatchObject({ state: 'refused', reason: 'missing' });
  });

  it('connects, sends a save, goes offline and comes back, and stops keeping the claims', async () => {
    const storage = await start('alice', 'alice-pw');
    await until(is({ state: 'idle' }), 'up to date');
    expect(storage.items.syncStatus).toMatchObject({ state: 'idle', user: 'alice' });
    const handlers = createHandlers(db);
    const id = crypto.randomUUID();
    await handlers['annotation:save']({
      annotation: {
        id,
        url: 'https://news.example/a',
        quote: '$17 billion',
        selectors: [{ type: 'TextQuoteSelector', exact: '$17 billion', prefix: '', suffix: '' }],
        type: 'figure',
        tags: [],
        note: '',
      },
    });
    engine!.kick();
    await until(
      async () => (await server.request('GET', `/team/claim:${id}`)).status === 200,
      'the claim on the server',
    );
    expect((await server.request('GET', `/team/claim:${id}`)).json).toMatchObject({
      author: 'alice',
    });

    await server.stop();
    await handlers['annotation:update']({ id, patch: { note: 'offline edit' } });
    engine!.kick();
    await until(is({ state: 'offline' }), 'offline');
    await server.start();
    await until(
      async () =>
        ((await server.request('GET', `/team/claim:${id}`)).json as { note?: string }).note ===
        'offline edit',
      'the offline edit on the server',
    );
    await until(is({ state: 'idle' }), 'up to date again');

    await engine!.stop();
    expect(state().state).toBe('off');
    expect(await db.annotations.get(id)).toMatchObject({ note: 'offline edit' });
    expect(await db.syncOutbox.count()).toBe(0);
    expect(await db.syncRevs.count()).toBe(0);
  }, 90_000);
});
