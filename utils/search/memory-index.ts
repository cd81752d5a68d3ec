/**
 * The search index in memory: the stored shards (shards.ts) as they are — long strings of token
 * streams (stream.ts) and typed arrays — searched with `indexOf`. Pure; answers exactly what
 * match.ts defines, for 100,000 claims in a few milliseconds a term.
 *
 * A term scans each field of every shard once (quote, note, tags; page titles and site names),
 * unless an earlier, wider term already narrowed the claims it can match: typing `tikt` after
 * `tik` checks only the claims `tik` matched, and the words after the first only the claims
 * still in the running.
 */
import { WEIGHT, dateBound } from './match';
import type { ParsedQuery, TextTerm } from './query';
import { inRow, markRows, scan, type Column } from './scan';
import {
  claimShardKey,
  encodeClaims,
  encodePages,
  type ClaimShard,
  type PageShard,
} from './shards';
import { AUTHOR_KEY, pageKey, TYPE_CODES, type ClaimEntry, type PageEntry } from './stream';
import type { ClaimSummary, PageSummary } from '../core/model';
import { decodeClaimView, decodePageView } from './view';

export interface IndexResult {
  /** Claim ids, best first. */
  ids: string[];
  scores: number[];
  /** Their rows in this index (for {@link SearchIndex.viewOf}). */
  rows: number[];
  /** How many claims match. */
  total: number;
}

/** Below this share of the library, a term is checked claim by claim rather than scanned. */
const NARROW = 1 / 20;
const CACHED_TERMS = 16;
/** Claims written since a shard was stored that are looked up in it one by one (else at once). */
const FEW_WRITTEN = 8;

export class SearchIndex {
  /** Claims, live or replaced (dead): their number, and their ids by shard. */
  private readonly n: number;
  private readonly ids: Column[] = [];
  private readonly created: Float64Array;
  private readonly types: Uint8Array;
  private readonly pages: Float64Array;
  private readonly dead: Uint8Array;
  private readonly quote: Column[] = [];
  private readonly note: Column[] = [];
  private readonly tags: Column[] = [];
  private readonly tagKeys: Column[] = [];
  private readonly pageKeys: number[] = [];
  private readonly pageDead: Uint8Array;
  private readonly titles: Column[] = [];
  private readonly siteNames: Column[] = [];
  private readonly siteKeys: Column[] = [];
  /** What results show (view.ts), by shard; undefined for shards stored without it. */
  private readonly claimViews: (Column | undefined)[] = [];
  private readonly pageViews: (Column | undefined)[] = [];
  /** The shard (column index) of each claim and page. */
  private readonly claimSegment: Uint16Array;
  private readonly pageSegment: Uint16Array;
  private pageOfClaim: Int32Array | undefined;
  private readonly cache = new Map<string, { weights: Uint8Array; count: number }>();
  /** Live claims. */
  readonly size: number;

  /**
   * The index of stored shards, with `claims` and `pages` written since (not in the shards yet,
   * or newer than their copy there) taking precedence.
   */
  constructor(
    claimShards: readonly ClaimShard[],
    pageShards: readonly PageShard[],
    claims: readonly ClaimEntry[] = [],
    pages: readonly PageEntry[] = [],
    /**
     * `claims` already encoded, in any number of shards (the engine encodes thousands of them in
     * slices, between which the page gets a turn); encoded here, in one go, when left out.
     */
    encoded: readonly ClaimShard[] = claims.length > 0 ? [encodeClaims('new', claims)] : [],
    /**
     * The rows of `claimShards` that `claims` replace ({@link replacedRows}, which the engine runs
     * in slices); found here, in one go, when left out.
     */
    replaced: ReadonlyMap<string, readonly number[]> = replacedRowsNow(claimShards, claims),
  ) {
    const shards = encoded.length > 0 ? [...claimShards, ...encoded] : claimShards;
    const n = shards.reduce((sum, s) => sum + s.created.length, 0);
    this.created = new Float64Array(n);
    this.types = new Uint8Array(n);
    this.dead = new Uint8Array(n);
    this.claimSegment = new Uint16Array(n);
    this.pages = new Float64Array(n);
    let base = 0;
    const columnOf = new Map<string, Column>();
    for (const shard of shards) {
      const count = shard.created.length;
      if (count === 0) continue;
      // Shards stored before ids had offsets (development builds of v3) get them here.
      const idsAt = shard.idsAt ?? offsetsOf(shard.ids, count);
      columnOf.set(shard.key, { text: shard.ids, at: idsAt, base });
      this.pages.set(shard.pages, base);
      this.created.set(shard.created, base);
      for (let i = 0; i < count; i++) this.types[base + i] = shard.types.charCodeAt(i);
      this.claimSegment.fill(this.quote.length, base, base + count);
      this.ids.push({ text: shard.ids, at: idsAt, base });
      this.quote.push({ text: shard.quote, at: shard.quoteAt, base });
      this.note.push({ text: shard.note, at: shard.noteAt, base });
      this.tags.push({ text: shard.tags, at: shard.tagsAt, base });
      this.tagKeys.push({ text: shard.tagKeys, at: shard.tagKeysAt, base });
      this.claimViews.push(
        shard.view !== undefined && shard.viewAt
          ? { text: shard.view, at: shard.viewAt, base }
          : undefined,
      );
      base += count;
    }
    this.n = n;
    // A claim written since the shards were stored: its stored copy is replaced.
    for (const [key, rows] of replaced) {
      const column = columnOf.get(key);
      if (column) for (const row of rows) this.dead[column.base + row] = 1;
    }
    let dead = 0;
    for (let i = 0; i < n; i++) dead += this.dead[i]!;
    this.size = n - dead;

    const pagesIn = pages.length > 0 ? [...pageShards, encodePages('new', pages)] : pageShards;
    const pageCount = pagesIn.reduce((sum, s) => sum + s.titleAt.length - 1, 0);
    this.pageDead = new Uint8Array(pageCount);
    this.pageSegment = new Uint16Array(pageCount);
    const newerPages = new Set(pages.map((p) => pageKey(p.url)));
    base = 0;
    for (const [k, shard] of pagesIn.entries()) {
      const count = shard.titleAt.length - 1;
      if (count === 0) continue;
      const last = k === pagesIn.length - 1 && pages.length > 0;
      shard.keys.forEach((key, i) => {
        this.pageKeys.push(key);
        if (!last && newerPages.has(key)) this.pageDead[base + i] = 1;
      });
      this.pageSegment.fill(this.titles.length, base, base + count);
      this.titles.push({ text: shard.title, at: shard.titleAt, base });
      this.siteNames.push({ text: shard.siteName, at: shard.siteNameAt, base });
      this.siteKeys.push({ text: shard.siteKeys, at: shard.siteKeysAt, base });
      this.pageViews.push(
        shard.view !== undefined && shard.viewAt
          ? { text: shard.view, at: shard.viewAt, base }
          : undefined,
      );
      base += count;
    }
  }

  /** The best `limit` live claims for the query (all of them when limit is Infinity). */
  query(query: ParsedQuery, limit = Number.POSITIVE_INFINITY): IndexResult {
    const n = this.n;
    const alive = new Uint8Array(n);
    const score = new Uint16Array(n);
    for (let c = 0; c < n; c++) alive[c] = this.dead[c] ? 0 : 1;
    this.filter(query, alive);
    // Longest words first: they narrow most, and the rest are checked on fewer claims.
    const include = [...query.include].sort((a, b) => termLength(b) - termLength(a));
    for (const term of include) {
      const weights = this.weights(term, alive);
      for (let c = 0; c < n; c++) {
        if (!alive[c]) continue;
        if (weights[c] === 0) alive[c] = 0;
        else score[c]! += weights[c]!;
      }
    }
    for (const term of query.exclude) {
      const weights = this.weights(term, alive);
      for (let c = 0; c < n; c++) if (weights[c]) alive[c] = 0;
    }
    return this.best(alive, score, limit);
  }

  private filter(query: ParsedQuery, alive: Uint8Array): void {
    const n = alive.length;
    if (query.types.length > 0 || query.excludeTypes.length > 0) {
      const wanted = new Set(
        (query.types.length > 0
          ? query.types
          : (Object.keys(TYPE_CODES) as (keyof typeof TYPE_CODES)[])
        )
          .filter((t) => !query.excludeTypes.includes(t))
          .map((t) => TYPE_CODES[t].charCodeAt(0)),
      );
      for (let c = 0; c < n; c++) if (!wanted.has(this.types[c]!)) alive[c] = 0;
    }
    const after = query.after === undefined ? undefined : dateBound(query.after);
    const before = query.before === undefined ? undefined : dateBound(query.before);
    if (after !== undefined || before !== undefined) {
      for (let c = 0; c < n; c++) {
        const t = this.created[c]!;
        if ((after !== undefined && !(t >= after)) || (before !== undefined && !(t < before)))
          alive[c] = 0;
      }
    }
    for (const tag of query.tags) keepOnly(alive, this.tagMatches(tag));
    for (const tag of query.excludeTags) clear(alive, this.tagMatches(tag));
    if (query.sites.length > 0) {
      const hit = new Uint8Array(n);
      for (const site of query.sites) or(hit, this.siteMatches(site));
      keepOnly(alive, hit);
    }
    for (const site of query.excludeSites) clear(alive, this.siteMatches(site));
    if (query.authors.length > 0) {
      const hit = new Uint8Array(n);
      for (const author of query.authors) or(hit, this.tagMatches(AUTHOR_KEY + author));
      keepOnly(alive, hit);
    }
    for (const author of query.excludeAuthors) clear(alive, this.tagMatches(AUTHOR_KEY + author));
  }

  private tagMatches(tag: string): Uint8Array {
    const hit = new Uint8Array(this.n);
    for (const column of this.tagKeys) scan(column, `\t${tag}`, true, false, (c) => (hit[c] = 1));
    return hit;
  }

  private siteMatches(site: string): Uint8Array {
    const pages = new Uint8Array(this.pageKeys.length);
    for (const column of this.siteKeys)
      scan(column, `\t${site}`, true, false, (p) => (pages[p] = 1));
    return this.claimsOfPages(pages);
  }

  /** Claims whose page is marked in `pages`. */
  private claimsOfPages(pages: Uint8Array): Uint8Array {
    const of = this.pageOf();
    const hit = new Uint8Array(this.n);
    for (let c = 0; c < hit.length; c++) {
      const p = of[c]!;
      if (p >= 0 && pages[p]) hit[c] = 1;
    }
    return hit;
  }

  private pageOf(): Int32Array {
    if (!this.pageOfClaim) {
      const byKey = new Map<number, number>();
      this.pageKeys.forEach((key, p) => {
        if (!this.pageDead[p]) byKey.set(key, p);
      });
      this.pageOfClaim = Int32Array.from(this.pages, (key) => byKey.get(key) ?? -1);
    }
    return this.pageOfClaim;
  }

  /** Best field weight per claim for a term (0: no match); only `alive` claims are certain. */
  private weights(term: TextTerm, alive: Uint8Array): Uint8Array {
    const key = termKey(term);
    const cached = this.cache.get(key);
    if (cached) return cached.weights;
    const n = this.n;
    const few = n * NARROW;
    // A wider word typed before (`tik` for `tikt`) bounds where this one can match: when it
    // matched few claims, checking those gives a complete answer, kept for the next keystroke.
    const parent = this.parentOf(term);
    if (parent && parent.count < few) {
      const weights = new Uint8Array(n);
      let count = 0;
      for (let c = 0; c < n; c++) {
        if (!parent.weights[c]) continue;
        weights[c] = this.weightOf(term, c);
        if (weights[c]) count++;
      }
      this.remember(key, weights, count);
      return weights;
    }
    let candidates = 0;
    for (let c = 0; c < n && candidates < few; c++) candidates += alive[c]!;
    if (candidates < few) {
      // Few claims left in the running: check those only (an answer for them alone).
      const weights = new Uint8Array(n);
      for (let c = 0; c < n; c++) if (alive[c]) weights[c] = this.weightOf(term, c);
      return weights;
    }
    const weights = this.scanAll(term);
    let count = 0;
    for (let c = 0; c < n; c++) if (weights[c]) count++;
    this.remember(key, weights, count);
    return weights;
  }

  /** Results for every claim, by term, the oldest dropped first. */
  private remember(key: string, weights: Uint8Array, count: number): void {
    if (this.cache.size >= CACHED_TERMS) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, { weights, count });
  }

  private parentOf(term: TextTerm): { weights: Uint8Array; count: number } | undefined {
    for (let parent = parentTerm(term); parent; parent = parentTerm(parent)) {
      const cached = this.cache.get(termKey(parent));
      if (cached) return cached;
    }
    return undefined;
  }

  private scanAll(term: TextTerm): Uint8Array {
    const n = this.n;
    const weights = new Uint8Array(n);
    for (const column of this.tags) markRows(column, term, weights, WEIGHT.context);
    for (const column of this.note) markRows(column, term, weights, WEIGHT.note);
    for (const column of this.quote) markRows(column, term, weights, WEIGHT.quote);
    const pages = new Uint8Array(this.pageKeys.length);
    for (const column of this.titles) markRows(column, term, pages, 1);
    for (const column of this.siteNames) markRows(column, term, pages, 1);
    let any = false;
    for (let p = 0; p < pages.length; p++) {
      if (this.pageDead[p]) pages[p] = 0;
      else if (pages[p]) any = true;
    }
    if (any) {
      const of = this.pageOf();
      for (let c = 0; c < n; c++) {
        const p = of[c]!;
        if (weights[c] === 0 && p >= 0 && pages[p]) weights[c] = WEIGHT.context;
      }
    }
    return weights;
  }

  /** One claim's best field weight for a term. */
  private weightOf(term: TextTerm, c: number): number {
    const k = this.claimSegment[c]!;
    if (inRow(this.quote[k]!, c, term)) return WEIGHT.quote;
    if (inRow(this.note[k]!, c, term)) return WEIGHT.note;
    if (inRow(this.tags[k]!, c, term)) return WEIGHT.context;
    const p = this.pageOf()[c]!;
    if (p < 0) return 0;
    const j = this.pageSegment[p]!;
    return inRow(this.titles[j]!, p, term) || inRow(this.siteNames[j]!, p, term)
      ? WEIGHT.context
      : 0;
  }

  private best(alive: Uint8Array, score: Uint16Array, limit: number): IndexResult {
    const better = (a: number, b: number) => {
      if (score[a] !== score[b]) return score[a]! > score[b]!;
      const ta = this.created[a]!;
      const tb = this.created[b]!;
      if (ta !== tb) return ta > tb || (Number.isNaN(tb) && !Number.isNaN(ta));
      return this.idOf(a) > this.idOf(b);
    };
    let total = 0;
    let chosen: number[];
    if (Number.isFinite(limit)) {
      // A min-heap of the best `limit` so far: its root is the weakest of them.
      const heap: number[] = [];
      const down = (i: number) => {
        for (;;) {
          const l = 2 * i + 1;
          const r = l + 1;
          let m = i;
          if (l < heap.length && better(heap[m]!, heap[l]!)) m = l;
          if (r < heap.length && better(heap[m]!, heap[r]!)) m = r;
          if (m === i) return;
          [heap[i], heap[m]] = [heap[m]!, heap[i]!];
          i = m;
        }
      };
      for (let c = 0; c < alive.length; c++) {
        if (!alive[c]) continue;
        total++;
        if (heap.length < limit) {
          heap.push(c);
          for (let i = heap.length - 1; i > 0; ) {
            const p = (i - 1) >> 1;
            if (!better(heap[p]!, heap[i]!)) break;
            [heap[i], heap[p]] = [heap[p]!, heap[i]!];
            i = p;
          }
        } else if (limit > 0 && better(c, heap[0]!)) {
          heap[0] = c;
          down(0);
        }
      }
      chosen = heap;
    } else {
      chosen = [];
      for (let c = 0; c < alive.length; c++) if (alive[c]) chosen.push(c);
      total = chosen.length;
    }
    chosen.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
    return {
      ids: chosen.map((c) => this.idOf(c)),
      scores: chosen.map((c) => score[c]!),
      rows: chosen,
      total,
    };
  }

  /**
   * What a result shows of the claim at `row` (of an {@link IndexResult}) and of its page, from
   * the index alone; undefined when a shard it is in was stored without views.
   */
  viewOf(row: number): { claim: ClaimSummary; page?: PageSummary } | undefined {
    const column = this.claimViews[this.claimSegment[row]!];
    const claim =
      column && decoded(claimViews, this.idOf(row), rowOf(column, row), decodeClaimView);
    if (!claim) return undefined;
    const p = this.pageOf()[row]!;
    if (p < 0) return { claim };
    const pages = this.pageViews[this.pageSegment[p]!];
    const page = pages && decoded(pageViews, claim.url, rowOf(pages, p), decodePageView);
    return page ? { claim, page } : undefined;
  }

  private idOf(c: number): string {
    const column = this.ids[this.claimSegment[c]!]!;
    const i = c - column.base;
    return column.text.slice(column.at[i]!, column.at[i + 1]! - 1);
  }
}

/**
 * The views decoded lately, by key and stored text: the same claim shown again, by a later index
 * too (a refresh while a sync writes), is the same object, so that the popup can tell results
 * that did not change and leave the list as it is. Read-only objects; a few hundred kept.
 */
const claimViews = new Map<string, ClaimSummary | undefined>();
const pageViews = new Map<string, PageSummary | undefined>();
const DECODED = 500;

function decoded<V>(
  cache: Map<string, V | undefined>,
  key: string,
  text: string,
  decode: (key: string, text: string) => V | undefined,
): V | undefined {
  const id = `${key}\n${text}`;
  if (cache.has(id)) return cache.get(id);
  if (cache.size >= DECODED) cache.clear();
  const view = decode(key, text);
  cache.set(id, view);
  return view;
}

/** Each stored shard's rows by claim id, made once per shard (shards are read-only). */
const rowsById = new WeakMap<ClaimShard, Map<string, number>>();

function rowsOf(shard: ClaimShard): Map<string, number> {
  let rows = rowsById.get(shard);
  if (!rows) {
    rows = new Map();
    const map = rows;
    if (shard.created.length > 0)
      shard.ids.split('\n').forEach((id, row) => map.has(id) || map.set(id, row));
    rowsById.set(shard, rows);
  }
  return rows;
}

/** The ids of `claims` by the stored shard they belong to. */
function byShard(claims: readonly { id: string }[]): Map<string, string[]> {
  const written = new Map<string, string[]>();
  for (const { id } of claims) {
    const key = claimShardKey(id);
    const list = written.get(key);
    if (list) list.push(id);
    else written.set(key, [id]);
  }
  return written;
}

/** Rows of the stored `shard` holding `ids` (a few are looked for, many looked up). */
function rowsIn(shard: ClaimShard, ids: readonly string[]): number[] {
  const found: number[] = [];
  if (shard.created.length === 0) return found;
  if (ids.length <= FEW_WRITTEN && !rowsById.has(shard)) {
    const column = {
      text: shard.ids,
      at: shard.idsAt ?? offsetsOf(shard.ids, shard.created.length),
      base: 0,
    };
    for (const id of ids) {
      const row = findRow(column, id);
      if (row >= 0) found.push(row);
    }
    return found;
  }
  const rows = rowsOf(shard);
  for (const id of ids) {
    const row = rows.get(id);
    if (row !== undefined) found.push(row);
  }
  return found;
}

/** For each stored shard that holds some of `written` (ids by shard key): its rows of them. */
function* rowsByShard(
  shards: readonly ClaimShard[],
  written: ReadonlyMap<string, readonly string[]>,
): Generator<[key: string, rows: number[]]> {
  const byKey = new Map(shards.map((shard) => [shard.key, shard]));
  for (const [key, ids] of written) {
    const shard = byKey.get(key);
    if (shard) yield [key, rowsIn(shard, ids)];
  }
}

/** {@link replacedRows} in one go. */
function replacedRowsNow(
  shards: readonly ClaimShard[],
  claims: readonly { id: string }[],
): Map<string, number[]> {
  return claims.length === 0 ? new Map() : new Map(rowsByShard(shards, byShard(claims)));
}

/**
 * The rows of stored `shards` that `claims` (written since they were stored) replace, by shard
 * key, with `tick()` between shards: at 100,000 claims arriving, finding tens of thousands of
 * them in one go (splitting every shard's ids) was a task of 100–300 ms. Each shard's rows by id
 * are kept while the shard is (a sync's refreshes reuse the shards for many reads).
 */
export async function replacedRows(
  shards: readonly ClaimShard[],
  claims: readonly { id: string }[],
  tick: () => Promise<void> | undefined,
): Promise<Map<string, number[]>> {
  const replaced = new Map<string, number[]>();
  if (claims.length === 0) return replaced;
  const written = new Map<string, string[]>();
  for (let start = 0; start < claims.length; start += GROUPED) {
    for (const [key, ids] of byShard(claims.slice(start, start + GROUPED))) {
      const list = written.get(key);
      if (list) list.push(...ids);
      else written.set(key, ids);
    }
    await tick();
  }
  for (const [key, rows] of rowsByShard(shards, written)) {
    replaced.set(key, rows);
    await tick();
  }
  return replaced;
}

/** Claims put in their shards between two ticks of {@link replacedRows}. */
const GROUPED = 1000;

/** The value of a column at global row `row`. */
function rowOf(column: Column, row: number): string {
  const i = row - column.base;
  return column.text.slice(column.at[i]!, column.at[i + 1]! - 1);
}

/** The row of a column whose whole value is `value`, or -1. */
function findRow(column: Column, value: string): number {
  const { text, at } = column;
  for (let pos = text.indexOf(value); pos !== -1; pos = text.indexOf(value, pos + 1)) {
    if (pos > 0 && text.charCodeAt(pos - 1) !== NEWLINE) continue;
    const end = pos + value.length;
    if (end < text.length && text.charCodeAt(end) !== NEWLINE) continue;
    let lo = 0;
    let hi = at.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (at[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
  return -1;
}

const NEWLINE = 10;

/** Where each of `count` values joined by `\n` starts (and one past the end). */
function offsetsOf(text: string, count: number): Uint32Array {
  const at = new Uint32Array(count + 1);
  let pos = 0;
  for (let i = 0; i < count; i++) {
    at[i] = pos;
    const end = text.indexOf('\n', pos);
    pos = end < 0 ? text.length + 1 : end + 1;
  }
  at[count] = text.length + 1;
  return at;
}

function termLength(term: TextTerm): number {
  return term.tokens.reduce((sum, t) => sum + t.key.length, 0);
}

function termKey(term: TextTerm): string {
  return term.tokens.map((t) => `${t.prefix ? '~' : '='}${t.key}`).join(' ');
}

/** The same word one letter shorter (`tik` for `tikt`): every match of this is one of that. */
function parentTerm(term: TextTerm): TextTerm | undefined {
  const [token] = term.tokens;
  if (term.tokens.length !== 1 || !token?.prefix || token.key.length <= 2) return undefined;
  return { tokens: [{ key: token.key.slice(0, -1), prefix: true }] };
}

function keepOnly(alive: Uint8Array, hit: Uint8Array): void {
  for (let c = 0; c < alive.length; c++) if (!hit[c]) alive[c] = 0;
}
function clear(alive: Uint8Array, hit: Uint8Array): void {
  for (let c = 0; c < alive.length; c++) if (hit[c]) alive[c] = 0;
}
function or(into: Uint8Array, hit: Uint8Array): void {
  for (let c = 0; c < into.length; c++) if (hit[c]) into[c] = 1;
}
