/**
 * The design document (utils/store/sync/design-doc.ts) as the extension meets it: devices
 * replicating through a members-only database that has it installed, on a real pouchdb-server.
 * Every write here is what the extension sends — PouchDB's replicator, `_bulk_docs` with
 * `new_edits: false`, authenticated as the member — validated with CouchDB 3's semantics
 * (tests/support/couch-validation-fix.mjs corrects pouchdb-server's plugin, which would silently
 * drop them). The first test fails without that correction.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCouchServer, type CouchServer } from '../../support/couch-server';
import {
  draftClaim,
  loadPouch,
  openDevice,
  syncUntilAgreed,
  type Device,
} from '../../support/sync-device';
import { openDatabase } from '../../../utils/store/db';
import { createHandlers } from '../../../utils/store/handlers';
import { createSyncEngine } from '../../../utils/store/sync/engine';
import {
  parseSyncStatus,
  SYNC_CONFIG_KEY,
  SYNC_STATUS_KEY,
} from '../../../utils/store/sync/config';
import { DESIGN_DOC } from '../../../utils/store/sync/design-doc';
import { claimDoc } from '../../../utils/store/sync/docs';
import type { Annotation } from '../../../utils/core/model';

let server: CouchServer;
const open: Device[] = [];

beforeAll(async () => {
  server = await startCouchServer();
  await server.createUser('alice', 'alice-pw');
  await server.createUser('bob', 'bob-pw');
}, 90_000);
afterAll(async () => {
  await server?.close();
});
afterEach(async () => {
  for (const device of open.splice(0)) await device.close();
});

async function guardedTeam(): Promise<{ database: string; a: Device; b: Device }> {
  const database = `guarded-${crypto.randomUUID().slice(0, 8)}`;
  await server.createDatabase(database, ['alice', 'bob']);
  const installed = await server.request('PUT', `/${database}/${DESIGN_DOC._id}`, DESIGN_DOC);
  expect(installed.status).toBe(201);
  const device = async (user: string) => {
    const d = await openDevice({ server: server.url, database, user, password: `${user}-pw` });
    open.push(d);
    return d;
  };
  return { database, a: await device('alice'), b: await device('bob') };
}

async function onServer(database: string, id: string) {
  const got = await server.request('GET', `/${database}/claim:${id}?revs=true&conflicts=true`);
  return { status: got.status, doc: got.json as Record<string, unknown> };
}

describe('design document during replication (two devices, new_edits: false)', () => {
  it('lets a member’s claim, another member’s edit and the answer back through, history intact', async () => {
    const { database, a, b } = await guardedTeam();
    const saved = await a.handlers['annotation:save']({ annotation: draftClaim() });
    await a.sync();
    await b.sync();
    expect(await b.db.annotations.get(saved.id)).toMatchObject({ note: 'target', author: 'alice' });

    await b.handlers['annotation:update']({ id: saved.id, patch: { note: 'edited by bob' } });
    await b.sync();
    await a.sync();
    expect(await a.db.annotations.get(saved.id)).toMatchObject({
      note: 'edited by bob',
      author: 'alice',
    });
    await a.handlers['annotation:update']({ id: saved.id, patch: { tags: ['tiktok', 'gmv'] } });
    await a.sync();
    await b.sync();
    expect((await b.db.annotations.get(saved.id))?.tags).toEqual(['tiktok', 'gmv']);

    const { doc } = await onServer(database, saved.id);
    expect(doc).toMatchObject({ note: 'edited by bob', tags: ['tiktok', 'gmv'], author: 'alice' });
    // Three revisions, each one linked to the one before (the plugin unpatched keeps only 1-…).
    expect((doc._revisions as { ids: string[] }).ids).toHaveLength(3);
    expect(a.refused).toEqual([]);
    expect(b.refused).toEqual([]);
  });

  it('refuses a claim naming another author; the replicator reports it, the rest goes through', async () => {
    const { database, a, b } = await guardedTeam();
    // Bob restores (or imports) a claim of alice's that the server never had: it names alice.
    const forged: Annotation = {
      ...draftClaim({ quote: 'April 5, 2025', type: 'date' }),
      selectors: [{ type: 'TextQuoteSelector', exact: 'April 5, 2025', prefix: '', suffix: '' }],
      created: '2026-01-01T00:00:00.000Z',
      updated: '2026-01-01T00:00:00.000Z',
      author: 'alice',
    };
    await b.handlers['annotation:restore']({ annotation: forged });
    const own = await b.handlers['annotation:save']({ annotation: draftClaim() });
    await b.sync();
    expect(b.refused).toEqual([
      { id: `claim:${forged.id}`, reason: 'A new claim must name you (bob) as its author.' },
    ]);
    expect((await onServer(database, forged.id)).status).toBe(404);
    expect((await onServer(database, own.id)).doc).toMatchObject({ author: 'bob' });
    await a.sync();
    expect(await a.db.annotations.get(forged.id)).toBeUndefined();
    expect(await a.db.annotations.get(own.id)).toMatchObject({ author: 'bob' });
    // Still on bob's device: refused is not deleted.
    expect(await b.db.annotations.get(forged.id)).toMatchObject({ author: 'alice' });
  });

  it('refuses an edit that changes the author and a malformed document, keeping the server’s', async () => {
    const { database, a, b } = await guardedTeam();
    const saved = await a.handlers['annotation:save']({ annotation: draftClaim() });
    await a.sync();
    await b.sync();
    // Written straight into bob's mirror, as a tampered extension or another client could.
    const current = await b.local.get(`claim:${saved.id}`);
    await b.local.put({ ...current, author: 'bob', note: 'mine now' });
    await b.local.put({ _id: `claim:${crypto.randomUUID()}`, kind: 'claim', v: 1, quote: '' });
    await b.local.put({
      ...claimDoc({ ...saved, id: crypto.randomUUID(), type: 'claim' }, 'bob'),
      url: 'javascript:alert(1)',
    });
    await b.exchange();
    expect(b.refused.map((r) => r.reason).sort()).toEqual([
      'The author of a claim does not change.',
      'id must be a UUID.',
      'url must be an http(s) or file URL.',
    ]);
    expect((await onServer(database, saved.id)).doc).toMatchObject({
      note: 'target',
      author: 'alice',
    });
    await a.sync();
    expect(await a.db.annotations.get(saved.id)).toMatchObject({ note: 'target', author: 'alice' });
  });

  it('passes deletions both ways, and another member’s undo keeps the author', async () => {
    const { database, a, b } = await guardedTeam();
    const saved = await a.handlers['annotation:save']({ annotation: draftClaim() });
    await a.sync();
    await b.sync();
    const copy = (await b.db.annotations.get(saved.id))!;
    await b.handlers['annotation:delete']({ id: saved.id });
    await b.sync();
    expect((await onServer(database, saved.id)).status).toBe(404);
    await a.sync();
    expect(await a.db.annotations.get(saved.id)).toBeUndefined();
    // Bob's undo: a new revision after the tombstone. CouchDB's oldDoc is that tombstone (it
    // keeps the author), so restoring alice's claim is an edit that keeps its author.
    await b.handlers['annotation:restore']({ annotation: copy });
    await b.sync();
    await a.sync();
    expect(await a.db.annotations.get(saved.id)).toMatchObject({ author: 'alice' });
    await a.handlers['annotation:delete']({ id: saved.id });
    await a.sync();
    await b.sync();
    expect(await b.db.annotations.get(saved.id)).toBeUndefined();
    expect([...a.refused, ...b.refused]).toEqual([]);
  });

  it('resolves a conflict (both edited offline) through the design document: tags merged, notes kept', async () => {
    const { database, a, b } = await guardedTeam();
    const saved = await a.handlers['annotation:save']({ annotation: draftClaim() });
    await a.sync();
    await b.sync();
    await a.handlers['annotation:update']({
      id: saved.id,
      patch: { tags: ['tiktok', 'ecommerce'], note: 'note from alice' },
    });
    await b.handlers['annotation:update']({
      id: saved.id,
      patch: { tags: ['tiktok', 'regulation'], note: 'note from bob' },
    });
    await a.bridge.push();
    await b.bridge.push();
    await syncUntilAgreed(a, b, saved.id);
    const onA = await a.db.annotations.get(saved.id);
    expect(onA).toEqual(await b.db.annotations.get(saved.id));
    expect([...onA!.tags].sort()).toEqual(['ecommerce', 'regulation', 'tiktok']);
    expect([onA!.note, ...onA!.otherNotes!.map((n) => n.note)].sort()).toEqual([
      'note from alice',
      'note from bob',
    ]);
    const { doc } = await onServer(database, saved.id);
    expect(doc._conflicts ?? []).toEqual([]);
    expect(doc).toMatchObject({ author: 'alice', note: onA!.note });
    expect([...a.refused, ...b.refused]).toEqual([]);
  });
});

describe('the sync engine with the design document', () => {
  it('counts what the server refused, with its reason, in the status the options page shows', async () => {
    const database = `guarded-${crypto.randomUUID().slice(0, 8)}`;
    await server.createDatabase(database, ['alice', 'bob']);
    await server.request('PUT', `/${database}/${DESIGN_DOC._id}`, DESIGN_DOC);
    const db = openDatabase(`engine-${crypto.randomUUID()}`);
    const items: Record<string, unknown> = {
      [SYNC_CONFIG_KEY]: {
        server: server.url,
        database,
        user: 'bob',
        password: 'bob-pw',
        since: 1,
      },
    };
    const engine = createSyncEngine({
      db,
      storage: {
        get: async (key) => (key in items ? { [key]: items[key] } : {}),
        set: async (patch) => void Object.assign(items, structuredClone(patch)),
      },
      PouchDB: await loadPouch(),
      fetch: (input, init) => fetch(input, init),
    });
    try {
      await engine.start();
      const handlers = createHandlers(db);
      const forged = { ...draftClaim(), created: '2026-01-01T00:00:00.000Z' };
      await handlers['annotation:restore']({
        annotation: { ...forged, updated: forged.created, author: 'alice' },
      });
      const own = await handlers['annotation:save']({ annotation: draftClaim() });
      engine.kick();
      const deadline = Date.now() + 30_000;
      while (engine.status().denied === 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
      }
      const status = parseSyncStatus(items[SYNC_STATUS_KEY]);
      expect(status).toMatchObject({
        denied: 1,
        deniedExamples: [
          { id: `claim:${forged.id}`, reason: 'A new claim must name you (bob) as its author.' },
        ],
      });
      await engine.settled();
      expect((await onServer(database, own.id)).doc).toMatchObject({ author: 'bob' });
      expect((await onServer(database, forged.id)).status).toBe(404);
    } finally {
      await engine.stop();
      db.close();
    }
  });
});
