/**
 * `npm run bench:export`: export and import at scale.
 *
 * For synthetic libraries of 10,000 and 100,000 claims (10 per page, realistic lengths, tags,
 * notes, anchors): in Node, each export format and reading the backup and the W3C file back (and
 * the database steps on fake-indexeddb up to BENCH_EXPORT_NODE_DB_MAX claims, default 10,000);
 * in headless Chromium (system binary, CHROMIUM_PATH; skipped when there is none), the same code
 * bundled into a page with real IndexedDB: reading the backup, every export, the dry run, the
 * import into an empty database (one transaction), the same import again (nothing to write),
 * reading the library back and exporting it. "longest task" is what would freeze a page: in
 * Node the longest gap between ticks of a 1 ms timer; in Chromium the longest `longtask`
 * (PerformanceObserver; 0 when no task took over 50 ms): wall time, which on a busy machine counts
 * the time the page's thread waited for a core. For the search index catch-up, a Chromium trace
 * also gives the CPU time of its longest task (what it costs on an idle machine). Prints a table
 * and writes it to .output/bench-export.md.
 *
 * BENCH_EXPORT_SIZES=10000,100000 (default) sets the library sizes.
 */
import 'fake-indexeddb/auto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Dexie } from 'dexie';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { openDatabase } from '../../utils/store/db';
import { hashId } from '../../utils/export/hash-id';
import { exportLibrary, type ExportFormat } from '../../utils/export/index';
import { toBackupJson } from '../../utils/export/json';
import { applyImport, parseImport, previewImport } from '../../utils/import';
import type { Annotation, ClaimType, Page } from '../../utils/core/model';
import { CLAIM_TYPES } from '../../utils/core/model';
import { findChromium } from './bench/chromium';

const ROOT = resolve(import.meta.dirname, '..', '..');
const OUTPUT = join(ROOT, '.output', 'bench-export.md');
const SIZES = (process.env.BENCH_EXPORT_SIZES ?? '10000,100000')
  .split(',')
  .map(Number)
  .filter((n) => Number.isSafeInteger(n) && n > 0);
/** fake-indexeddb grows quadratically with a multiEntry index: Node runs the database steps up to this size. */
const NODE_DB_MAX = Number(process.env.BENCH_EXPORT_NODE_DB_MAX ?? 10_000);
const NOW = new Date('2026-01-01T00:00:00.000Z');
const log = (message: string): void => void process.stderr.write(`${message}\n`);

const WORDS =
  'revenue grew percent billion million quarter forecast analysts said company sales users market share shop growth target missed raised guidance employees office policy review pressure ecommerce platform investment returns'.split(
    ' ',
  );

function sentence(seed: number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[(seed * 31 + i * 17) % WORDS.length]!);
  return out.join(' ');
}

function library(claims: number): { pages: Page[]; annotations: Annotation[] } {
  const pages: Page[] = Array.from({ length: Math.ceil(claims / 10) }, (_, i) => ({
    url: `https://news${i % 50}.example.com/2025/story-${i}`,
    aliases: i % 9 === 0 ? [`https://news${i % 50}.example.com/amp/story-${i}`] : [],
    title: `Story ${i}: ${sentence(i, 9)}`,
    byline: `Reporter ${i % 300}`,
    siteName: `News ${i % 50}`,
    publishedTime: new Date(Date.UTC(2024, i % 12, 1 + (i % 28))).toISOString(),
    lang: 'en',
    excerpt: sentence(i + 7, 30),
    firstSeen: new Date(Date.UTC(2025, 0, 1, 0, i % 60)).toISOString(),
    lastSeen: new Date(Date.UTC(2025, 5, 1, 0, i % 60)).toISOString(),
  }));
  const annotations: Annotation[] = Array.from({ length: claims }, (_, i) => {
    const quote = `${sentence(i, 8 + (i % 30))} $${i % 1000} million`;
    const start = (i % 50) * 300;
    const claim: Annotation = {
      id: hashId(`bench ${i}`),
      url: pages[Math.floor(i / 10)]!.url,
      quote,
      selectors: [
        {
          type: 'TextQuoteSelector',
          exact: quote,
          prefix: sentence(i + 3, 5).slice(-32),
          suffix: sentence(i + 5, 5).slice(0, 32),
        },
        { type: 'TextPositionSelector', start, end: start + quote.length },
      ],
      type: CLAIM_TYPES[i % CLAIM_TYPES.length] as ClaimType,
      tags: i % 3 ? [`topic${i % 40}`, `client${i % 7}`] : [],
      note: i % 2 ? sentence(i + 11, 20) : '',
      created: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(),
      updated: new Date(Date.UTC(2025, 0, 1) + i * 60_000 + (i % 4) * 3_600_000).toISOString(),
    };
    if (i % 4 === 0) claim.anchor = { status: 'exact', at: '2025-06-01T00:00:00.000Z' };
    return claim;
  });
  return { pages, annotations };
}

interface Row {
  where: 'Node' | 'Chromium';
  claims: number;
  step: string;
  ms: number;
  longestMs: number;
  /** CPU time of the longest main-thread task (Chromium trace; catch-up step only). */
  longestCpuMs?: number;
  size: string;
}

/**
 * Run a step while a 1 ms interval timer watches the event loop: the longest gap between two of
 * its ticks is the longest the loop was blocked (what would freeze a page).
 */
async function measure<T>(
  step: () => Promise<T> | T,
): Promise<{ value: T; ms: number; longestMs: number }> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  await new Promise((r) => setTimeout(r, 5));
  longest = 0;
  last = performance.now();
  const start = performance.now();
  const value = await step();
  const ms = performance.now() - start;
  longest = Math.max(longest, performance.now() - last);
  clearInterval(timer);
  return { value, ms, longestMs: longest };
}

const mb = (chars: number): string => `${(chars / 1e6).toFixed(1)} M chars`;

async function benchNode(claims: number, withDatabase: boolean): Promise<Row[]> {
  const rows: Row[] = [];
  const add = (step: string, r: { ms: number; longestMs: number }, size = '') =>
    rows.push({ where: 'Node', claims, step, ms: r.ms, longestMs: r.longestMs, size });
  log(`— Node, ${claims.toLocaleString('en-US')} claims`);
  const data = library(claims);
  const texts: Partial<Record<ExportFormat, string>> = {};
  for (const format of ['markdown', 'csv', 'w3c', 'json'] as const) {
    const r = await measure(() =>
      exportLibrary(format, { ...data, settings: { a: 1 } }, { now: NOW }),
    );
    texts[format] = r.value.text;
    add(`export ${format}`, r, mb(r.value.text.length));
  }
  const backup = texts.json!;
  add(
    'JSON.parse of the backup (for comparison: one block)',
    await measure(() => JSON.parse(backup) as unknown),
  );
  const parsed = await measure(() => parseImport(backup));
  add('read + check backup (parseImport)', parsed);
  add(
    'read + check W3C (parseImport)',
    await measure(() => parseImport(texts.w3c!, { now: NOW.toISOString() })),
  );
  if (!withDatabase) return rows;
  const name = `bench-export-${claims}`;
  await Dexie.delete(name);
  const db = openDatabase(name);
  await db.open();
  add('dry run (fake-indexeddb)', await measure(() => previewImport(db, parsed.value)));
  add(
    'import, one transaction (fake-indexeddb)',
    await measure(() => applyImport(db, parsed.value)),
  );
  if ((await db.annotations.count()) !== claims) throw new Error('import lost claims');
  const again = await measure(() => applyImport(db, parsed.value));
  add('import again, nothing to write (fake-indexeddb)', again);
  if (again.value.annotations.unchanged !== claims) throw new Error('second import changed data');
  db.close();
  await Dexie.delete(name);
  return rows;
}

/** The page side of the Chromium run: bundled by esbuild from this source, run in the page. */
const PAGE_ENTRY = `
import { Dexie } from 'dexie';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { openDatabase } from './utils/store/db';
import { exportLibrary } from './utils/export/index';
import { applyImport, parseImport, previewImport, readLibrary } from './utils/import';
import * as searchIndex from './utils/search/maintain';

let longest = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) longest = Math.max(longest, entry.duration);
}).observe({ type: 'longtask' });
const settle = () => new Promise((r) => setTimeout(r, 100));

async function measure(step) {
  await settle();
  longest = 0;
  const start = performance.now();
  const value = await step();
  const ms = performance.now() - start;
  await settle();
  return { value, ms, longestMs: longest };
}

globalThis.__exportBench = async (path, claims) => {
  const rows = [];
  const add = (step, r, size = '') => rows.push({ step, ms: r.ms, longestMs: r.longestMs, size });
  const backup = await (await fetch(path)).text();
  const parsed = await measure(() => parseImport(backup));
  add('read + check backup (parseImport)', parsed);
  const data = { pages: parsed.value.pages, annotations: parsed.value.annotations, settings: { a: 1 } };
  for (const format of ['markdown', 'csv', 'w3c', 'json']) {
    const r = await measure(() => exportLibrary(format, data));
    add('export ' + format, r, (r.value.text.length / 1e6).toFixed(1) + ' M chars');
  }
  const name = 'bench-export-' + claims;
  await Dexie.delete(name);
  const db = openDatabase(name);
  await db.open();
  add('dry run into empty database', await measure(() => previewImport(db, parsed.value)));
  add('import into empty database (one transaction)', await measure(() => applyImport(db, parsed.value)));
  if ((await db.annotations.count()) !== claims) throw new Error('import lost claims');
  // The search index folds the import into its shards shortly after (utils/search/maintain.ts):
  // measured on its own, so the next step is not charged with it.
  if (typeof searchIndex.whenSearchIndexed === 'function') {
    await globalThis.__benchTrace?.(true);
    add('search index catch-up after the import (search engine)', await measure(() => searchIndex.whenSearchIndexed(db)));
    await globalThis.__benchTrace?.(false);
  }
  const again = await measure(() => applyImport(db, parsed.value));
  if (again.value.annotations.unchanged !== claims) throw new Error('second import changed data');
  add('import the same file again (nothing to write)', again);
  const whole = await measure(async () => ({
    pages: await db.pages.toArray(),
    annotations: await db.annotations.toArray(),
  }));
  add('read the library back in one toArray (for comparison)', whole);
  const stored = await measure(() => readLibrary(db));
  add('read the library back in chunks (readLibrary)', stored);
  add('export json from the database', await measure(() => exportLibrary('json', stored.value)));
  db.close();
  await Dexie.delete(name);
  return rows;
};
`;

/** The longest main-thread task of a trace, by CPU time (`tdur`, µs) and wall time. */
function longestCpuTask(trace: Buffer): { cpuMs: number; wallMs: number } {
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const main = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  let longest = { cpuMs: 0, wallMs: 0 };
  for (const e of events) {
    if (e.ph !== 'X' || e.name !== 'ThreadControllerImpl::RunTask') continue;
    if (!main.has(`${e.pid}:${e.tid}`) || (e.tdur ?? 0) / 1000 <= longest.cpuMs) continue;
    longest = { cpuMs: (e.tdur ?? 0) / 1000, wallMs: (e.dur ?? 0) / 1000 };
  }
  return longest;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

async function benchChromium(sizes: number[]): Promise<Row[]> {
  const executable = findChromium();
  if (!executable) {
    log('— Chromium: not found (set CHROMIUM_PATH or apt-get install -y chromium); skipped');
    return [];
  }
  const bundle = (
    await build({
      stdin: { contents: PAGE_ENTRY, resolveDir: ROOT, loader: 'ts', sourcefile: 'bench-page.ts' },
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: 'chrome120',
      write: false,
      logLevel: 'silent',
    })
  ).outputFiles[0]!.text;
  const files = new Map<string, string>([['/', '<!doctype html><title>bench</title>']]);
  const server = createServer((req, res) => {
    const body = files.get(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    if (body === undefined) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: executable,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  const rows: Row[] = [];
  try {
    for (const claims of sizes) {
      log(`— Chromium, ${claims.toLocaleString('en-US')} claims`);
      const data = library(claims);
      files.set(`/backup-${claims}.json`, toBackupJson(data.pages, data.annotations));
      const page = await browser.newPage();
      let trace: Buffer | undefined;
      await page.exposeFunction('__benchTrace', async (on: boolean) => {
        if (on) await browser.startTracing(page, { categories: ['toplevel'] });
        else trace = await browser.stopTracing();
      });
      await page.goto(`${origin}/`);
      await page.evaluate(bundle);
      const result = (await page.evaluate(
        `globalThis.__exportBench(${JSON.stringify(`/backup-${claims}.json`)}, ${claims})`,
      )) as Omit<Row, 'where' | 'claims'>[];
      const cpu = trace ? longestCpuTask(trace) : undefined;
      trace = undefined;
      rows.push(
        ...result.map((r) => ({
          ...r,
          where: 'Chromium' as const,
          claims,
          ...(cpu && r.step.startsWith('search index catch-up') ? { longestCpuMs: cpu.cpuMs } : {}),
        })),
      );
      await page.close();
      files.delete(`/backup-${claims}.json`);
    }
  } finally {
    await browser.close();
    await new Promise((done) => server.close(done));
  }
  return rows;
}

const all: Row[] = [];
for (const size of SIZES) all.push(...(await benchNode(size, size <= NODE_DB_MAX)));
all.push(...(await benchChromium(SIZES)));

const lines = [
  '| where | claims | step | time (ms) | longest task (ms) | longest task CPU (ms) | size |',
  '|---|---:|---|---:|---:|---:|---|',
  ...all.map(
    (r) =>
      `| ${r.where} | ${r.claims.toLocaleString('en-US')} | ${r.step} | ${r.ms.toFixed(0)} | ${r.longestMs.toFixed(0)} | ${r.longestCpuMs?.toFixed(0) ?? ''} | ${r.size} |`,
  ),
];
const report = [
  '# Export / import benchmark',
  '',
  `Node ${process.version} (fake-indexeddb: IndexedDB in JavaScript on the same thread, so its`,
  "database figures are far above a browser's) and headless Chromium (real IndexedDB).",
  '"longest task" = the longest the page was blocked during the step: in Node the longest gap',
  'between ticks of a 1 ms timer, in Chromium the longest `longtask` entry (0 = none over 50 ms),',
  'wall time; "longest task CPU" = the CPU time of the longest main-thread task in a trace.',
  '',
  ...lines,
  '',
].join('\n');
mkdirSync(join(ROOT, '.output'), { recursive: true });
writeFileSync(OUTPUT, report);
console.log(lines.join('\n'));
log(`\nwritten to ${OUTPUT}`);
