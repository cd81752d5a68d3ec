/**
 * The sync bridge against a real CouchDB-protocol server (pouchdb-server started here on
 * 127.0.0.1 with a random port): two devices, each a Dexie database + a PouchDB mirror.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCouchServer, type CouchServer } from '../../support/couch-server';
import { draftClaim, openDevice, syncUntilAgreed, type Device } from '../../support/sync-device';
import { HOSTILE_TEXT } from '../../fixtures/hostile';
import { wellFormed } from '../../../utils/export/text';

let server: CouchServer;
let database = '';
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

async function team(): Promise<[Device, Device]> {
  database = `team-${crypto.randomUUID().slice(0, 8)}`;
  await server.createDatabase(database, ['alice', 'bob']);
  const a = await openDevice({ server: server.url, database, user: 'alice', password: 'alice-pw' });
  const b = await openDevice({ server: server.url, database, user: 'bob', password: 'bob-pw' });
  open.push(a, b);
  return [a, b];
}

const METADATA = {
  title: 'TikTok cracks down',
  byline: 'K. A.',
  siteName: 'Hub',
  publishedTime: '',
  lang: 'en',
  excerpt: '',
};

describe('sync bridge', () => {
  it('sends a claim and its page from one device to the other, with its author', async () => {
    const [a, b] = await team();
    const saved = await a.handlers['annotation:save']({
      annotation: draftClaim(),
      metadata: METADATA,
    });
    await a.sync();
    await b.sync();
    const got = await b.db.annotations.get(saved.id);
    expect(got).toMatchObject({ quote: '$17 billion', tags: ['tiktok'], note: 'target' });
    expect(got?.author).toBe('alice');
    expect((await a.db.annotations.get(saved.id))?.author).toBe('alice');
    expect(await b.db.pages.get(saved.url)).toMatchObject({ title: 'TikTok cracks down' });
    expect(b.applied).toContain(saved.url);
    expect(await a.bridge.pending()).toBe(0);
  });

  it('does not read its own copies back from the mirror, and still takes in what arrived', async () => {
    const [a, b] = await team();
    const theirs = await b.handlers['annotation:save']({ annotation: draftClaim() });
    await b.sync();
    for (let i = 0; i < 3; i++) await a.handlers['annotation:save']({ annotation: draftClaim() });
    const read: number[] = [];
    const changes = a.local.changes.bind(a.local);
    a.local.changes = ((options) => {
      const feed = changes(options);
      void feed.then((result) => read.push(result.results.length));
      return feed;
    }) as typeof a.local.changes;
    await a.bridge.push(); // the mirror held nothing the pull had not taken in: passed
    await a.bridge.pull();
    expect(read).toEqual([0]);
    await a.exchange(); // b's claim reaches the mirror
    await a.bridge.pull();
    expect((await a.db.annotations.get(theirs.id))?.author).toBe('bob');
    await a.handlers['annotation:save']({ annotation: draftClaim() });
    read.length = 0;
    await a.bridge.push();
    await a.bridge.pull();
    expect(read).toEqual([0]);
  });

  it('sends an edit back, keeps the author, and does not echo it', async () => {
    const [a, b] = await team();
    const saved = await a.handlers['annotation:save']({ annotation: draftClaim() });
    await a.sync();
    await b.sync();
    await b.handlers['annotation:update']({ id: saved.id, patch: { note: 'edited by bob' } });
    await b.sync();
    await a.sync();
    const got = await a.db.annotations.get(saved.id);
    expect(got?.note).toBe('edited by bob');
    expect(got?.author).toBe('alice');
    const doc = await a.local.get(`claim:${saved.id}`);
    await a.sync();
    expect((await a.local.get(`claim:${saved.id}`))._rev).toBe(doc._rev);
  });

  it('deletes on the other device, and undo brings the claim back everywhere', async () => {
    const [a, b] = await team();
    const saved = await a.handlers['annotation:save']({ annotation: draftClaim() });
    await a.sync();
    await b.sync();
    await a.handlers['annotation:delete']({ id: saved.id });
    await a.sync();
    await b.sync();
    expect(await b.db.annotations.get(saved.id)).toBeUndefined();
    await a.handlers['annotation:restore']({ annotation: saved });
    await a.sync();
    await b.sync();
    expect((await b.db.annotations.get(saved.id))?.quote).toBe('$17 billion');
  });

  it('lets a member delete another’s claim and undo it (the author stays)', async () => {
    const [a, b] = await team();
    const saved = await a.handlers['annotation:save']({ annotation: draftClaim() });
    await a.sync();
    await b.sync();
    const copy = (await b.db.annotations.get(saved.id))!;
    await b.handlers['annotation:delete']({ id: saved.id });
    await b.sync();
    await a.sync();
    expect(await a.db.annotations.get(saved.id)).toBeUndefined();
    await b.handlers['annotation:restore']({ annotation: copy });
    await b.sync();
    await a.sync();
    expect(await a.db.annotations.get(saved.id)).toMatchObject({ author: 'alice' });
  });

  it('merges tags and keeps both notes of an edit made on both devices offline', async () => {
    const [a, b] = await team();
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
    // Both write into their mirrors "offline", then meet on the server.
    await a.bridge.push();
    await b.bridge.push();
    await syncUntilAgreed(a, b, saved.id);
    const onA = await a.db.annotations.get(saved.id);
    const onB = await b.db.annotations.get(saved.id);
    expect(onA).toEqual(onB);
    expect([...onA!.tags].sort()).toEqual(['ecommerce', 'regulation', 'tiktok']);
    const notes = [onA!.note, ...(onA!.otherNotes ?? []).map((n) => n.note)].sort();
    expect(notes).toEqual(['note from alice', 'note from bob']);
    expect(onA!.otherNotes).toHaveLength(1);
    const doc = await a.local.get(`claim:${saved.id}`, { conflicts: true });
    expect(doc._conflicts ?? []).toEqual([]);
    // One click keeps the other version, on both devices.
    const other = onB!.otherNotes![0]!.note;
    await b.handlers['annotation:update']({
      id: saved.id,
      patch: { note: other, resolveOtherNotes: true },
    });
    await b.sync();
    await a.sync();
    const kept = await a.db.annotations.get(saved.id);
    expect(kept?.note).toBe(other);
    expect(kept?.otherNotes).toBeUndefined();
  });

  it('keeps an offline save queued and sends it when the server is back', async () => {
    const [a, b] = await team();
    await server.stop();
    const saved = await a.handlers['annotation:save']({ annotation: draftClaim() });
    await a.bridge.push();
    await expect(a.local.sync(a.remote, {})).rejects.toBeTruthy();
    await server.start();
    await a.sync();
    await b.sync();
    expect((await b.db.annotations.get(saved.id))?.quote).toBe('$17 billion');
  }, 90_000);

  it('neither loses nor doubles a write when stopped between the mirror and the outbox', async () => {
    const [a] = await team();
    const saved = await a.handlers['annotation:save']({ annotation: draftClaim() });
    const bulkDocs = a.local.bulkDocs.bind(a.local);
    let crashed = false;
    a.local.bulkDocs = async (docs) => {
      const result = await bulkDocs(docs);
      if (!crashed) {
        crashed = true;
        throw new Error('worker stopped');
      }
      return result;
    };
    await expect(a.bridge.push()).rejects.toThrow('worker stopped');
    expect(await a.bridge.pending()).toBe(2); // the claim and its page
    const first = await a.local.get(`claim:${saved.id}`);
    await a.bridge.push();
    expect(await a.bridge.pending()).toBe(0);
    expect((await a.local.get(`claim:${saved.id}`))._rev).toBe(first._rev);
  });

  it('copies a claim edited while its batch was being copied again, and clears the rest at once', async () => {
    const [a] = await team();
    const saved = await a.handlers['annotation:save']({ annotation: draftClaim() });
    const other = await a.handlers['annotation:save']({
      annotation: draftClaim({ quote: 'April 5' }),
    });
    const bulkDocs = a.local.bulkDocs.bind(a.local);
    let edited = false;
    a.local.bulkDocs = async (docs) => {
      const result = await bulkDocs(docs);
      if (!edited) {
        edited = true; // a write lands between reading the outbox and clearing it
        await a.handlers['annotation:update']({
          id: saved.id,
          patch: { note: 'edited meanwhile' },
        });
      }
      return result;
    };
    await a.bridge.push();
    expect(await a.bridge.pending()).toBe(0);
    expect((await a.local.get(`claim:${saved.id}`)).note).toBe('edited meanwhile');
    expect((await a.local.get(`claim:${other.id}`)).quote).toBe('April 5');
  });

  it('skips and counts a malformed document planted on the server; hostile text stays text', async () => {
    const [a, b] = await team();
    const texts = HOSTILE_TEXT.filter((h) => h.text.length < 2_000).map((h) => h.text);
    const hostile = draftClaim({ note: texts.join('\n'), tags: ['<b>x</b>'] });
    await a.handlers['annotation:save']({ annotation: hostile });
    await a.sync();
    const planted = [
      { _id: 'claim:not-a-uuid', kind: 'claim', v: 1, quote: 'x' },
      { _id: `claim:${crypto.randomUUID()}`, kind: 'claim', v: 1, ...draftClaim(), type: 'evil' },
      { _id: 'page:javascript:alert(1)', kind: 'page', v: 1, url: 'javascript:alert(1)' },
      {
        _id: `claim:${crypto.randomUUID()}`,
        kind: 'claim',
        v: 1,
        ...draftClaim(),
        note: 'x'.repeat(60_000),
      },
      { _id: 'random', hello: 'world' },
    ];
    const put = await server.request('POST', `/${database}/_bulk_docs`, { docs: planted });
    expect(put.status).toBe(201);
    await b.sync();
    expect([...b.invalid.keys()].sort()).toEqual(planted.map((d) => d._id).sort());
    expect(await b.db.annotations.count()).toBe(1);
    const got = await b.db.annotations.get(hostile.id);
    // As an import does: text kept as written, lone surrogates replaced by U+FFFD.
    expect(got?.note).toBe(wellFormed(hostile.note));
    expect(got?.tags).toEqual(['<b>x</b>']);
  });
});
