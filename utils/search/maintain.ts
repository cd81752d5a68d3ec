/**
 * Keeping the search index true on every write. Data code: Dexie yes, DOM no; installed by
 * utils/store/db.ts on every database it opens (background, extension pages, tests).
 *
 * - A DBCore middleware widens every read-write transaction over `annotations` or `pages` to the
 *   `searchQueue` table (schema v5) and, in the writer's own transaction, puts the key of every
 *   claim and page written or deleted — add, put, update, modify, bulk*, delete, by any code —
 *   into it: the write and its entry commit together or not at all. Deleted claims are also
 *   noted when their transaction commits.
 * - Shortly after, the writer folds the queued records and the deletions into the shards of the
 *   `search` table and deletes their entries, in one transaction (`flush`; after an import or a
 *   first sync, one per shard, in requests of FOLD_CHUNK records). The shards are rewritten whole
 *   (~400 KB each at 100,000 claims; 64 claim shards, 16 page shards). Each record is written once:
 *   before v5 the writer marked the record itself (`searchPending: 1`, indexed) and every flush
 *   wrote each marked record back without its mark, twice the writes of a sync or an import.
 *   A transaction that cannot reach the queue (a schema upgrade) still marks; the flush folds
 *   both, and so takes in the marks an earlier version left.
 * - A reader loads the shards plus the queued and marked records (engine.ts): a write is found
 *   whether its flush ran or not. Entries a writer left behind (it closed before its flush) are
 *   folded by the next flush, whoever runs it; a deletion whose flush was lost is dropped when it
 *   would be shown (engine.ts).
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

/**
 * The field (and index) that marked a record written since the shards last took it in (v3–v4;
 * now only writes in an upgrade transaction).
 */
export const PENDING = 'searchPending';
/** The table of keys written since the shards last took them in (v5). */
export const QUEUE = 'searchQueue';

export interface QueueEntry {
  /** `a:<claim id>` or `p:<page url>`. */
  key: string;
}

type Tracked = 'annotations' | 'pages';
const QUEUE_PREFIX: Record<Tracked, string> = { annotations: 'a:', pages: 'p:' };
const isTracked = (name: string): name is Tracked => name in QUEUE_PREFIX;
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

/** The middleware that queues writes and schedules flushes (see the file comment). */
export function searchIndexMiddleware(db: ClaimmarkDB): Middleware<DBCore> {
  const state = stateOf(db);
  const committed = new WeakSet<object>();
  return {
    stack: 'dbcore',
    name: 'SearchIndex',
    create: (down) => ({
      ...down,
      transaction(stores, mode, options) {
        const widen =
          mode === 'readwrite' &&
          !stores.includes(QUEUE) &&
          stores.some(isTracked) &&
          down.schema.tables.some((t) => t.name === QUEUE);
        return down.transaction(widen ? [...stores, QUEUE] : stores, mode, options);
      },
      table(name) {
        const table = down.table(name);
        if (!isTracked(name)) return table;
        const deleted = name === 'annotations' ? state.deletedClaims : state.deletedPages;
        const prefix = QUEUE_PREFIX[name];
        return {
          ...table,
          async mutate(request) {
            const trans = request.trans as unknown as IDBTransaction;
            const flushing = state.flushing.has(request.trans);
            const queued =
              !flushing &&
              trans.mode !== 'versionchange' &&
              trans.objectStoreNames?.contains(QUEUE) === true;
            let deletedKeys: unknown[] = [];
            let written: readonly unknown[] = [];
            if (request.type === 'add' || request.type === 'put') {
              if (queued) written = keysOf(table, request);
              else if (!flushing) {
                request = {
                  ...request,
                  values: request.values.map((v: object) => ({ ...v, [PENDING]: 1 })),
                };
              }
            } else if (request.type === 'delete') {
              deletedKeys = request.keys;
            } else {
              deletedKeys = await keysInRange(table, request);
            }
            const result = await table.mutate(request);
            const keys = [...written, ...(queued ? deletedKeys : [])];
            if (keys.length > 0) {
              await down.table(QUEUE).mutate({
                type: 'put',
                trans: request.trans,
                values: keys.map((key): QueueEntry => ({ key: prefix + String(key) })),
              });
            }
            if (typeof trans.addEventListener === 'function') {
              trans.addEventListener('complete', () => {
                for (const key of deletedKeys) if (typeof key === 'string') deleted.add(key);
                if (!committed.has(trans) && !flushing) {
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

/** The primary keys an add or put writes. */
function keysOf(table: DBCoreTable, request: DBCoreMutateRequest): readonly unknown[] {
  if (request.type !== 'add' && request.type !== 'put') return [];
  const keyPath = table.schema.primaryKey.keyPath as string;
  return request.keys ?? request.values.map((v: Record<string, unknown>) => v[keyPath]);
}

/** The queued keys of each table, from the queue's keys (read in the caller's transaction). */
export async function queuedKeys(db: ClaimmarkDB): Promise<Record<Tracked, string[]>> {
  const out: Record<Tracked, string[]> = { annotations: [], pages: [] };
  if (!db.tables.some((t) => t.name === QUEUE)) return out;
  for (const key of await db.searchQueue.toCollection().primaryKeys()) {
    if (key.startsWith(QUEUE_PREFIX.annotations)) out.annotations.push(key.slice(2));
    else if (key.startsWith(QUEUE_PREFIX.pages)) out.pages.push(key.slice(2));
  }
  return out;
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

/** Queued and marked records folded in one transaction; more (an import) are folded shard by shard. */
const ONE_TRANSACTION_MAX = 2_000;
/**
 * Records read per request while folding a shard. The browser copies every record out on the
 * page's main thread; a request's results are handled in a task of their own, so this bounds the
 * longest task (~15 ms at 200 on a loaded 2-core machine; a whole shard, 1,560 claims at 100,000,
 * took 300–600 ms).
 */
export const FOLD_CHUNK = 200;

/** The records to fold: keys queued, and keys marked (written back without the mark). */
interface ToFold {
  keys: string[];
  marked: ReadonlySet<string>;
}

function toFold(queued: readonly string[], marked: readonly string[]): ToFold {
  const set = new Set(marked);
  return { keys: [...new Set([...queued, ...marked])], marked: set };
}

/**
 * Fold the queued and marked claims and pages, and the deletions, into the shards; delete the
 * queue's entries and clear the marks. A few (a save, an edit) take one transaction. Many (an
 * import or a first sync of 100,000 claims) are folded one shard at a time, each in its own
 * transaction, yielding between them, and FOLD_CHUNK records per request within it: one
 * transaction that reads and rewrites everything blocks the page that runs it for seconds.
 * Folding a record twice (two extension pages flushing at once) is harmless: a shard entry is
 * replaced by id.
 */
async function flush(db: ClaimmarkDB): Promise<void> {
  const [claimIds, pageUrls, queued] = await db.transaction(
    'r',
    [db.annotations, db.pages, db.searchQueue],
    () =>
      Promise.all([
        db.annotations.where(PENDING).equals(1).primaryKeys(),
        db.pages.where(PENDING).equals(1).primaryKeys(),
        queuedKeys(db),
      ]),
  );
  const claims = toFold(queued.annotations, claimIds);
  const pages = toFold(queued.pages, pageUrls);
  if (claims.keys.length + pages.keys.length > ONE_TRANSACTION_MAX) {
    for (const ids of groupBy(claims.keys, claimShardKey).values()) {
      await foldShard(db, db.annotations, ids, claims.marked, claimEntry, (present, gone) =>
        writeShards(db, present, gone, [], new Set()),
      );
      await defaultYield();
    }
    for (const urls of groupBy(pages.keys, pageShardKey).values()) {
      await foldShard(db, db.pages, urls, pages.marked, pageEntry, (present, gone) =>
        writeShards(db, [], new Set(), present, gone),
      );
      await defaultYield();
    }
  }
  await flushAll(db); // what is left: deletions, and writes made meanwhile
}

/**
 * Fold the records with these keys (all of one shard) into it, in one transaction: read and take
 * in FOLD_CHUNK records at a time, write back (without the mark) those that were marked, delete
 * their queue entries, then rewrite the shard once.
 */
async function foldShard<T extends object, TInsert, E>(
  db: ClaimmarkDB,
  table: Table<T, string, TInsert>,
  keys: string[],
  marked: ReadonlySet<string>,
  entryOf: (record: T) => E,
  write: (present: E[], gone: Set<string>) => Promise<void>,
): Promise<void> {
  const state = stateOf(db);
  const prefix = QUEUE_PREFIX[table.name as Tracked];
  await db.transaction('rw', [table, db.search, db.searchQueue], async (tx) => {
    state.flushing.add(tx.idbtrans);
    const present: E[] = [];
    const gone = new Set<string>();
    const written: Promise<unknown>[] = [];
    const pending = (work: Promise<unknown>) => {
      work.catch(() => {}); // reported by Promise.all below, or by the failing read
      written.push(work);
    };
    for (let i = 0; i < keys.length; i += FOLD_CHUNK) {
      const chunk = keys.slice(i, i + FOLD_CHUNK);
      const records = await table.bulkGet(chunk);
      const back: T[] = [];
      records.forEach((record, j) => {
        if (record === undefined) gone.add(chunk[j]!);
        else {
          present.push(entryOf(record));
          if (marked.has(chunk[j]!)) back.push(record);
        }
      });
      // Not awaited: the next chunk is read meanwhile; the transaction fails as a whole if a
      // write does. A marked record is written back without the mark (readers never see it:
      // utils/store/db.ts hides it); a stored record is a valid insert (its key is in it).
      if (back.length > 0) pending(table.bulkPut(back as unknown as TInsert[]));
      pending(db.searchQueue.bulkDelete(chunk.map((key) => prefix + key)));
    }
    await Promise.all(written);
    await write(present, gone);
  });
}

/** Fold every queued and marked record and the deletions in one transaction. */
async function flushAll(db: ClaimmarkDB): Promise<void> {
  const state = stateOf(db);
  const deletedClaims = new Set(state.deletedClaims);
  const deletedPages = new Set(state.deletedPages);
  await db.transaction('rw', [db.annotations, db.pages, db.search, db.searchQueue], async (tx) => {
    state.flushing.add(tx.idbtrans);
    const [markedClaims, markedPages, queued] = await Promise.all([
      db.annotations.where(PENDING).equals(1).toArray(),
      db.pages.where(PENDING).equals(1).toArray(),
      queuedKeys(db),
    ]);
    const [queuedClaims, queuedPages] = await Promise.all([
      db.annotations.bulkGet(queued.annotations),
      db.pages.bulkGet(queued.pages),
    ]);
    const claims = new Map(markedClaims.map((c) => [c.id, c]));
    const pages = new Map(markedPages.map((p) => [p.url, p]));
    queued.annotations.forEach((id, i) => {
      const claim = queuedClaims[i];
      if (claim) claims.set(id, claim);
      else deletedClaims.add(id);
    });
    queued.pages.forEach((url, i) => {
      const page = queuedPages[i];
      if (page) pages.set(url, page);
      else deletedPages.add(url);
    });
    for (const id of claims.keys()) deletedClaims.delete(id);
    for (const url of pages.keys()) deletedPages.delete(url);
    await writeShards(
      db,
      [...claims.values()].map(claimEntry),
      deletedClaims,
      [...pages.values()].map(pageEntry),
      deletedPages,
    );
    // Written back without the mark (readers never see it: utils/store/db.ts hides it).
    if (markedClaims.length > 0) await db.annotations.bulkPut(markedClaims);
    if (markedPages.length > 0) await db.pages.bulkPut(markedPages);
    const done = [
      ...queued.annotations.map((id) => QUEUE_PREFIX.annotations + id),
      ...queued.pages.map((url) => QUEUE_PREFIX.pages + url),
    ];
    if (done.length > 0) await db.searchQueue.bulkDelete(done);
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
