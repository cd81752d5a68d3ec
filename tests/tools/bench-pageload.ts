/**
 * `npm run bench:pageload`: what Claimmark costs a page, in real Chromium with the built
 * extension, on guardian-1 (1.1 MB): no extension, Claimmark on a page without claims, with 50
 * and with 200 claims. For each, median of BENCH_REPEATS (5) loads, each in a fresh tab traced
 * from navigation until the claims are painted (+0.5 s): the page's main-thread time and the part
 * in the extension's scripts (trace-attributed, tests/tools/bench/trace.ts), DOMContentLoaded and
 * when the claims were painted (the `data-claimmark` marker). A last row loads the page with 50
 * claims in a bare extension that only paints them at known offsets (tests/tools/bench/floor.ts):
 * the floor under any painter of marks, its columns that extension's. Then the time from the reader's
 * mouse-up to the toolbar on a page without claims (first selection: the page UI is injected;
 * next ones: already loaded), and the size of every entry point of the build.
 *
 * `BENCH_AB=dirA,dirB` compares two builds (output dirs, as CLAIMMARK_OUT_DIR) instead: one
 * browser each, loads of the page with 50 claims alternating between them (BENCH_REPEATS each,
 * default 5; on a shared machine 15 or more), and one table of both medians.
 */
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { benchClaims, COUNTS, seedClaims, serveGuardian } from './bench/pageload-setup';
import { writeFloorExtension } from './bench/floor';
import { CATEGORIES_WITHOUT_PROFILER, endTrace, mainThreadOf, startTrace } from './bench/trace';
import {
  CHROMIUM_ARGS,
  EXTENSION_DIR,
  ROOT,
  findChromium,
  launchExtension,
  selectText,
  startFixtureServer,
  type ExtensionBrowser,
} from '../e2e/harness';

const FLOOR_ROW =
  'floor: a bare extension painting the same 50 claims (known offsets, nothing else)';
const RUNS = Math.max(1, Number(process.env.BENCH_REPEATS ?? 5) || 5);

interface Sample {
  dcl: number;
  ready: number;
  marks: number;
  total: number;
  extension: number;
  sampled: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** Records when the ready marker is set, and when our UI host first gets its toolbar. */
const PROBE = `(() => {
  const probe = (window.__probe = { ready: -1, mouseUp: -1, toolbar: -1 });
  addEventListener('mouseup', (e) => { if (e.isTrusted) probe.mouseUp = e.timeStamp; }, true);
  const dialog = () =>
    document.querySelector('claimmark-ui')?.shadowRoot?.querySelector('[role=dialog][aria-label=Claimmark]');
  let watched = null;
  const check = () => {
    if (probe.ready < 0 && document.documentElement.dataset.claimmark === 'ready') probe.ready = performance.now();
    const root = document.querySelector('claimmark-ui')?.shadowRoot;
    if (root && root !== watched) {
      watched = root;
      new MutationObserver(check).observe(root, { childList: true, subtree: true });
    }
    if (probe.toolbar < 0 && dialog()) probe.toolbar = performance.now();
  };
  new MutationObserver(check).observe(document, { attributes: true, childList: true, subtree: true, attributeFilter: ['data-claimmark'] });
})();`;

type Probe = { ready: number; mouseUp: number; toolbar: number };
const probeOf = (page: Page) =>
  page.evaluate(() => (window as unknown as { __probe: Probe }).__probe);

async function measure(
  context: BrowserContext,
  url: string,
  extensionId: string | null,
  quiet = false,
): Promise<Sample> {
  const page = await context.newPage();
  await page.addInitScript(PROBE);
  const cdp = await context.newCDPSession(page);
  await startTrace(
    cdp,
    process.env.BENCH_TRACE_PROFILER === '0' ? CATEGORIES_WITHOUT_PROFILER : undefined,
  );
  await page.goto(url, { waitUntil: 'load' });
  // On a site without stored claims nothing of ours runs after load: there is no marker to wait for.
  if (extensionId && !quiet) {
    await page.waitForFunction(
      () => (window as unknown as { __probe: Probe }).__probe.ready >= 0,
      undefined,
      { timeout: 30_000 },
    );
  }
  await page.waitForTimeout(500); // what runs after: late listeners, the anchoring report
  const events = await endTrace(cdp);
  const sample = await page.evaluate(() => {
    const probe = (window as unknown as { __probe: Probe }).__probe;
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return {
      dcl: nav.domContentLoadedEventEnd,
      ready: probe.ready,
      marks: new Set(
        [...document.querySelectorAll('mark[data-annotation-id]')].map((m) =>
          m.getAttribute('data-annotation-id'),
        ),
      ).size,
    };
  });
  const thread = mainThreadOf(events, url, extensionId ?? 'none');
  await cdp.detach();
  await page.close();
  return { ...sample, ...thread };
}

/** Words of guardian-1's article to select: the first selection of a page, then the next ones. */
const SELECTIONS = [
  'Seven decades later',
  'leading Māori whale expert',
  'the whale stranding capital',
  'fierce and uncompromising elder',
];

/**
 * Mouse-up → toolbar on a page without claims: the first selection of a fresh page (the page UI
 * is injected while the reader drags), then the next ones (the UI is loaded).
 */
async function timeToToolbar(
  extension: ExtensionBrowser,
  url: string,
): Promise<{ first: number; next: number[] }> {
  const page = await extension.context.newPage();
  await page.addInitScript(PROBE);
  await page.goto(url, { waitUntil: 'load' });
  // A page on a site without claims sets no marker until the reader selects (README "Lazy page UI").
  await page.waitForTimeout(300);
  const once = async (text: string) => {
    await page.evaluate(() => {
      const probe = (window as unknown as { __probe: Probe }).__probe;
      probe.toolbar = -1;
    });
    await selectText(page, text, 'article');
    await page.getByRole('dialog', { name: 'Claimmark' }).waitFor();
    const probe = await probeOf(page);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: 'Claimmark' }).waitFor({ state: 'detached' });
    return probe.toolbar - probe.mouseUp;
  };
  const [first, ...rest] = SELECTIONS;
  const firstMs = await once(first!);
  const next: number[] = [];
  for (const text of rest) next.push(await once(text));
  await page.close();
  return { first: firstMs, next };
}

/** Every JavaScript file of the build, raw and gzipped, entry points first. */
function bundleSizes(dir: string): string[] {
  const files: string[] = [];
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.js')) files.push(path);
    }
  };
  walk(dir);
  const role: Record<string, string> = {
    'page-start.js': 'always-on content script, every page (asleep: three window listeners)',
    'page-awake.js': 'its awake part (page:load, hand-off, messages); injected when woken',
    'page-paint.js': 'painter: session, anchoring, painting; injected when the page has claims',
    'page-ui.js':
      'page UI: toolbar, card, Readability, suggestions; injected when the reader needs it',
    'background.js': 'background service worker',
  };
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  return files
    .map((path) => ({ name: relative(dir, path), bytes: readFileSync(path) }))
    .sort(
      (a, b) => Number(!role[a.name]) - Number(!role[b.name]) || b.bytes.length - a.bytes.length,
    )
    .map(
      ({ name, bytes }) =>
        `| ${name} | ${role[name] ?? 'extension pages (popup, side panel, options)'} | ${kb(bytes.length)} | ${kb(gzipSync(bytes).length)} |`,
    );
}

/** `BENCH_AB`: the page with 50 claims in two builds, loads alternating, one table. */
async function compare(dirs: string[]): Promise<void> {
  const server = await startFixtureServer();
  const claims = benchClaims(serveGuardian(server), 50);
  const builds: { dir: string; extension: ExtensionBrowser; samples: Sample[] }[] = [];
  for (const dir of dirs) {
    const extension = await launchExtension({ extensionDir: join(ROOT, dir, 'chrome-mv3') });
    await seedClaims(extension, server, claims, [50]);
    builds.push({ dir, extension, samples: [] });
  }
  for (let i = 0; i < RUNS; i++) {
    for (const build of i % 2 === 0 ? builds : [...builds].reverse()) {
      const { context, extensionId } = build.extension;
      build.samples.push(await measure(context, `${server.origin}/with-50/`, extensionId));
    }
  }
  for (const { extension } of builds) await extension.close();
  await server.close();
  const fmt = (n: number, digits = 2) => n.toFixed(digits);
  console.log(
    [
      `## Page with 50 claims, two builds, ${RUNS} alternating loads each (median; min–max share)`,
      '',
      '| build | page main thread (ms) | Claimmark (ms) | Claimmark share | min – max share | painted − DCL (ms) |',
      '|---|--:|--:|--:|--:|--:|',
      ...builds.map(({ dir, samples: s }) => {
        const shares = s.map((x) => (100 * x.extension) / x.total);
        return `| ${dir} | ${fmt(median(s.map((x) => x.total)), 1)} | ${fmt(median(s.map((x) => x.extension)))} | ${fmt(median(shares))} % | ${fmt(Math.min(...shares))} – ${fmt(Math.max(...shares))} % | ${fmt(median(s.map((x) => x.ready - x.dcl)), 0)} |`;
      }),
    ].join('\n'),
  );
}

async function main(): Promise<void> {
  if (process.env.BENCH_AB) return compare(process.env.BENCH_AB.split(','));
  const executablePath = findChromium();
  if (!executablePath)
    throw new Error('No Chromium: apt-get install -y chromium, or set CHROMIUM_PATH.');
  const server = await startFixtureServer();
  // Generated once: the floor (below) paints the very claims saved for the page with 50.
  const claims = benchClaims(serveGuardian(server), Math.max(...COUNTS));
  const extension = await launchExtension();
  await seedClaims(extension, server, claims);

  const rows: [string, Sample[]][] = [];
  const plain = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  const plainContext = await plain.newContext();
  // The pages with claims are stored under 127.0.0.1: a page of that site is woken (it may have
  // claims under its canonical). quiet.test (Chromium's host rules map it to the same server) is
  // a site without any.
  const quietOrigin = server.originFor('quiet.test');
  const runs = async (
    label: string,
    ctx: BrowserContext,
    path: string,
    id: string | null,
    origin = server.origin,
  ) => {
    const samples: Sample[] = [];
    const quiet = origin === quietOrigin;
    for (let i = 0; i < RUNS; i++) samples.push(await measure(ctx, `${origin}${path}`, id, quiet));
    rows.push([label, samples]);
  };
  await runs('no extension', plainContext, '/no-claims/', null);
  await runs(
    'Claimmark, page without claims (site without claims)',
    extension.context,
    '/no-claims/',
    extension.extensionId,
    quietOrigin,
  );
  await runs(
    'Claimmark, page without claims on a site with claims',
    extension.context,
    '/no-claims/',
    extension.extensionId,
  );
  for (const n of COUNTS) {
    await runs(
      `Claimmark, page with ${n} claims`,
      extension.context,
      `/with-${n}/`,
      extension.extensionId,
    );
  }
  await plain.close();
  // The floor: a bare extension painting the same 50 claims at their known offsets (floor.ts).
  const floorDir = writeFloorExtension(
    '/with-50/',
    claims.slice(0, 50).map((c) => ({ id: String(c.id), start: c.start, end: c.end })),
  );
  const floor = await launchExtension({ extensionDir: floorDir });
  await runs(FLOOR_ROW, floor.context, '/with-50/', floor.extensionId);
  await floor.close();
  rmSync(floorDir, { recursive: true, force: true });
  const toolbar: { first: number; next: number[] }[] = [];
  for (let i = 0; i < RUNS; i++)
    toolbar.push(await timeToToolbar(extension, `${quietOrigin}/no-claims/`));
  await extension.close();
  await server.close();

  const toolbarRow = (label: string, ms: number[]) =>
    `| ${label} | ${fmt(median(ms), 1)} | ${fmt(Math.min(...ms))} – ${fmt(Math.max(...ms))} | ${ms.length} |`;
  const fmt = (n: number, digits = 0) => (n < 0 || Number.isNaN(n) ? '–' : n.toFixed(digits));
  const lines = [
    `## Page load: guardian-1 (1.1 MB), Chromium headless, median of ${RUNS} loads`,
    '',
    '| page | page main thread (ms) | Claimmark (ms) | of which sampled (ms) | Claimmark share | DOMContentLoaded (ms) | painted at (ms) | painted − DCL (ms) | highlights |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|',
    ...rows.map(([label, s]) => {
      const ext = s[0]!.ready >= 0;
      const share = median(s.map((x) => (100 * x.extension) / x.total));
      return (
        `| ${label} | ${fmt(median(s.map((x) => x.total)), 1)} | ${fmt(median(s.map((x) => x.extension)), 2)} | ${fmt(median(s.map((x) => x.sampled)), 2)} | ` +
        `${fmt(share, 2)} % | ${fmt(median(s.map((x) => x.dcl)))} | ${ext ? fmt(median(s.map((x) => x.ready))) : '–'} | ` +
        `${ext ? fmt(median(s.map((x) => x.ready - x.dcl))) : '–'} | ${median(s.map((x) => x.marks))} |`
      );
    }),
    '',
    `Mouse-up → toolbar on a page without claims (${RUNS} fresh pages, ${SELECTIONS.length} selections each):`,
    '',
    '| selection | median (ms) | min – max (ms) | n |',
    '|---|--:|--:|--:|',
    toolbarRow(
      'first of the page (page UI injected while selecting)',
      toolbar.map((t) => t.first),
    ),
    toolbarRow(
      'next ones (page UI loaded)',
      toolbar.flatMap((t) => t.next),
    ),
    '',
    '| file | what | size | gzip |',
    '|---|---|--:|--:|',
    ...bundleSizes(EXTENSION_DIR),
  ];
  console.log(lines.join('\n'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
