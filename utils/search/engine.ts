/**
 * The search engine of an extension page. Data code: Dexie yes, DOM no; never imported by the
 * content script.
 *
 * The index is read once (the `search` shards and the records marked since, maintain.ts) and
 * searched in memory (memory-index.ts); only the claims shown and their pages are read from the
 * database. Until the index is in memory, an empty query is answered from the `created` index
 * (the newest claims, at once) with the count left unknown; `ready()` loads the index.
 *
 * While a library arrives (a sync, an import in another page), the popup refreshes the index
 * every second or so: the marked records are tokenized in slices of a few milliseconds that yield
 * to the page (keystrokes are answered from the index in memory meanwhile), and a record read
 * again unchanged is not tokenized again.
 */
import { Dexie, type Table } from 'dexie';
import type { ClaimmarkDB } from '../store/db';
import type { Annotation, Page } from '../core/model';
import type { SearchHit } from './index';
import { PENDING, postponeFlush, removeFromSearchIndex } from './maintain';
import { SearchIndex } from './memory-index';
import { isEmptyQuery, parseQuery, type ParsedQuery } from './query';
import {
  encodeClaims,
  isClaimShard,
  isPageShard,
  type ClaimShard,
  type SearchRecord,
} from './shards';
import { claimEntry, pageEntry, type ClaimEntry, type PageEntry } from './stream';
// Between two slices of the build the page's other tasks go first (`behindOtherTasks`):
// `scheduler.yield()` would resume ahead of them, and a keystroke's search, waiting on its
// IndexedDB reads, would wait for the whole build.
import { behindOtherTasks, createSlicer, type Slicer } from '../export/work';

export interface SearchResults {
  query: ParsedQuery;
  hits: SearchHit[];
  /** How many claims match; undefined while the index is still loading (empty query only). */
  total: number | undefined;
}

export interface SearchEngine {
  /** The best `limit` matches of `query` and how many there are. */
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
const ORPHANED_MARKS_DELAY_MS = 5_000;
/** Longest stretch of work between yields while the index is built (ms). */
const SLICE_MS = 8;

/**
 * What is kept of a marked record between refreshes: the fields its entry is made of, not the
 * record (a claim's selectors, its page's metadata): at 100,000 claims arriving, tens of
 * thousands are kept, and the popup's heap (and its garbage collector's pauses) grow with them.
 */
type ClaimFields = Pick<
  Annotation,
  'created' | 'type' | 'url' | 'quote' | 'note' | 'author' | 'tags'
>;
type PageFields = Pick<Page, 'url' | 'title' | 'siteName'>;

interface Cached<S, E> {
  fields: S;
  entry: E;
}

function claimFields(a: Annotation): ClaimFields {
  const { created, type, url, quote, note, author, tags } = a;
  return { created, type, url, quote, note, author, tags };
}

function pageFields(p: Page): PageFields {
  return { url: p.url, title: p.title, siteName: p.siteName };
}

/** Whether two copies of a claim give the same entry (the fields claimEntry reads). */
function sameClaim(a: ClaimFields, b: ClaimFields): boolean {
  return (
    a.created === b.created &&
    a.type === b.type &&
    a.url === b.url &&
    a.quote === b.quote &&
    a.note === b.note &&
    a.author === b.author &&
    (a.tags ?? []).length === (b.tags ?? []).length &&
    (a.tags ?? []).every((tag, i) => tag === b.tags[i])
  );
}

function samePage(a: PageFields, b: PageFields): boolean {
  return a.url === b.url && a.title === b.title && a.siteName === b.siteName;
}

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

  /** The records written since the shards took them in, BATCH per request (no long task). */
  async function marked<T, I>(table: Table<T, string, I>): Promise<T[]> {
    const keys = await table.where(PENDING).equals(1).primaryKeys();
    const records: (T | undefined)[] = [];
    for (let i = 0; i < keys.length; i += BATCH)
      records.push(...(await table.bulkGet(keys.slice(i, i + BATCH))));
    return records.filter((r): r is T => r !== undefined);
  }

  /**
   * The entries of the marked records, kept from one read to the next: while a sync brings a
   * library in, the same thousands of marked claims are read at every refresh until the writer
   * folds them in, and only those that changed are tokenized again.
   */
  let claimEntries = new Map<string, Cached<ClaimFields, ClaimEntry>>();
  let pageEntries = new Map<string, Cached<PageFields, PageEntry>>();

  /** Entries of `records`, from the cache or made anew, yielding every few ms (no long task). */
  async function entriesOf<R, S, E>(
    records: readonly R[],
    keyOf: (record: R) => string,
    cache: Map<string, Cached<S, E>>,
    fieldsOf: (record: R) => S,
    same: (a: S, b: S) => boolean,
    make: (record: R) => E,
    slicer: Slicer,
  ): Promise<{ entries: E[]; cache: Map<string, Cached<S, E>> }> {
    const next = new Map<string, Cached<S, E>>();
    const entries: E[] = [];
    for (const [i, record] of records.entries()) {
      const key = keyOf(record);
      const cached = cache.get(key);
      const fields = fieldsOf(record);
      const entry = cached && same(cached.fields, fields) ? cached.entry : make(record);
      next.set(key, { fields, entry });
      entries.push(entry);
      await slicer.tick('read', i, records.length);
    }
    return { entries, cache: next };
  }

  async function read(): Promise<SearchIndex> {
    const started = performance.now();
    const { shards, claims, newPages } = await db.transaction(
      'r',
      db.annotations,
      db.pages,
      db.search,
      async () => {
        // One request per shard: each is deserialized in its own task (no long task).
        const keys = await db.search.toCollection().primaryKeys();
        const [records, claims, newPages] = await Promise.all([
          db.search.bulkGet(keys),
          marked(db.annotations),
          marked(db.pages),
        ]);
        return {
          shards: records.filter((r): r is SearchRecord => r !== undefined),
          claims,
          newPages,
        };
      },
    );
    // Marks a writer may have left (it closed before its flush): take them in, later than the
    // writer itself would, and only once no write came for a while (a writer still writing, a
    // sync bringing a library in, folds its marks itself).
    if (claims.length + newPages.length > 0) orphans.arm();
    // Tokenized outside the transaction (it would commit at the first yield), in slices.
    const slicer = createSlicer({
      sliceMs: options.sliceMs ?? SLICE_MS,
      yieldToUi: options.yieldToUi ?? behindOtherTasks,
    });
    const claimsIn = await entriesOf(
      claims,
      (a) => a.id,
      claimEntries,
      claimFields,
      sameClaim,
      claimEntry,
      slicer,
    );
    const pagesIn = await entriesOf(
      newPages,
      (p) => p.url,
      pageEntries,
      pageFields,
      samePage,
      pageEntry,
      slicer,
    );
    claimEntries = claimsIn.cache;
    pageEntries = pagesIn.cache;
    // Encoded NEW_CHUNK at a time: the claims of a library arriving (tens of thousands at
    // 100,000) took ~150 ms encoded in one go, a long task of the popup.
    const encoded: ClaimShard[] = [];
    for (let i = 0; i < claimsIn.entries.length; i += NEW_CHUNK) {
      encoded.push(encodeClaims(`new:${i}`, claimsIn.entries.slice(i, i + NEW_CHUNK)));
      await slicer.tick('read', i, claimsIn.entries.length);
    }
    await slicer.tick('read', 1, 0);
    const built = new SearchIndex(
      shards.filter(isClaimShard),
      shards.filter(isPageShard),
      claimsIn.entries,
      pagesIn.entries,
      encoded,
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
    const result = (await load()).query(query, limit);
    const hits = await hitsOf(result.ids, result.scores);
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
    },
    async refresh() {
      if (!loaded) return this.reset();
      const built = await read();
      index = Promise.resolve(built);
      loaded = built;
      pages.clear();
    },
  };
}
