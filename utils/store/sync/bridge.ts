/**
 * The bridge between Dexie (the store the UI and search read) and a local PouchDB (the mirror
 * PouchDB's replicator keeps in step with CouchDB). Data code: Dexie and PouchDB, no DOM.
 *
 * - `push` drains the outbox (outbox.ts): each claim or page written since is copied into the
 *   mirror as a document (a deletion as a tombstone), unless the mirror already has that content.
 *   The local mirror is always reachable, so the outbox empties offline too; the replicator sends
 *   the mirror's changes when the server is back.
 * - `pull` reads the mirror's changes feed from a checkpoint kept in the mirror
 *   (`_local/claimmark-bridge`): every document is validated (docs.ts) — an invalid one is
 *   skipped and counted, nothing else changes — and written into Dexie in a transaction marked as
 *   the bridge's (no outbox entry, no echo).
 * - A record edited here while another version arrived (the mirror's revision moved past the one
 *   the record was synced at, `syncRevs`) is merged: tags of both, the other note kept in
 *   `otherNotes`. A CouchDB conflict (two devices edited offline) is resolved the same way on the
 *   CouchDB winner, and the losing revisions are removed.
 *
 * Stopped at any point (the service worker ends), nothing is lost or doubled: an outbox entry is
 * cleared only after its document is in the mirror, and only if no newer write marked it again;
 * the pull checkpoint advances only after Dexie committed; redoing either step changes nothing
 * (documents equal by content are not written again; records equal by hash are skipped).
 */
import type { Annotation, Page } from '../../core/model';
import type { ClaimmarkDB } from '../db';
import {
  CLAIM_PREFIX,
  claimDoc,
  contentHash,
  docHash,
  mergeClaims,
  mergePages,
  PAGE_PREFIX,
  pageDoc,
  readRemoteDoc,
  type RemoteRecord,
  type SyncDoc,
} from './docs';
import { asBridgeWrite, type OutboxEntry, type SyncRev } from './outbox';
import type { PouchDatabase, PouchDoc } from './pouch';

export const DELETED = 'deleted';
/**
 * Records per round trip between Dexie and the mirror (one Dexie transaction each). Measured with
 * `npm run bench:sync` at 3,000 claims: 250 made the first sync slower both ways (45 s up, 39 s
 * down, against 34 s and 15 s) and did not make the popup smoother while it arrived.
 */
const BATCH = 1_000;
const CHECKPOINT = '_local/claimmark-bridge';

export interface BridgeOptions {
  db: ClaimmarkDB;
  local: PouchDatabase;
  /** The CouchDB user: the author of claims that have none yet. */
  user: string;
  /** Claims or pages of these URLs changed from the server (open tabs repaint). */
  onApplied?: (urls: string[]) => void;
  /** A document from the server was refused. */
  onInvalid?: (id: string, reason: string) => void;
}

export interface Bridge {
  /** Queue every claim and page (first connection): they are compared with the mirror. */
  queueAll(): Promise<number>;
  /** Copy the outbox into the mirror; returns the number of documents written. */
  push(): Promise<number>;
  /** Apply the mirror's changes to Dexie; returns the number of records written. */
  pull(): Promise<number>;
  /** Entries still in the outbox. */
  pending(): Promise<number>;
}

export function createBridge(options: BridgeOptions): Bridge {
  const { db, local, user } = options;

  /** The records of `keys` and the revisions they were synced at (`withRevs`). */
  async function recordsOf(keys: string[], withRevs = true) {
    const claimIds = keys.filter((k) => k.startsWith(CLAIM_PREFIX)).map((k) => k.slice(6));
    const pageUrls = keys.filter((k) => k.startsWith(PAGE_PREFIX)).map((k) => k.slice(5));
    const [claims, pages, revs] = await db.transaction(
      'r',
      db.annotations,
      db.pages,
      db.syncRevs,
      () =>
        Promise.all([
          db.annotations.bulkGet(claimIds),
          db.pages.bulkGet(pageUrls),
          withRevs ? db.syncRevs.bulkGet(keys) : [],
        ]),
    );
    const byKey = new Map<string, Annotation | Page | undefined>();
    claimIds.forEach((id, i) => byKey.set(CLAIM_PREFIX + id, claims[i]));
    pageUrls.forEach((url, i) => byKey.set(PAGE_PREFIX + url, pages[i]));
    const baseOf = new Map<string, SyncRev>();
    for (const rev of revs) if (rev) baseOf.set(rev.key, rev);
    return { byKey, baseOf };
  }

  function docOf(record: Annotation | Page): SyncDoc {
    return 'quote' in record ? claimDoc(record, user) : pageDoc(record);
  }

  function hashOf(record: Annotation | Page | undefined): string {
    return record ? contentHash(record) : DELETED;
  }

  /** The remote version as a record, or undefined when it does not validate. */
  function remoteRecord(doc: PouchDoc): RemoteRecord | undefined {
    try {
      return readRemoteDoc(doc);
    } catch {
      return undefined;
    }
  }

  async function pushBatch(entries: OutboxEntry[]): Promise<number> {
    const keys = entries.map((e) => e.key);
    const { byKey, baseOf } = await recordsOf(keys);
    const { rows } = await local.allDocs({ keys, include_docs: true });
    const writes: Record<string, unknown>[] = [];
    const revs = new Map<string, SyncRev>();
    /** Records to write back into Dexie (author stamped, or merged), if unchanged meanwhile. */
    const writeBack = new Map<string, { read: string; record: Annotation | Page }>();
    const done = new Set<string>();
    keys.forEach((key, i) => {
      const record = byKey.get(key);
      const base = baseOf.get(key);
      const row = rows[i];
      const currentRev = row?.value?.rev;
      const current = row?.value && !row.value.deleted && row.doc ? row.doc : undefined;
      const moved = currentRev !== undefined && base !== undefined && base.rev !== currentRev;
      if (!record) {
        done.add(key);
        if (!current) return;
        if (moved && base.hash !== DELETED) {
          // Deleted here while edited elsewhere: the edit wins (as in CouchDB); pull restores it.
          revs.set(key, { key, rev: base.rev, hash: DELETED });
          return;
        }
        // The tombstone keeps the author: an undo by another member may restore the claim.
        const author = typeof current.author === 'string' ? { author: current.author } : {};
        writes.push({ _id: key, _rev: currentRev, _deleted: true, ...author });
        return;
      }
      let doc = docOf(record);
      if (current) {
        const currentHash = docHash(current as unknown as SyncDoc);
        if (currentHash === docHash(doc)) {
          revs.set(key, { key, rev: currentRev!, hash: currentHash });
          done.add(key);
          writeBack.set(key, { read: hashOf(record), record: stripDoc(doc) });
          return;
        }
        if (moved && base.hash === hashOf(record)) {
          done.add(key); // changed only there: pull applies it
          return;
        }
        if (moved || !base) {
          const remote = remoteRecord(current);
          if (remote && remote.kind === 'claim' && 'quote' in record) {
            doc = claimDoc(mergeClaims(record, [remote.record]), user);
          } else if (remote && remote.kind === 'page' && !('quote' in record)) {
            doc = pageDoc(mergePages(record, [remote.record]));
          }
        }
      }
      writes.push(currentRev ? { ...doc, _rev: currentRev } : { ...doc });
      writeBack.set(key, { read: hashOf(record), record: stripDoc(doc) });
    });
    const before = writes.length > 0 ? (await local.info()).update_seq : undefined;
    const results = writes.length > 0 ? await local.bulkDocs(writes) : [];
    const after = before !== undefined ? (await local.info()).update_seq : undefined;
    results.forEach((result, i) => {
      const key = writes[i]!._id as string;
      if (!result.ok || !result.rev) return; // a replication wrote it meanwhile: next round
      done.add(key);
      const hash = writes[i]!._deleted ? DELETED : docHash(writes[i] as unknown as SyncDoc);
      revs.set(key, { key, rev: result.rev, hash });
    });
    await db.transaction(
      'rw',
      [db.annotations, db.pages, db.syncOutbox, db.syncRevs],
      async (tx) => {
        asBridgeWrite(tx.idbtrans);
        await clearOutbox(entries, done);
        await db.syncRevs.bulkPut([...revs.values()]);
        // The author stamped or the merge made: into Dexie too, if the record is as it was read.
        const { byKey } = await recordsOf([...writeBack.keys()], false);
        const claims: Annotation[] = [];
        const pages: Page[] = [];
        for (const [key, { read, record }] of writeBack) {
          const stored = byKey.get(key);
          if (!stored || hashOf(stored) !== read || hashOf(record) === read) continue;
          if ('quote' in record) {
            const anchor = 'anchor' in stored ? stored.anchor : undefined;
            claims.push(anchor ? { ...record, anchor } : record);
          } else pages.push(record);
        }
        if (claims.length > 0) await db.annotations.bulkPut(claims);
        if (pages.length > 0) await db.pages.bulkPut(pages);
      },
    );
    const written = results.filter((r) => r.ok).length;
    if (before !== undefined && after !== undefined) await passOwnWrites(before, after, written);
    return written;
  }

  /**
   * The mirror's changes from `before` to `after` are exactly the `written` documents of one
   * bulkDocs (one IndexedDB transaction numbers its documents one after the other, and nothing
   * else wrote between the two reads of the sequence): if the pull had taken in everything up to
   * `before`, its checkpoint moves past them, and it does not read our own writes back (a first
   * sync sends the whole library through the mirror). Otherwise the pull reads them as before
   * and recognises them by their revision.
   */
  async function passOwnWrites(
    before: number | string,
    after: number | string,
    written: number,
  ): Promise<void> {
    if (typeof before !== 'number' || typeof after !== 'number' || after - before !== written) {
      return;
    }
    const { seq, rev } = await checkpoint();
    if (seq !== before) return;
    await local.put({ _id: CHECKPOINT, ...(rev ? { _rev: rev } : {}), seq: after });
  }

  /**
   * Clear the entries of `done` that no write marked again since they were read (inside the
   * bridge's transaction). The batch is the first entries in key order: when all of them are done
   * and unchanged, one range request clears them all (instead of one request per entry).
   */
  async function clearOutbox(entries: OutboxEntry[], done: ReadonlySet<string>): Promise<void> {
    if (entries.length === 0 || done.size === 0) return;
    const stamp = new Map(entries.map((e) => [e.key, e.at]));
    const range = db.syncOutbox
      .where(':id')
      .between(entries[0]!.key, entries.at(-1)!.key, true, true);
    const now = await range.toArray();
    if (
      done.size === entries.length &&
      now.length === entries.length &&
      now.every((e) => stamp.get(e.key) === e.at)
    ) {
      await range.delete();
      return;
    }
    const unchanged = now.filter((e) => done.has(e.key) && stamp.get(e.key) === e.at);
    await db.syncOutbox.bulkDelete(unchanged.map((e) => e.key));
  }

  async function push(): Promise<number> {
    let written = 0;
    let previous = '';
    for (;;) {
      const entries = await db.syncOutbox.limit(BATCH).toArray();
      if (entries.length === 0) return written;
      const signature = entries.map((e) => `${e.key}@${e.at}`).join('|');
      if (signature === previous) return written; // no progress (conflicts): next run retries
      previous = signature;
      written += await pushBatch(entries);
    }
  }

  async function checkpoint(): Promise<{ seq: number | string; rev?: string }> {
    try {
      const doc = await local.get(CHECKPOINT);
      return { seq: (doc.seq as number | string) ?? 0, rev: doc._rev };
    } catch {
      return { seq: 0 };
    }
  }

  /** Resolve a CouchDB conflict on the winner: merged record, losing revisions removed. */
  async function resolve(doc: PouchDoc): Promise<void> {
    const losers = doc._conflicts ?? [];
    const versions = await Promise.all(
      losers.map((rev) => local.get(doc._id, { rev }).catch(() => undefined)),
    );
    const winner = remoteRecord(doc);
    const others = versions
      .map((v) => (v ? remoteRecord(v) : undefined))
      .filter((r): r is RemoteRecord => r !== undefined && r.kind === winner?.kind);
    const writes: Record<string, unknown>[] = losers.map((rev) => ({
      _id: doc._id,
      _rev: rev,
      _deleted: true,
    }));
    if (winner?.kind === 'claim') {
      const merged = mergeClaims(
        winner.record,
        others.map((o) => o.record as Annotation),
      );
      writes.unshift({ ...claimDoc(merged), _rev: doc._rev });
    } else if (winner?.kind === 'page') {
      const merged = mergePages(
        winner.record,
        others.map((o) => o.record as Page),
      );
      writes.unshift({ ...pageDoc(merged), _rev: doc._rev });
    }
    await local.bulkDocs(writes);
  }

  /**
   * Write the changes of a batch into Dexie, in one transaction marked as the bridge's. Our own
   * writes coming back from the mirror (a first sync sends every claim through it) are recognised
   * by their revision in `syncRevs` and skipped before anything else is read or checked; every
   * other document is validated (an invalid one is counted and skipped). Returns the URLs changed
   * and how many documents were new here.
   */
  async function applyChanges(
    changes: { id: string; deleted?: boolean; doc?: PouchDoc }[],
  ): Promise<{ urls: string[]; taken: number }> {
    const candidates = changes.filter((c) => c.doc && !c.id.startsWith('_design/'));
    const urls = new Set<string>();
    let taken = 0;
    if (candidates.length === 0) return { urls: [], taken };
    await db.transaction(
      'rw',
      [db.annotations, db.pages, db.syncOutbox, db.syncRevs],
      async (tx) => {
        asBridgeWrite(tx.idbtrans);
        const bases = await db.syncRevs.bulkGet(candidates.map((c) => c.id));
        const baseOf = new Map<string, SyncRev>();
        const valid: { key: string; rev: string; remote?: RemoteRecord }[] = [];
        candidates.forEach((change, i) => {
          const doc = change.doc!;
          const base = bases[i];
          if (base?.rev === doc._rev) return; // already here (our own write coming back)
          if (base) baseOf.set(change.id, base);
          taken++;
          if (change.deleted || doc._deleted) {
            if (change.id.startsWith(CLAIM_PREFIX) || change.id.startsWith(PAGE_PREFIX)) {
              valid.push({ key: change.id, rev: doc._rev });
            }
            return;
          }
          try {
            valid.push({ key: change.id, rev: doc._rev, remote: readRemoteDoc(doc) });
          } catch (error) {
            options.onInvalid?.(change.id, error instanceof Error ? error.message : String(error));
          }
        });
        if (valid.length === 0) return;
        const { byKey } = await recordsOf(
          valid.map((v) => v.key),
          false,
        );
        const claims: Annotation[] = [];
        const pages: Page[] = [];
        const goneClaims: string[] = [];
        const gonePages: string[] = [];
        const revs: SyncRev[] = [];
        for (const { key, rev, remote } of valid) {
          const record = byKey.get(key);
          const base = baseOf.get(key);
          const unchanged = record ? base !== undefined && hashOf(record) === base.hash : true;
          if (!unchanged) {
            // Edited here since: equal content just records the revision; otherwise push merges.
            if (remote && hashOf(record) === contentHash(remote.record)) {
              revs.push({ key, rev, hash: hashOf(record) });
            }
            continue;
          }
          revs.push({ key, rev, hash: remote ? contentHash(remote.record) : DELETED });
          if (!remote) {
            if (!record) continue;
            if (key.startsWith(CLAIM_PREFIX)) goneClaims.push(key.slice(6));
            else gonePages.push(key.slice(5));
            urls.add(record.url);
            continue;
          }
          if (remote.kind === 'claim') {
            const anchor = record && 'anchor' in record ? record.anchor : undefined;
            claims.push(anchor ? { ...remote.record, anchor } : remote.record);
          } else {
            const lastSeen =
              record && 'lastSeen' in record && record.lastSeen > remote.record.lastSeen
                ? record.lastSeen
                : remote.record.lastSeen;
            pages.push({ ...remote.record, lastSeen });
          }
          urls.add(remote.record.url);
        }
        if (claims.length > 0) await db.annotations.bulkPut(claims);
        if (pages.length > 0) await db.pages.bulkPut(pages);
        if (goneClaims.length > 0) await db.annotations.bulkDelete(goneClaims);
        if (gonePages.length > 0) await db.pages.bulkDelete(gonePages);
        if (revs.length > 0) await db.syncRevs.bulkPut(revs);
      },
    );
    return { urls: [...urls], taken };
  }

  /** The changes of `changes` whose revision this device has not taken in yet (`syncRevs`). */
  async function newChanges<T extends { id: string; doc?: PouchDoc }>(changes: T[]): Promise<T[]> {
    if (changes.length === 0) return [];
    const bases = await db.syncRevs.bulkGet(changes.map((c) => c.id));
    return changes.filter((c, i) => c.doc?._rev === undefined || bases[i]?.rev !== c.doc._rev);
  }

  async function pull(): Promise<number> {
    let applied = 0;
    let { seq, rev } = await checkpoint();
    for (;;) {
      // The idb adapter reads every change's document for the feed anyway: taking it from there
      // costs no further request (a second read by id did: two requests a document).
      const feed = await local.changes({
        since: seq,
        limit: BATCH,
        include_docs: true,
        conflicts: true,
      });
      if (feed.results.length === 0) return applied;
      // A CouchDB conflict this device has not seen yet is resolved in the mirror (its merged
      // document comes back in a later batch); everything else goes into Dexie.
      const conflicted = feed.results.filter((c) => c.doc?._conflicts?.length);
      for (const change of await newChanges(conflicted)) await resolve(change.doc!);
      const { urls, taken } = await applyChanges(
        feed.results.filter((c) => !c.doc?._conflicts?.length),
      );
      applied += taken;
      if (urls.length > 0) options.onApplied?.(urls);
      seq = feed.last_seq;
      const saved = await local.put({ _id: CHECKPOINT, ...(rev ? { _rev: rev } : {}), seq });
      rev = saved.rev;
    }
  }

  return {
    async queueAll() {
      const at = Date.now() * 1000;
      const claimIds = await db.annotations.toCollection().primaryKeys();
      const pageUrls = await db.pages.toCollection().primaryKeys();
      const entries: OutboxEntry[] = [
        ...pageUrls.map((url) => ({ key: PAGE_PREFIX + url, at })),
        ...claimIds.map((id) => ({ key: CLAIM_PREFIX + id, at })),
      ];
      await db.syncOutbox.bulkPut(entries);
      return entries.length;
    },
    push,
    pull,
    pending: () => db.syncOutbox.count(),
  };
}

function stripDoc(doc: SyncDoc): Annotation | Page {
  const { _id, _rev, kind, v, ...rest } = doc;
  void [_id, _rev, kind, v];
  return rest as Annotation | Page;
}
