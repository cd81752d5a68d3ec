/**
 * The Claimmark database: Dexie over IndexedDB in the *extension's* origin. Opened by the
 * background and by extension pages (popup, side panel, options) — never by a content script,
 * whose IndexedDB belongs to the web page. Data code only: no DOM.
 *
 * Schema history (every version stays declared so older databases upgrade in place):
 *
 * v1 (Claimmark 0.1)
 *   pages        'url, lastSeen'
 *     url            normalized URL (utils/core/url.ts), primary key
 *     title, byline, siteName, publishedTime, lang, excerpt   Readability metadata ('' if unknown)
 *     firstSeen, lastSeen                                     ISO timestamps
 *   annotations  'id, url, *tags, type, created, updated'
 *     id             UUID v4, primary key
 *     url            normalized URL of the page → pages.url
 *     quote          selected text, whitespace collapsed (display / search / export)
 *     selectors      W3C TextQuoteSelector (+ TextPositionSelector), see utils/core/model.ts
 *     type           ClaimType; tags (multiEntry index); note
 *     created, updated  ISO timestamps (created is indexed for "recent claims")
 *
 * v2 (Claimmark 0.2): moved pages keep their claims
 *   pages        'url, lastSeen, *aliases'
 *     aliases        other normalized URLs of the page (redirect sources and targets, the URL
 *                    it was read at when the canonical differs, old canonicals). multiEntry index.
 *                    Upgrade: [] for every page.
 *   annotations  unchanged indexes; optional `anchor` { status, at, text? } records how the claim
 *                anchored on the last visit ('exact' | 'approximate' | 'orphan').
 *
 * v3 (Claimmark 0.3): search index (utils/search/)
 *   annotations  'id, url, *tags, type, created, updated, searchPending'
 *   pages        'url, lastSeen, *aliases, searchPending'
 *     searchPending  1 on a record written since the search shards took it in: set on every
 *                    write by a DBCore middleware, in the writer's transaction; cleared when the
 *                    shards are updated (utils/search/maintain.ts). Hidden from readers.
 *   search       'key'
 *     'c:00'…'c:63'  claim shards: token streams of quote, note and tags, type, date and page of
 *                    the claims whose id hashes there (utils/search/shards.ts)
 *     'p:00'…'p:15'  page shards: token streams of title and site name, site keys
 *                    Loaded whole by the popup and searched in memory (memory-index.ts).
 *   Upgrade: the shards are built from every claim and page.
 *
 * v4 (Claimmark 0.4): sync with CouchDB (utils/store/sync/)
 *   syncOutbox   'key'   { key: 'claim:<id>' | 'page:<url>', at }: a claim or page written or
 *                        deleted since the sync bridge took it; put by a DBCore middleware in the
 *                        writer's transaction (utils/store/sync/outbox.ts).
 *   syncRevs     'key'   { key, rev, hash }: the PouchDB revision each record matches and a hash
 *                        of its synced content; written by the bridge only.
 *   annotations  unchanged indexes; optional `author` (CouchDB user) and `otherNotes` (notes of
 *                a sync conflict, kept until the reader keeps one).
 *   Upgrade: none needed (both tables start empty; connecting queues every record).
 *
 * v5 (Claimmark 0.5): each write of a claim or page is stored once
 *   searchQueue  'key'   { key: 'a:<id>' | 'p:<url>' }: a claim or page written or deleted since
 *                        the search shards took it in; put by the search middleware in the
 *                        writer's transaction (widened to this table) instead of the
 *                        `searchPending` mark, and deleted when the shards take it in: a flush
 *                        no longer writes every marked record back without its mark
 *                        (utils/search/maintain.ts). `searchPending` stays for the marks an
 *                        earlier version left, and for writes in an upgrade transaction.
 *   Upgrade: none needed (the table starts empty; marks left by v3–v4 are folded as before).
 */
import { Dexie, type EntityTable, type Table } from 'dexie';
import type { Annotation, Page } from '../core/model';
import {
  buildSearchIndex,
  PENDING,
  QUEUE,
  searchIndexMiddleware,
  type QueueEntry,
} from '../search/maintain';
import type { SearchRecord } from '../search/shards';
import { syncOutboxMiddleware, type OutboxEntry, type SyncRev } from './sync/outbox';

export const DB_NAME = 'claimmark';

export type ClaimmarkDB = Dexie & {
  pages: EntityTable<Page, 'url'>;
  annotations: EntityTable<Annotation, 'id'>;
  /** The search index (v3), written by utils/search/maintain.ts only. */
  search: EntityTable<SearchRecord, 'key'>;
  /** Sync with CouchDB (v4), see utils/store/sync/outbox.ts. */
  syncOutbox: EntityTable<OutboxEntry, 'key'>;
  syncRevs: EntityTable<SyncRev, 'key'>;
  /** Writes the search shards have not taken in yet (v5), see utils/search/maintain.ts. */
  searchQueue: EntityTable<QueueEntry, 'key'>;
};

/** Version 1 of the schema, kept verbatim so migrations from it can be tested. */
export const SCHEMA_V1 = {
  pages: 'url, lastSeen',
  annotations: 'id, url, *tags, type, created, updated',
} as const;

export const SCHEMA_V2 = {
  pages: 'url, lastSeen, *aliases',
  annotations: SCHEMA_V1.annotations,
} as const;

export const SCHEMA_V3 = {
  pages: `${SCHEMA_V2.pages}, ${PENDING}`,
  annotations: `${SCHEMA_V2.annotations}, ${PENDING}`,
  search: 'key',
} as const;

export const SCHEMA_V4 = {
  ...SCHEMA_V3,
  syncOutbox: 'key',
  syncRevs: 'key',
} as const;

export const SCHEMA_V5 = {
  ...SCHEMA_V4,
  [QUEUE]: 'key',
} as const;

export function openDatabase(name: string = DB_NAME): ClaimmarkDB {
  const db = new Dexie(name) as ClaimmarkDB;
  db.version(1).stores(SCHEMA_V1);
  db.version(2)
    .stores(SCHEMA_V2)
    .upgrade((tx) =>
      tx
        .table('pages')
        .toCollection()
        .modify((page: Partial<Page>) => {
          if (!Array.isArray(page.aliases)) page.aliases = [];
        }),
    );
  db.version(3).stores(SCHEMA_V3).upgrade(buildSearchIndex);
  db.version(4).stores(SCHEMA_V4);
  db.version(5).stores(SCHEMA_V5);
  db.use(searchIndexMiddleware(db));
  db.use(syncOutboxMiddleware(db));
  hidePending(db.annotations);
  hidePending(db.pages);
  db.on('versionchange', (event) => closeForNewerVersion(db, event));
  return db;
}

/**
 * A newer Claimmark opens the database with a higher schema version (an extension update while a
 * page of this version is still open): let its upgrade through, and stay closed. Dexie's default
 * closes too, but reopens on the next call — at the new version, without the new version's code
 * (its middleware, its hidden fields): a claim saved then would miss the new search index, say.
 * Closed for good, such a call fails with DatabaseClosedError instead; the page tells the reader
 * to reopen it (`onDatabaseUpgraded`). A deletion (newVersion null) and a change within this
 * schema version (Dexie's schema-diff patch, n × 10 + 1) keep Dexie's default: close and reopen.
 */
function closeForNewerVersion(db: Dexie, event: IDBVersionChangeEvent): boolean | undefined {
  if (!isNewerSchema(db, event)) return undefined;
  db.close({ disableAutoOpen: true });
  return false; // Dexie's own handler, which would reopen, does not run.
}

/** Dexie stores version n as n × 10 in IndexedDB. */
function isNewerSchema(db: Dexie, event: IDBVersionChangeEvent): boolean {
  return !!event.newVersion && Math.floor(event.newVersion / 10) > db.verno;
}

/**
 * Call `callback` (once, with the new schema version) when a newer version of Claimmark upgrades
 * the database under this connection, after the connection closed (`closeForNewerVersion`):
 * every later read or write through it fails. Extension pages show "Claimmark was updated —
 * reopen this page". Returns an unsubscribe function.
 */
export function onDatabaseUpgraded(db: Dexie, callback: (newVersion: number) => void): () => void {
  const listener = (event: IDBVersionChangeEvent) => {
    if (!isNewerSchema(db, event)) return;
    db.on('versionchange').unsubscribe(listener);
    // Subscribed after openDatabase's handler, so called before it: wait for the close.
    const version = Math.floor(event.newVersion! / 10);
    setTimeout(() => callback(version), 0);
  };
  db.on('versionchange', listener);
  return () => db.on('versionchange').unsubscribe(listener);
}

/** Readers get records without the search index's mark. */
function hidePending<T extends object, TInsert>(table: Pick<Table<T, string, TInsert>, 'hook'>) {
  table.hook('reading', (record) => {
    if (!record || !(PENDING in record)) return record;
    const rest = { ...record } as Record<string, unknown>;
    delete rest[PENDING];
    return rest as T;
  });
}

/** The page known by any of `urls` (its own URL first, then its aliases), or undefined. */
export async function findPage(
  db: ClaimmarkDB,
  urls: readonly string[],
): Promise<Page | undefined> {
  const direct = (await db.pages.bulkGet([...urls])).find((p) => p !== undefined);
  if (direct) return direct;
  return db.pages
    .where('aliases')
    .anyOf([...urls])
    .first();
}
