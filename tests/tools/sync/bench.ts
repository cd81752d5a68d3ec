/**
 * npm run bench:sync — what sync costs, in real Chromium against a real pouchdb-server on
 * 127.0.0.1 (bench-chromium.ts): the first sync of N claims up and down, the background's heap,
 * one save's way from A to B and the workers' CPU for it, the popup of the receiving profile while
 * the library arrives, and the background bundle. One table, a column per library size.
 *
 *   npm run bench:sync                              # 10k and 100k claims (~15 min)
 *   SYNC_BENCH_SIZES=2000 npm run bench:sync        # a quick run
 *   SYNC_BENCH_NODE=1 npm run bench:sync            # also the step-by-step table in Node
 *   SYNC_BENCH_POPUP_PROFILE=1 npm run bench:sync   # also where B's popup spent its time
 *   SYNC_BENCH_POPUP_TRACE=1 npm run bench:sync     # also B's popup's long tasks and late frames
 *   SYNC_BENCH_HEAP=1 npm run bench:sync            # what the workers allocated while syncing
 *   SYNC_BENCH_NICE=1 npm run bench:sync            # the server and A at nice 19 while B syncs
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { ROOT } from '../../e2e/harness';
import { benchChromium, type ChromiumRow } from './bench-chromium';

/** The build the bench runs (CLAIMMARK_OUT_DIR, as for `wxt build`); its table is written there. */
const OUT_DIR = resolve(ROOT, process.env.CLAIMMARK_OUT_DIR ?? '.output');

const SIZES = (process.env.SYNC_BENCH_SIZES ?? '10000,100000')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);

async function bundleSizes() {
  const file = join(OUT_DIR, 'chrome-mv3', 'background.js');
  const background = existsSync(file) ? readFileSync(file) : undefined;
  const pouch = await build({
    stdin: {
      contents: "import P from 'pouchdb-browser'; globalThis.P = P;",
      resolveDir: ROOT,
    },
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'browser',
  });
  const code = pouch.outputFiles[0]!.contents;
  return { background, pouch: code };
}

const kb = (bytes?: Uint8Array) =>
  bytes
    ? `${(bytes.length / 1024).toFixed(0)} KB (${(gzipSync(bytes).length / 1024).toFixed(0)} KB gzip)`
    : 'n/a (run wxt build)';
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const ms = (v: number) => `${Math.round(v)} ms`;
const median = (values: number[]) => {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted.length === 0 ? NaN : sorted[Math.floor((sorted.length - 1) / 2)]!;
};
const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted.length === 0
    ? NaN
    : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
};
const longest = (values: number[]) => (values.length === 0 ? '< 50 ms' : ms(Math.max(...values)));
const range = (values: number[]) =>
  `${ms(median(values))} (${ms(Math.min(...values))}–${ms(Math.max(...values))})`;

function table(rows: ChromiumRow[], bundle: Awaited<ReturnType<typeof bundleSizes>>): string {
  const k = (n: number) => (n >= 1000 ? `${n / 1000}k` : String(n));
  const line = (label: string, f: (r: ChromiumRow) => string) =>
    `| ${label} | ${rows.map(f).join(' | ')} |`;
  const perSecond = (r: ChromiumRow, s: number) => `${Math.round((r.claims + r.pages) / s)}/s`;
  return [
    `| claims (pages) | ${rows.map((r) => `${k(r.claims)} (${k(r.pages)})`).join(' | ')} |`,
    `|---|${rows.map(() => '---:').join('|')}|`,
    line(
      'first sync up: A Connect → all on the server',
      (r) => `${r.upS.toFixed(1)} s (${perSecond(r, r.upS)})`,
    ),
    line(
      'first sync down: B Connect → all in B’s database',
      (r) => `${r.downS.toFixed(1)} s (${perSecond(r, r.downS)})`,
    ),
    line(
      'background JS heap of A: peak while sending / after',
      (r) => `${mb(r.heapA.peak)} / ${mb(r.heapA.after)}`,
    ),
    line(
      'background JS heap of B: peak while receiving / after',
      (r) => `${mb(r.heapB.peak)} / ${mb(r.heapB.after)}`,
    ),
    line('one save, A shows it → in B’s database, median of 5 (min–max)', (r) => range(r.toDexie)),
    line('one save, A shows it → painted on B’s open page', (r) => range(r.toPage)),
    line(
      'one save: CPU in A’s worker / B’s worker (median)',
      (r) => `${ms(median(r.cpuA))} / ${ms(median(r.cpuB))}`,
    ),
    line('B’s popup while it arrives: keystrokes typed', (r) => String(r.popup.keystrokes)),
    line(
      '  search per keystroke p50 / p95',
      (r) => `${ms(quantile(r.popup.engine, 0.5))} / ${ms(quantile(r.popup.engine, 0.95))}`,
    ),
    line(
      '  longest frame gap / longest task',
      (r) => `${longest(r.popup.frames)} / ${longest(r.popup.longTasks)}`,
    ),
    line(
      '  frames over 100 ms (of them with no long task) / tasks over 100 ms',
      (r) =>
        `${r.popup.frames.filter((d) => d > 100).length} (${r.popup.framesWithoutTask}) / ${r.popup.longTasks.filter((d) => d > 100).length}`,
    ),
    `| background.js (with PouchDB) | ${rows.map(() => kb(bundle.background)).join(' | ')} |`,
    `| pouchdb-browser alone (minified) | ${rows.map(() => kb(bundle.pouch)).join(' | ')} |`,
  ].join('\n');
}

async function main(): Promise<void> {
  const rows: ChromiumRow[] = [];
  const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  const loads = [load()];
  for (const n of SIZES) {
    console.error(`${n} claims… (load average ${load()})`);
    rows.push(await benchChromium(n));
    loads.push(load());
  }
  const out = [
    `Sync in Chromium, pouchdb-server on 127.0.0.1 (load average at start and after each size: ${loads.join(' → ')})`,
    '',
    table(rows, await bundleSizes()),
  ];
  if (process.env.SYNC_BENCH_NODE) {
    const { benchNode } = await import('./bench-node');
    out.push(
      '',
      'Step by step in Node (fake-indexeddb, same bridge and PouchDB code)',
      '',
      await benchNode(SIZES),
    );
  }
  const text = out.join('\n');
  console.log(text);
  writeFileSync(join(OUT_DIR, 'bench-sync.md'), `${text}\n`);
}

await main();
