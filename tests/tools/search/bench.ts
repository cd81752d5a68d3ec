/**
 * `npm run bench:search`: search at 10,000 and 100,000 claims in real Chromium with the built
 * extension (run after `wxt build`; the script does both).
 *
 * Per library size: a synthetic library (generate-library.ts) is written as Claimmark 0.2 stored
 * it (schema v2), the popup opens it (running the v3 upgrade that builds the index), then:
 * - popup open → recent claims on screen (navigation start → first results mark), median of 5;
 * - popup open → results of a query typed at once (includes reading the claim order);
 * - typing 12 queries a key every 150 ms: per keystroke, the engine's time and keystroke →
 *   results on screen, p50 / p95; long tasks (PerformanceObserver 'longtask') and the longest
 *   gap between animation frames, also while typing fast (a key every 35 ms);
 * - the size of the index (its shards, as stored), the popup's JS heap after the queries.
 *
 *   npm run bench:search            # 10k and 100k
 *   BENCH_SIZES=2000 npm run bench:search
 */
import { selfTimes } from '../bench/self-time';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, EXTENSION_DIR, findChromium, ROOT } from '../../e2e/harness';
import { writeV2Library } from './chromium-library';
import {
  claimShardKey,
  encodeClaims,
  encodePages,
  pageShardKey,
} from '../../../utils/search/shards';
import {
  claimEntry,
  pageEntry,
  type ClaimEntry,
  type PageEntry,
} from '../../../utils/search/stream';
import { generateLibrary, type Library } from './generate-library';
import { resultsFor, typeQueries } from './popup-typing';

const SIZES = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const SLOW_KEY_MS = 150;
const FAST_KEY_MS = 35;

interface Row {
  claims: number;
  pages: number;
  fillS: number;
  upgradeS: number;
  openRecent: number[];
  openQuery: number;
  indexLoad: number;
  engine: number[];
  keyToResults: number[];
  dropped: number;
  longTasksSlow: number[];
  longTasksFast: number[];
  /** Gaps between animation frames over 50 ms while typing. */
  framesSlow: number[];
  framesFast: number[];
  indexBytes: number;
  heapMb: number;
}

async function launch(extensionDir: string) {
  const executablePath = findChromium();
  if (!executablePath)
    throw new Error('No Chromium: apt-get install -y chromium, or CHROMIUM_PATH');
  const profile = mkdtempSync(join(tmpdir(), 'claimmark-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport: { width: 1200, height: 900 },
    args: [
      ...CHROMIUM_ARGS,
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
    ],
  });
  const worker =
    context.serviceWorkers()[0] ??
    (await context.waitForEvent('serviceworker', { timeout: 10_000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    popupUrl: `chrome-extension://${extensionId}/popup.html`,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Milliseconds from navigation start to the first results on screen. */
async function firstResultsAt(page: Page): Promise<number> {
  await page.waitForFunction(() => performance.getEntriesByName('claimmark:results').length > 0);
  return page.evaluate(() => performance.getEntriesByName('claimmark:results')[0]!.startTime);
}

async function openPopup(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

/** BENCH_PROFILE=1: where the popup's main thread spent its time while typing (top 25). */
async function startProfile(page: Page): Promise<() => Promise<string>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  return async () => {
    const { profile } = await cdp.send('Profiler.stop');
    await cdp.detach();
    return selfTimes(profile).top(25, 6);
  };
}

async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize / 1e6;
}

async function benchSize(extensionDir: string, claims: number): Promise<Row> {
  const library = generateLibrary({ claims });
  const b = await launch(extensionDir);
  try {
    const setup = await b.context.newPage();
    let t = performance.now();
    await writeV2Library(setup, b.extensionId, library);
    const fillS = (performance.now() - t) / 1000;

    t = performance.now();
    const first = await openPopup(b.context, b.popupUrl);
    await resultsFor(first, '', 600_000);
    const upgradeS = (performance.now() - t) / 1000;
    await first.close();

    const openRecent: number[] = [];
    for (let i = 0; i < 5; i++) {
      const page = await openPopup(b.context, b.popupUrl);
      await resultsFor(page, '');
      openRecent.push(await firstResultsAt(page));
      await page.close();
    }

    const typedAtOnce = await b.context.newPage();
    await typedAtOnce.goto(b.popupUrl, { waitUntil: 'commit' });
    await typedAtOnce.getByRole('searchbox', { name: 'Search claims' }).fill('tiktok');
    await resultsFor(typedAtOnce, 'tiktok');
    const marked = await typedAtOnce.waitForFunction(
      () =>
        performance
          .getEntriesByName('claimmark:results')
          .find((m) => (m as PerformanceMark).detail?.query === 'tiktok')?.startTime,
    );
    const openQuery = (await marked.jsonValue()) as number;
    const indexLoad = await typedAtOnce.evaluate(
      () => performance.getEntriesByName('claimmark:index-load')[0]?.duration ?? NaN,
    );
    await typedAtOnce.close();

    const page = await openPopup(b.context, b.popupUrl);
    await resultsFor(page, '');
    const profiler = process.env.BENCH_PROFILE ? await startProfile(page) : undefined;
    const slow = await typeQueries(page, SLOW_KEY_MS);
    if (profiler) console.error(await profiler());
    if (process.env.BENCH_DEBUG)
      console.error(slow.searched.map((s) => `${s.query}: ${Math.round(s.ms)}`).join('\n'));
    const heap = await heapMb(page);
    await page.close();
    const fastPage = await openPopup(b.context, b.popupUrl);
    await resultsFor(fastPage, '');
    const fast = await typeQueries(fastPage, FAST_KEY_MS);
    await fastPage.close();
    return {
      claims,
      pages: library.pages.length,
      fillS,
      upgradeS,
      openRecent,
      openQuery,
      indexLoad,
      engine: slow.engine,
      keyToResults: slow.keyToResults,
      dropped: slow.dropped,
      longTasksSlow: slow.longTasks,
      longTasksFast: fast.longTasks,
      framesSlow: slow.frames,
      framesFast: fast.frames,
      indexBytes: indexBytes(library),
      heapMb: heap,
    };
  } finally {
    await b.close();
  }
}

/**
 * Bytes of the search shards of a library as IndexedDB serializes them: strings of Latin-1
 * characters one byte a character, others two; typed arrays as they are.
 */
function indexBytes(library: Library): number {
  const claims = new Map<string, ClaimEntry[]>();
  for (const a of library.annotations) {
    const key = claimShardKey(a.id);
    const list = claims.get(key) ?? [];
    list.push(claimEntry(a));
    claims.set(key, list);
  }
  const pages = new Map<string, PageEntry[]>();
  for (const p of library.pages) {
    const key = pageShardKey(p.url);
    const list = pages.get(key) ?? [];
    list.push(pageEntry(p));
    pages.set(key, list);
  }
  const shards = [
    ...[...claims].map(([k, e]) => encodeClaims(k, e)),
    ...[...pages].map(([k, e]) => encodePages(k, e)),
  ];
  let bytes = 0;
  for (const shard of shards)
    for (const value of Object.values(shard))
      bytes +=
        typeof value === 'string'
          ? value.length * (/^[\0-\xff]*$/.test(value) ? 1 : 2)
          : (value as ArrayBufferView).byteLength;
  return bytes;
}

function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

const ms = (v: number) => `${Math.round(v)} ms`;
/** The longest of durations recorded from 50 ms up (long tasks, slow frames). */
const atLeast50 = (durations: number[]) =>
  durations.length === 0 ? '< 50 ms' : ms(Math.max(...durations));
const mb = (v: number) => `${(v / 1e6).toFixed(0)} MB`;

function table(rows: Row[]): string {
  const k = (n: number) => `${n / 1000}k`;
  const line = (label: string, f: (r: Row) => string) =>
    `| ${label} | ${rows.map(f).join(' | ')} |`;
  return [
    `| claims (pages) | ${rows.map((r) => `${k(r.claims)} (${k(r.pages)})`).join(' | ')} |`,
    `|---|${rows.map(() => '---:').join('|')}|`,
    line('popup open → recent claims (median of 5)', (r) => ms(quantile(r.openRecent, 0.5))),
    line('popup open → results of a query typed at once', (r) => ms(r.openQuery)),
    line('  of which: reading the index into memory', (r) => ms(r.indexLoad)),
    line(
      'per keystroke: search p50 / p95',
      (r) => `${ms(quantile(r.engine, 0.5))} / ${ms(quantile(r.engine, 0.95))}`,
    ),
    line(
      'per keystroke: key → results on screen p50 / p95 (60 ms debounce)',
      (r) => `${ms(quantile(r.keyToResults, 0.5))} / ${ms(quantile(r.keyToResults, 0.95))}`,
    ),
    line(
      'longest task while typing (key every 150 / 35 ms)',
      (r) => `${atLeast50(r.longTasksSlow)} / ${atLeast50(r.longTasksFast)}`,
    ),
    line('tasks > 100 ms while typing', (r) =>
      String([...r.longTasksSlow, ...r.longTasksFast].filter((d) => d > 100).length),
    ),
    line(
      'longest gap between frames while typing (150 / 35 ms)',
      (r) => `${atLeast50(r.framesSlow)} / ${atLeast50(r.framesFast)}`,
    ),
    line(
      'frames > 100 ms while typing (150 / 35 ms)',
      (r) =>
        `${r.framesSlow.filter((d) => d > 100).length} / ${r.framesFast.filter((d) => d > 100).length}`,
    ),
    line('index size (search shards)', (r) => mb(r.indexBytes)),
    line('JS heap of the popup after the queries', (r) => `${r.heapMb.toFixed(0)} MB`),
    line('one-time upgrade v2 → v3 (open → first results)', (r) => `${r.upgradeS.toFixed(1)} s`),
  ].join('\n');
}

async function main() {
  // A copy: a build started meanwhile (another terminal) cannot change what is measured.
  const dir = mkdtempSync(join(tmpdir(), 'claimmark-ext-'));
  cpSync(EXTENSION_DIR, dir, { recursive: true });
  const rows: Row[] = [];
  try {
    for (const size of SIZES) {
      console.error(`${size} claims…`);
      const row = await benchSize(dir, size);
      console.error(
        `  keystrokes: ${row.engine.length} searched, ${row.keyToResults.length} shown, ${row.dropped} superseded`,
      );
      rows.push(row);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const out = table(rows);
  console.log(out);
  writeFileSync(join(ROOT, '.output', 'bench-search.md'), `${out}\n`);
}

await main();
