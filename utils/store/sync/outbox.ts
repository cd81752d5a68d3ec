/**
 * The sync outbox: which claims and pages were written (or deleted) since the sync bridge last
 * copied them into the local PouchDB. Data code: Dexie yes, DOM no; installed by
 * utils/store/db.ts on every database it opens (background, extension pages, tests).
 *
 * A DBCore middleware widens every read-write transaction over `annotations` or `pages` to the
 * `syncOutbox` table and, in the writer's own transaction, puts `{ key, at }` for each record
 * written or deleted, by any code (saves, edits, tag merges, imports, deletions): the write and
 * its outbox entry commit together or not at all, so a write can never miss the sync, whichever
 * page made it and whenever the worker stops. The bridge's own writes (what came from the server)
 * are marked with `asBridgeWrite` and leave no entry, as do the search index's flushes (which
 * rewrite records only to clear their mark).
 *
 * An entry only says "look at this record again": the bridge compares the record with its last
 * synced version (a content hash in `syncRevs`), so a write that changed nothing that syncs (the
 * search index's own bookkeeping, an anchoring report) costs a lookup and no document.
 */
import type { DBCore, DBCoreMutateRequest, DBCoreTable, Middleware } from 'dexie';
import { CLAIM_PREFIX, PAGE_PREFIX } from './docs';
import type { ClaimmarkDB } from '../db';
import { isSearchFlush } from '../../search/maintain';

export const OUTBOX = 'syncOutbox';
export const REVS = 'syncRevs';

export interface OutboxEntry {
  /** `claim:<id>` or `page:<url>` (the document id). */
  key: string;
  /** When it was marked (ms) plus a counter: the bridge clears an entry only if unchanged. */
  at: number;
}

export interface SyncRev {
  key: string;
  /** The PouchDB revision the local record matches. */
  rev: string;
  /** contentHash of the record at that revision. */
  hash: string;
}

const bridgeWrites = new WeakSet<object>();
let counter = 0;

/** Mark a Dexie transaction as the bridge's: its writes come from the server, not the reader. */
export function asBridgeWrite(idbtrans: object): void {
  bridgeWrites.add(idbtrans);
}

const PREFIX: Record<string, string> = { annotations: CLAIM_PREFIX, pages: PAGE_PREFIX };

export function syncOutboxMiddleware(db: ClaimmarkDB): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'SyncOutbox',
    create: (down) => ({
      ...down,
      transaction(stores, mode, options) {
        const widen =
          mode === 'readwrite' &&
          !stores.includes(OUTBOX) &&
          stores.some((s) => s in PREFIX) &&
          down.schema.tables.some((t) => t.name === OUTBOX);
        return down.transaction(widen ? [...stores, OUTBOX] : stores, mode, options);
      },
      table(name) {
        const table = down.table(name);
        const prefix = PREFIX[name];
        if (!prefix) return table;
        return {
          ...table,
          mutate(request) {
            const trans = request.trans as unknown as IDBTransaction;
            const track =
              !bridgeWrites.has(trans) &&
              !isSearchFlush(db, trans) &&
              trans.mode !== 'versionchange' &&
              trans.objectStoreNames?.contains(OUTBOX);
            if (!track) return table.mutate(request);
            // Promise chains, not async functions: Dexie's transaction zone must survive them.
            const mark = (keys: readonly unknown[]) =>
              table.mutate(request).then((result) => {
                if (keys.length === 0) return result;
                const at = Date.now() * 1000 + (counter++ % 1000);
                return down
                  .table(OUTBOX)
                  .mutate({
                    type: 'put',
                    trans: request.trans,
                    values: keys.map((key): OutboxEntry => ({ key: prefix + String(key), at })),
                  })
                  .then(() => result);
              });
            if (request.type !== 'deleteRange') return mark(keysOf(table, request));
            return table
              .query({
                trans: request.trans,
                values: false,
                query: { index: table.schema.primaryKey, range: request.range },
              })
              .then((found) => mark(found.result));
          },
        };
      },
    }),
  };
}

function keysOf(table: DBCoreTable, request: DBCoreMutateRequest): readonly unknown[] {
  if (request.type === 'delete') return request.keys;
  if (request.type !== 'add' && request.type !== 'put') return [];
  const keyPath = table.schema.primaryKey.keyPath as string;
  return request.keys ?? request.values.map((v: Record<string, unknown>) => v[keyPath]);
}
