/**
 * Keeping the search index true on every write. Data code: Dexie yes, DOM no; installed by
 * utils/store/db.ts on every database it opens (background, extension pages, tests).
 *
 * - A DBCore middleware marks every claim and page written — add, put, update, modify, bulk*,
 *   by any code — `searchPending: 1` (indexed), in the writer's own transaction: the write and
 *   its mark commit together or not at all. Deleted claims are noted when their transaction
 *   commits.
 * - Shortly after, the writer folds the marked records and the deletions into the shards of the
 *   `search` table and clears the marks, in one transaction (`flush`; after an import, one per
 *   shard, in requests of FOLD_CHUNK records). The shards are rewritten whole (~400 KB each at
 *   100,000 claims; 64 claim shards, 16 page shards).
 * - A reader loads the shards plus the marked records (engine.ts): a write is found whether its
 *   flush ran or not. Marks a writer left behind (it closed before its flush) are folded by the
 *   next flush, whoever runs it; a deletion whose flush was lost is dropped when it would be
 *   shown (engine.ts).
 * - The v3 upgrade builds the shards from every claim and page (`buildSearchIndex`).
 */
import type {
  DBCore,
  DBCoreMutateRequest,
  DBCoreTable,
  IndexableType,
  Middleware,
  Table,
  Transaction,
} from 'dexie';
import type { ClaimmarkDB } from '../store/db';
import type { Annotation, Page } from '../core/model';
import {
  claimShardKey,
  encodeClaims,
  encodePages,
  pageShardKey,
  updateClaimShard,
  updatePageShard,
  type ClaimShard,
  type PageShard,
  type SearchRecord,
} from './shards';
import { defaultYield } from '../export/work';
import { claimEntry, pageEntry, type ClaimEntry, type PageEntry } from './stream';

/** The field (and index) that marks a record written since the shards last took it in. */
export const PENDING = 'searchPending';
const FLUSH_DELAY_MS = 200;
const FLUSH_MAX_WAIT_MS = 2_000;
/**
 * While writes keep coming (a first sync brings 100,000 claims in batches of 1,000), a flush
 * waits until the last one took at most this share of the time since it started: each flush
 * rewrites the shards whole, so flushing every 2 s would cost more the larger the library. At
 * 0.2, the shards rewritten during a 100,000-claim sync kept the browser's IndexedDB compacting
 * (LevelDB tasks of 0.3–0.7 s in the browser process), and the popup missed frames, most with no
 * long task of its own (10 over 100 ms in each of two runs, 1–2 at 0.05: README "Sync"). Readers find
 * marked records meanwhile (engine.ts), so a later flush delays no search result.
 */
const FLUSH_SHARE = 0.05;

interface Maintenance {
  /** Transactions of this database's flushes: their writes clear marks, not set them. */
  flushing: WeakSet<object>;
  deletedClaims: Set<string>;
  deletedPages: Set<string>;
  timer?: ReturnType<typeof setTimeout>;
  firstScheduled?: number;
  running: Promise<void>;
  /** When the last flush ended and how long it took (ms). */
  lastEnd: number;
  lastMs: number;
}

const maintenance = new WeakMap<ClaimmarkDB, Maintenance>();

function stateOf(db: ClaimmarkDB): Maintenance {
  let state = maintenance.get(db);
  if (!state) {
    state = {
      flushing: new WeakSet(),
      deletedClaims: new Set(),
      deletedPages: new Set(),
      running: Promise.resolve(),
      lastEnd: 0,
      lastMs: 0,
    };
    maintenance.set(db, state);
  }
  return state;
}

/** Claims deleted through `db` whose deletion the shards have not taken in yet. */
export function deletedSinceFlush(db: ClaimmarkDB): ReadonlySet<string> {
  return stateOf(db).deletedClaims;
}

/** Whether `trans` is one of the search index's own flushes (its writes change no claim). */
export function isSearchFlush(db: ClaimmarkDB, trans: object): boolean {
  return stateOf(db).flushing.has(trans);
}

/** The middleware that stamps writes and schedules flushes (see the file comment). */
export function searchIndexMiddleware(db: ClaimmarkDB): Middleware<DBCore> {
  const state = stateOf(db);
  const committed = new WeakSet<object>();
  return {
    stack: 'dbcore',
    name: 'SearchIndex',
    create: (down) => ({
      ...down,
      table(name) {
        const table = down.table(name);
        if (name !== 'annotations' && name !== 'pages') return table;
        const deleted = name === 'annotations' ? state.deletedClaims : state.deletedPages;
        return {
          ...table,
          async mutate(request) {
            let keys: unknown[] = [];
            if (request.type === 'add' || request.type === 'put') {
              if (!state.flushing.has(request.trans)) {
                request = {
                  ...request,
                  values: request.values.map((v: object) => ({ ...v, [PENDING]: 1 })),
                };
              }
            } else if (request.type === 'delete') {
              keys = request.keys;
            } else {
              keys = await keysInRange(table, request);
            }
            const result = await table.mutate(request);
            const trans = request.trans as unknown as IDBTransaction;
            if (typeof trans.addEventListener === 'function') {
              trans.addEventListener('complete', () => {
                for (const key of keys) if (typeof key === 'string') deleted.add(key);
                if (!committed.has(trans) && !state.flushing.has(trans)) {
                  committed.add(trans);
                  scheduleFlush(db);
                }
              });
            }
            return result;
          },
        };
      },
    }),
  };
}

function keysInRange(table: DBCoreTable, request: DBCoreMutateRequest): Promise<unknown[]> {
  if (request.type !== 'deleteRange') return Promise.resolve([]);
  return table
    .query({
      trans: request.trans,
      values: false,
      query: { index: table.schema.primaryKey, range: request.range },
    })
    .then((r) => r.result);
}

/**
 * Fold marked records and deletions into the shards soon: writes close together make one flush,
 * `delay` after the last (at most FLUSH_MAX_WAIT_MS after the first).
 */
export function scheduleFlush(db: ClaimmarkDB, delay = FLUSH_DELAY_MS): void {
  const state = stateOf(db);
  const now = Date.now();
  state.firstScheduled ??= now;
  clearTimeout(state.timer);
  const wait = Math.min(delay, Math.max(FLUSH_MAX_WAIT_MS, delay) - (now - state.firstScheduled));
  const share = state.lastEnd + state.lastMs * (1 / FLUSH_SHARE - 1) - now;
  state.timer = setTimeout(
    () => {
      state.timer = undefined;
      state.firstScheduled = undefined;
      state.running = state.running.then(() => timedFlush(db, state)).catch(() => {});
    },
    Math.max(0, wait, share),
  );
}

/**
 * Fold marked records `delay` from now, whenever the last flush was scheduled (no cap): called
 * again on every write, it waits for `delay` without one (a reader taking in marks a writer left).
 */
export function postponeFlush(db: ClaimmarkDB, delay: number): void {
  const state = stateOf(db);
  clearTimeout(state.timer);
  state.timer = undefined;
  state.firstScheduled = undefined;
  scheduleFlush(db, delay);
}

async function timedFlush(db: ClaimmarkDB, state: Maintenance): Promise<void> {
  const started = Date.now();
  try {
    await flush(db);
  } finally {
    state.lastEnd = Date.now();
    state.lastMs = state.lastEnd - started;
  }
}

/** Resolves once the writes made through `db` so far are in the shards (for tests, tools). */
export async function whenSearchIndexed(db: ClaimmarkDB): Promise<void> {
  const state = stateOf(db);
  if (state.timer !== undefined) {
    clearTimeout(state.timer);
    state.timer = undefined;
    state.firstScheduled = undefined;
    state.running = state.running.then(() => flush(db)).catch(() => {});
  }
  await state.running;
}

/** Marked records folded in one transaction; more (an import) are folded shard by shard. */
const ONE_TRANSACTION_MAX = 2_000;
/**
 * Records read and written back per request while folding a shard. The browser copies every
 * record in and out on the page's main thread; a request's results are handled in a task of their
 * own, so this bounds the longest task (~15 ms at 200 on a loaded 2-core machine; a whole shard,
 * 1,560 claims at 100,000, took 300–600 ms).
 */
export const FOLD_CHUNK = 200;

/**
 * Fold the marked claims and pages, and the deletions, into the shards; clear the marks. A few
 * marks (a save, an edit) take one transaction. Many (an import of 100,000 claims) are folded one
 * shard at a time, each in its own transaction, yielding between them, and FOLD_CHUNK records per
 * request within it: one transaction that reads and rewrites everything blocks the page that runs
 * it for seconds. Folding a record twice (two extension pages flushing at once) is harmless: a
 * shard entry is replaced by id.
 */
async function flush(db: ClaimmarkDB): Promise<void> {
  const [claimIds, pageUrls] = await db.transaction('r', db.annotations, db.pages, () =>
    Promise.all([
      db.annotations.where(PENDING).equals(1).primaryKeys(),
      db.pages.where(PENDING).equals(1).primaryKeys(),
    ]),
  );
  if (claimIds.length + pageUrls.length > ONE_TRANSACTION_MAX) {
    for (const ids of groupBy(claimIds, claimShardKey).values()) {
      await foldShard(db, db.annotations, ids, claimEntry, (present, gone) =>
        writeShards(db, present, gone, [], new Set()),
      );
      await defaultYield();
    }
    for (const urls of groupBy(pageUrls, pageShardKey).values()) {
      await foldShard(db, db.pages, urls, pageEntry, (present, gone) =>
        writeShards(db, [], new Set(), present, gone),
      );
      await defaultYield();
    }
  }
  await flushAll(db); // what is left: deletions, and writes made meanwhile
}

/**
 * Fold the records with these keys (all of one shard) into it, in one transaction: read, take in
 * and write back (without the mark) FOLD_CHUNK records at a time, then rewrite the shard once.
 */
async function foldShard<T extends object, TInsert, E>(
  db: ClaimmarkDB,
  table: Table<T, string, TInsert>,
  keys: string[],
  entryOf: (record: T) => E,
  write: (present: E[], gone: Set<string>) => Promise<void>,
): Promise<void> {
  const state = stateOf(db);
  await db.transaction('rw', table, db.search, async (tx) => {
    state.flushing.add(tx.idbtrans);
    const present: E[] = [];
    const gone = new Set<string>();
    const written: Promise<unknown>[] = [];
    for (let i = 0; i < keys.length; i += FOLD_CHUNK) {
      const chunk = keys.slice(i, i + FOLD_CHUNK);
      const records = await table.bulkGet(chunk);
      const found: T[] = [];
      records.forEach((record, j) => {
        if (record === undefined) gone.add(chunk[j]!);
        else found.push(record);
      });
      for (const record of found) present.push(entryOf(record));
      // Written back without the mark (readers never see it: utils/store/db.ts hides it). A stored
      // record is a valid insert (its key is in it). Not awaited: the next chunk is read
      // meanwhile; the transaction fails as a whole if a write does.
      if (found.length > 0) {
        const put = table.bulkPut(found as unknown as TInsert[]);
        put.catch(() => {}); // reported by Promise.all below, or by the failing read
        written.push(put);
      }
    }
    await Promise.all(written);
    await write(present, gone);
  });
}

/** Fold every marked record and the deletions in one transaction. */
async function flushAll(db: ClaimmarkDB): Promise<void> {
  const state = stateOf(db);
  const deletedClaims = new Set(state.deletedClaims);
  const deletedPages = new Set(state.deletedPages);
  await db.transaction('rw', db.annotations, db.pages, db.search, async (tx) => {
    state.flushing.add(tx.idbtrans);
    const [claims, pages] = await Promise.all([
      db.annotations.where(PENDING).equals(1).toArray(),
      db.pages.where(PENDING).equals(1).toArray(),
    ]);
    for (const claim of claims) deletedClaims.delete(claim.id);
    for (const page of pages) deletedPages.delete(page.url);
    await writeShards(
      db,
      claims.map(claimEntry),
      deletedClaims,
      pages.map(pageEntry),
      deletedPages,
    );
    // Written back without the mark (readers never see it: utils/store/db.ts hides it).
    if (claims.length > 0) await db.annotations.bulkPut(claims);
    if (pages.length > 0) await db.pages.bulkPut(pages);
  });
  for (const id of deletedClaims) state.deletedClaims.delete(id);
  for (const url of deletedPages) state.deletedPages.delete(url);
}

async function writeShards(
  db: ClaimmarkDB,
  claims: readonly ClaimEntry[],
  deletedClaims: ReadonlySet<string>,
  pages: readonly PageEntry[],
  deletedPages: ReadonlySet<string>,
): Promise<void> {
  const claimsBy = groupBy(claims, (c) => claimShardKey(c.id));
  const pagesBy = groupBy(pages, (p) => pageShardKey(p.url));
  const keys = new Set([
    ...claimsBy.keys(),
    ...[...deletedClaims].map(claimShardKey),
    ...pagesBy.keys(),
    ...[...deletedPages].map(pageShardKey),
  ]);
  if (keys.size === 0) return;
  const current = await db.search.bulkGet([...keys]);
  const updated: SearchRecord[] = [...keys].map((key, i) => {
    const shard = current[i];
    return key.startsWith('c:')
      ? updateClaimShard(
          shard as ClaimShard | undefined,
          key,
          claimsBy.get(key) ?? [],
          deletedClaims,
        )
      : updatePageShard(shard as PageShard | undefined, key, pagesBy.get(key) ?? [], deletedPages);
  });
  await db.search.bulkPut(updated);
}

/** Take claims that no longer exist out of the shards (a deletion whose flush was lost). */
export function removeFromSearchIndex(db: ClaimmarkDB, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return Promise.resolve();
  return db.transaction('rw', db.search, () => writeShards(db, [], new Set(ids), [], new Set()));
}

/** Schema v3 upgrade: shards of every claim and page, built inside the upgrade transaction. */
export async function buildSearchIndex(tx: Transaction): Promise<void> {
  const claims = new Map<string, ClaimEntry[]>();
  const pages = new Map<string, PageEntry[]>();
  await inBatches<Annotation>(tx.table('annotations'), 'id', (batch) => {
    for (const a of batch) push(claims, claimShardKey(a.id), claimEntry(a));
  });
  await inBatches<Page>(tx.table('pages'), 'url', (batch) => {
    for (const p of batch) push(pages, pageShardKey(p.url), pageEntry(p));
  });
  await tx
    .table('search')
    .bulkPut([
      ...[...claims].map(([key, entries]) => encodeClaims(key, entries)),
      ...[...pages].map(([key, entries]) => encodePages(key, entries)),
    ]);
}

/** Every record of a table, a few thousand per request (a cursor is far slower). */
async function inBatches<T extends object>(
  table: Table,
  key: keyof T & string,
  each: (batch: T[]) => void,
): Promise<void> {
  const size = 5000;
  let batch = (await table.orderBy(':id').limit(size).toArray()) as T[];
  while (batch.length > 0) {
    each(batch);
    if (batch.length < size) return;
    const last = batch[batch.length - 1]![key] as IndexableType;
    batch = (await table.where(':id').above(last).limit(size).toArray()) as T[];
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) push(map, keyOf(item), item);
  return map;
}
