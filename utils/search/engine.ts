/**
 * The search engine of an extension page. Data code: Dexie yes, DOM no; never imported by the
 * content script.
 *
 * The index is read once (the `search` shards and the records marked since, maintain.ts) and
 * searched in memory (memory-index.ts); the results are drawn from the views the index keeps
 * (view.ts), without reading the database: while a sync writes, a read waits behind its
 * transactions (seconds at 100,000 claims). A whole claim is read when it is opened or exported. Until the index is in memory, an empty query is answered from the `created` index
 * (the newest claims, at once) with the count left unknown; `ready()` loads the index.
 *
 * While a library arrives (a sync, an import in another page), the popup refreshes the index
 * every second or so: the marked records are tokenized in slices of a few milliseconds that yield
 * to the page (keystrokes are answered from the index in memory meanwhile), and a record no
 * context wrote since the last refresh is neither read nor tokenized again.
 */
import { Dexie, RangeSet, type IntervalTree, type Table } from 'dexie';
import type { ClaimmarkDB } from '../store/db';
import type { Annotation, ClaimSummary, Page, PageSummary } from '../core/model';
import type { SearchHit } from './index';
import {
  deletedSinceFlush,
  PENDING,
  postponeFlush,
  queuedKeys,
  removeFromSearchIndex,
} from './maintain';
import { replacedRows, SearchIndex, type IndexResult } from './memory-index';
import { isEmptyQuery, parseQuery, type ParsedQuery } from './query';
import {
  encodeClaims,
  isClaimShard,
  isPageShard,
  type ClaimShard,
  type SearchRecord,
} from './shards';
import { claimEntryOf, pageEntryOf, type ClaimEntry, type PageEntry } from './stream';
import { encodeClaimView, encodePageView } from './view';
// Between two slices of the build the page's other tasks go first (`behindOtherTasks`):
// `scheduler.yield()` would resume ahead of them, and a keystroke's search, waiting on its
// IndexedDB reads, would wait for the whole build.
import { behindOtherTasks, createSlicer, type Slicer } from '../export/work';

/** A result as the list shows it: from the index in memory, without the claim's selectors. */
export interface ShownHit {
  annotation: ClaimSummary;
  page?: PageSummary;
  score: number;
}

export interface SearchResults {
  query: ParsedQuery;
  hits: ShownHit[];
  /** How many claims match; undefined while the index is still loading (empty query only). */
  total: number | undefined;
}

export interface SearchEngine {
  /**
   * The best `limit` matches of `query` and how many there are, drawn from the index in memory
   * (no IndexedDB read once it is loaded, but for shards stored without views).
   */
  search(query: string, limit: number): Promise<SearchResults>;
  /** Every match of `query`, best first (for export). */
  all(query: string): Promise<SearchHit[]>;
  /** Resolves when the index is in memory. */
  ready(): Promise<void>;
  /** The library changed: read the index again at the next search. */
  reset(): void;
  /**
   * The library changed: read the index again while searches keep using the one in memory (no
   * keystroke waits for the reload); resolves once the new one is in use.
   */
  refresh(): Promise<void>;
}

const BATCH = 1000;
/** Marked claims encoded into one in-memory shard per slice of the index build. */
const NEW_CHUNK = 1000;
/**
 * A reader folds the marks a writer left only after this long without a write: at 100,000 claims
 * arriving on a loaded machine the sync's batches came 5–10 s apart, and the popup, folding them
 * between two, rewrote every shard on its own thread (1–2 s without a frame).
 */
const ORPHANED_MARKS_DELAY_MS = 60_000;
/** Longest stretch of work between yields while the index is built (ms). */
const SLICE_MS = 8;

/**
 * The flush of marks a writer may have left (it closed before its own flush): armed when a read
 * meets marks, it runs once ORPHANED_MARKS_DELAY_MS passed without a write to claims or pages from
 * any context. A writer still at work (a sync bringing a library in) folds its marks itself; a
 * reader folding them too would rewrite the shards in its own page, a long task there.
 */
function orphanedMarks(db: ClaimmarkDB): { arm(): void } {
  const prefixes = ['annotations', 'pages'].map((table) => `idb://${db.name}/${table}/`);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const postpone = () => {
    postponeFlush(db, ORPHANED_MARKS_DELAY_MS);
    clearTimeout(timer);
    timer = setTimeout(stop, ORPHANED_MARKS_DELAY_MS);
  };
  const onMutated = (parts: Record<string, unknown>) => {
    if (Object.keys(parts).some((part) => prefixes.some((p) => part.startsWith(p)))) postpone();
  };
  const stop = () => {
    timer = undefined;
    Dexie.on.storagemutated.unsubscribe(onMutated);
  };
  return {
    arm() {
      if (timer === undefined) Dexie.on('storagemutated', onMutated);
      postpone();
    },
  };
}

export interface EngineOptions {
  /** How the index build gives the page a turn between slices (default: a MessageChannel). */
  yieldToUi?: () => Promise<void>;
  /** How long one slice of the build may run before it yields (default 8 ms; tests set 0). */
  sliceMs?: number;
}

export function createSearchEngine(db: ClaimmarkDB, options: EngineOptions = {}): SearchEngine {
  const orphans = orphanedMarks(db);
  let index: Promise<SearchIndex> | undefined;
  let loaded: SearchIndex | undefined;
  const pages = new Map<string, Promise<Page | undefined>>();

  /** The keys of the records written since the shards took them in: queued, or marked. */
  async function unfolded(): Promise<{ claims: string[]; newPages: string[] }> {
    const [claims, pages, queued] = await Promise.all([
      db.annotations.where(PENDING).equals(1).primaryKeys(),
      db.pages.where(PENDING).equals(1).primaryKeys(),
      queuedKeys(db),
    ]);
    return {
      claims: [...new Set([...queued.annotations, ...claims])],
      newPages: [...new Set([...queued.pages, ...pages])],
    };
  }

  /**
   * The entries of the marked records, kept from one read to the next: while a sync brings a
   * library in, the same thousands of marked claims are read at every refresh until the writer
   * folds them in, and only those that changed are tokenized again. An entry's view (view.ts)
   * holds every field it is made of: the same view, the same entry. Only the entries are kept,
   * not the records (at 100,000 claims arriving, tens of thousands of them: the popup's heap and
   * its garbage collector's pauses grow with what is kept).
   */
  let claimEntries = new Map<string, ClaimEntry>();
  let pageEntries = new Map<string, PageEntry>();

  /**
   * The keys of the claims and pages written since the last read began, from Dexie's change
   * events (this page's writes and, relayed, every other context's); `all` when a change did not
   * say which (or before the first read). A marked record whose entry is kept and whose key is not
   * here is not read again: while a sync brings a library in, tens of thousands of marked claims
   * were read again at every refresh (a request and a deserialization each, on the main thread
   * the extension pages share), to find most of them unchanged.
   */
  const claimsPart = `idb://${db.name}/annotations/`;
  const pagesPart = `idb://${db.name}/pages/`;
  let written = { all: true, claims: new RangeSet(), pages: new RangeSet() };

  /**
   * Entries of the records of `keys`, in their order: kept from the last read for a record not
   * written since (`changed`), else read and made anew, yielding every few ms (no long task). The
   * records are read BATCH per request, each batch turned into entries before the next is read:
   * at 100,000 claims arriving, tens of thousands of records held at once outlived the young
   * generation of the popup's heap, and its collector paused for whole frames. A record deleted
   * meanwhile is left out; one written meanwhile is read as it is now.
   */
  async function entriesOf<R, I, E extends { view: string }>(
    table: Table<R, string, I>,
    keys: readonly string[],
    cache: Map<string, E>,
    changed: RangeSet | undefined,
    viewOf: (record: R) => string,
    make: (record: R, view: string) => E,
    slicer: Slicer,
  ): Promise<{ entries: E[]; cache: Map<string, E> }> {
    const next = new Map<string, E>();
    const found: (E | undefined)[] = [];
    const toRead: number[] = [];
    keys.forEach((key, i) => {
      const cached = changed && !changed.hasKey(key) ? cache.get(key) : undefined;
      found.push(cached);
      if (!cached) toRead.push(i);
    });
    for (let start = 0; start < toRead.length; start += BATCH) {
      const batch = toRead.slice(start, start + BATCH);
      const records = await table.bulkGet(batch.map((i) => keys[i]!));
      for (let j = 0; j < batch.length; j++) {
        const record = records[j];
        if (record === undefined) continue;
        records[j] = undefined;
        const i = batch[j]!;
        const cached = cache.get(keys[i]!);
        const view = viewOf(record);
        found[i] = cached && cached.view === view ? cached : make(record, view);
        await slicer.tick('read', start + j, toRead.length);
      }
    }
    const entries: E[] = [];
    keys.forEach((key, i) => {
      const entry = found[i];
      if (!entry) return;
      next.set(key, entry);
      entries.push(entry);
    });
    return { entries, cache: next };
  }

  /**
   * The shards of the last read, used again while no context wrote the `search` table since: a
   * sync writes claims every second or two but folds them into the shards far less often, and
   * every refresh read them all again (tens of MB at 100,000 claims, garbage by the next one).
   */
  let shardsRead: SearchRecord[] | undefined;
  let searchWritten = true;
  const searchPart = `idb://${db.name}/search/`;

  // What was written since the last read began, for both of the above. A part that is not an
  // `idb:` one (`all`: Dexie could not say what changed, a page back from the cache) is all.
  Dexie.on('storagemutated', (parts: Record<string, IntervalTree>) => {
    for (const [part, keys] of Object.entries(parts)) {
      if (!part.startsWith('idb:')) {
        written.all = true;
        searchWritten = true;
      } else if (part === claimsPart) written.claims.add(keys);
      else if (part === pagesPart) written.pages.add(keys);
      else if (part.startsWith(searchPart)) searchWritten = true;
    }
  });

  /**
   * The marked claims encoded into in-memory shards, NEW_CHUNK to a shard, kept from one read to
   * the next while all their entries are still the current ones (the join of thousands of
   * streams, every refresh, was both work and garbage).
   */
  let chunks: { entries: ClaimEntry[]; shard: ClaimShard }[] = [];
  let chunkCount = 0;

  async function encodeChunks(
    entries: readonly ClaimEntry[],
    current: ReadonlyMap<string, ClaimEntry>,
    slicer: Slicer,
  ): Promise<ClaimShard[]> {
    const kept = chunks.filter(
      (chunk) =>
        chunk.entries.length === NEW_CHUNK && chunk.entries.every((e) => current.get(e.id) === e),
    );
    const inKept = new Set(kept.flatMap((chunk) => chunk.entries));
    const rest = entries.filter((e) => !inKept.has(e));
    const next = [...kept];
    for (let i = 0; i < rest.length; i += NEW_CHUNK) {
      const part = rest.slice(i, i + NEW_CHUNK);
      next.push({ entries: part, shard: encodeClaims(`new:${chunkCount++}`, part) });
      await slicer.tick('read', i, rest.length);
    }
    chunks = next;
    return next.map((chunk) => chunk.shard);
  }

  /** One request per shard: each is deserialized in its own task (no long task). */
  async function storedShards(): Promise<SearchRecord[]> {
    const keys = await db.search.toCollection().primaryKeys();
    const records = await db.search.bulkGet(keys);
    return records.filter((r): r is SearchRecord => r !== undefined);
  }

  /**
   * One read at a time: each takes the keys written since the one before (`written`) and the
   * entries it left; two at once would each see only part of the writes.
   */
  let reading: Promise<unknown> = Promise.resolve();
  function read(): Promise<SearchIndex> {
    const next = reading.then(readNow, readNow);
    reading = next.catch(() => {});
    return next;
  }

  async function readNow(): Promise<SearchIndex> {
    const started = performance.now();
    const reuse = searchWritten ? undefined : shardsRead;
    // Cleared before the read: a write to the shards committed from now on is seen at the next.
    searchWritten = false;
    const changed = written;
    written = { all: false, claims: new RangeSet(), pages: new RangeSet() };
    const { shards, claims, newPages } = await db
      .transaction('r', [db.annotations, db.pages, db.search, db.searchQueue], async () => {
        const [shards, keys] = await Promise.all([reuse ?? storedShards(), unfolded()]);
        return { shards, ...keys };
      })
      .catch((e: unknown) => {
        searchWritten = true;
        written.all = true;
        throw e;
      });
    shardsRead = shards;
    // Marks a writer may have left (it closed before its flush): take them in, later than the
    // writer itself would, and only once no write came for a while (a writer still writing, a
    // sync bringing a library in, folds its marks itself).
    if (claims.length + newPages.length > 0) orphans.arm();
    // Read and tokenized outside the transaction (it would commit at the first yield), in slices.
    const slicer = createSlicer({
      sliceMs: options.sliceMs ?? SLICE_MS,
      yieldToUi: options.yieldToUi ?? behindOtherTasks,
    });
    const claimsIn = await entriesOf(
      db.annotations,
      claims,
      claimEntries,
      changed.all ? undefined : changed.claims,
      encodeClaimView,
      claimEntryOf,
      slicer,
    );
    const pagesIn = await entriesOf(
      db.pages,
      newPages,
      pageEntries,
      changed.all ? undefined : changed.pages,
      encodePageView,
      pageEntryOf,
      slicer,
    );
    claimEntries = claimsIn.cache;
    pageEntries = pagesIn.cache;
    // Encoded NEW_CHUNK at a time: the claims of a library arriving (tens of thousands at
    // 100,000) took ~150 ms encoded in one go, a long task of the popup.
    const encoded = await encodeChunks(claimsIn.entries, claimsIn.cache, slicer);
    const claimShards = shards.filter(isClaimShard);
    // The stored copies of the marked claims, found a shard at a time (one go was a long task),
    // and of the queued ones no longer stored: deleted since the shards took them in.
    const gone = claims.filter((id) => !claimsIn.cache.has(id)).map((id) => ({ id }));
    const replaced = await replacedRows(
      claimShards,
      gone.length > 0 ? [...claimsIn.entries, ...gone] : claimsIn.entries,
      () => slicer.tick('read', 0, 0),
    );
    await slicer.tick('read', 1, 0);
    const built = new SearchIndex(
      claimShards,
      shards.filter(isPageShard),
      claimsIn.entries,
      pagesIn.entries,
      encoded,
      replaced,
    );
    // User Timing, read by the benchmark (tests/tools/search/bench.ts).
    performance.measure('claimmark:index-load', { start: started, detail: built.size });
    return built;
  }

  function load(): Promise<SearchIndex> {
    if (!index) {
      const loading = read().then((built) => {
        if (index === loading) loaded = built;
        return built;
      });
      index = loading;
      loading.catch(() => {
        if (index === loading) index = undefined;
      });
    }
    return index;
  }

  async function pagesOf(urls: readonly string[]): Promise<Map<string, Page | undefined>> {
    const missing = [...new Set(urls)].filter((u) => !pages.has(u));
    if (missing.length > 0) {
      const fetched = db.pages.bulkGet(missing);
      missing.forEach((url, i) =>
        pages.set(
          url,
          fetched.then((all) => all[i]),
        ),
      );
    }
    return new Map(await Promise.all(urls.map(async (u) => [u, await pages.get(u)] as const)));
  }

  /** The claims of `ids` with their pages; ids no longer stored are left out (and unindexed). */
  async function hitsOf(ids: readonly string[], scores: readonly number[]): Promise<SearchHit[]> {
    const annotations: (Annotation | undefined)[] = [];
    for (let i = 0; i < ids.length; i += BATCH)
      annotations.push(...(await db.annotations.bulkGet(ids.slice(i, i + BATCH))));
    const gone = ids.filter((_, i) => annotations[i] === undefined);
    if (gone.length > 0) void removeFromSearchIndex(db, gone).catch(() => {});
    const byUrl = await pagesOf(annotations.flatMap((a) => (a ? [a.url] : [])));
    return annotations.flatMap((annotation, i) =>
      annotation ? [{ annotation, page: byUrl.get(annotation.url), score: scores[i]! }] : [],
    );
  }

  /** Ids whose claim was looked for after being shown (once per index read: a lost deletion). */
  const checked = new Set<string>();

  /**
   * A shown claim that is no longer stored (its deletion's flush was lost) is taken out of the
   * index, which refreshes the popup: looked for after the results are on screen, never before.
   */
  function checkShown(ids: readonly string[]): void {
    const unchecked = ids.filter((id) => !checked.has(id));
    if (unchecked.length === 0) return;
    for (const id of unchecked) checked.add(id);
    // bulkGet: one request per key; `anyOf` walks a cursor, a task per key.
    void db.annotations
      .bulkGet(unchecked)
      .then((found) =>
        removeFromSearchIndex(
          db,
          unchecked.filter((_, i) => found[i] === undefined),
        ),
      )
      .catch(() => {
        for (const id of unchecked) checked.delete(id);
      });
  }

  /** The results of `result` as the list shows them: from the index, else read (old shards). */
  async function shownHits(built: SearchIndex, result: IndexResult): Promise<ShownHit[]> {
    const hits: (ShownHit | undefined)[] = [];
    const missing: number[] = [];
    // Deleted here, not yet out of the shards (its flush is a moment away).
    const deleted = deletedSinceFlush(db);
    result.rows.forEach((row, i) => {
      const view = deleted.has(result.ids[i]!) ? undefined : built.viewOf(row);
      hits.push(view && { annotation: view.claim, page: view.page, score: result.scores[i]! });
      if (!view && !deleted.has(result.ids[i]!)) missing.push(i);
    });
    const shown = result.ids.filter((_, i) => hits[i] !== undefined);
    checkShown(shown);
    if (missing.length > 0) {
      const read = await hitsOf(
        missing.map((i) => result.ids[i]!),
        missing.map((i) => result.scores[i]!),
      );
      const byId = new Map(read.map((hit) => [hit.annotation.id, hit]));
      for (const i of missing) hits[i] = byId.get(result.ids[i]!);
    }
    return hits.filter((hit): hit is ShownHit => hit !== undefined);
  }

  async function search(text: string, limit: number): Promise<SearchResults> {
    const query = parseQuery(text);
    if (isEmptyQuery(query) && !loaded) {
      // The newest claims at once; the index loads when asked (ready()), not competing with them.
      const newest = await db.annotations.orderBy('created').reverse().limit(limit).toArray();
      const byUrl = await pagesOf(newest.map((a) => a.url));
      const hits = newest.map((annotation) => ({
        annotation,
        page: byUrl.get(annotation.url),
        score: 0,
      }));
      return { query, hits, total: newest.length < limit ? newest.length : undefined };
    }
    const built = await load();
    const result = built.query(query, limit);
    const hits = await shownHits(built, result);
    return { query, hits, total: result.total - (result.ids.length - hits.length) };
  }

  return {
    search,
    async all(text) {
      const result = (await load()).query(parseQuery(text));
      return hitsOf(result.ids, result.scores);
    },
    async ready() {
      await load();
    },
    reset() {
      index = undefined;
      loaded = undefined;
      pages.clear();
      checked.clear();
      searchWritten = true;
      written.all = true;
    },
    async refresh() {
      if (!loaded) return this.reset();
      const built = await read();
      index = Promise.resolve(built);
      loaded = built;
      pages.clear();
      checked.clear();
    },
  };
}
