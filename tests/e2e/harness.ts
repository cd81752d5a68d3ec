/**
 * End-to-end harness: Debian's Chromium (or CHROMIUM_PATH) driven by playwright-core with the
 * built extension loaded, and fixture pages served from 127.0.0.1. Never downloads a browser.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '..', '..');
/** The built extension; CLAIMMARK_OUT_DIR (as for `wxt build`) points elsewhere than .output. */
export const EXTENSION_DIR = join(
  resolve(ROOT, process.env.CLAIMMARK_OUT_DIR ?? '.output'),
  'chrome-mv3',
);
export const PAGES_DIR = join(ROOT, 'tests', 'fixtures', 'pages');

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function findChromium(): string | null {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return CANDIDATES.find((path) => existsSync(path)) ?? null;
}

export interface FixtureServer {
  /** http://127.0.0.1:PORT */
  origin: string;
  /** The same server under a site name (resolved by Chromium's host rules), e.g. news.test. */
  originFor(host: string): string;
  /** Serve `html` at `path` (overrides a fixture of the same path), with extra headers. */
  set(path: string, html: string, headers?: Record<string, string>): void;
  /** Answer `path` with a 301 redirect to `location`. */
  redirect(path: string, location: string): void;
  close(): Promise<void>;
}

/** Serves tests/fixtures/pages/<name>/source.html at /<name>/ plus any page set() later. */
export async function startFixtureServer(): Promise<FixtureServer> {
  const overrides = new Map<string, string>();
  const extraHeaders = new Map<string, Record<string, string>>();
  const redirects = new Map<string, string>();
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const location = redirects.get(path);
    if (location !== undefined) {
      res.writeHead(301, { location, 'cache-control': 'no-store' }).end();
      return;
    }
    let body = overrides.get(path);
    const name = /^\/([\w-]+)\/$/.exec(path)?.[1];
    if (body === undefined && name) {
      const file = join(PAGES_DIR, name, 'source.html');
      if (existsSync(file)) body = readFileSync(file, 'utf8');
    }
    if (body === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      ...extraHeaders.get(path),
    });
    res.end(body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    originFor: (host) => `http://${host}:${port}`,
    set: (path, html, headers) => {
      overrides.set(path, html);
      if (headers) extraHeaders.set(path, headers);
    },
    redirect: (path, location) => void redirects.set(path, location),
    close: () => new Promise((done) => server.close(() => done())),
  };
}

export interface ExtensionBrowser {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  popupUrl: string;
  close(): Promise<void>;
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchExtension(
  options: { headless?: boolean; args?: string[]; extensionDir?: string } = {},
): Promise<ExtensionBrowser> {
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  const executablePath = findChromium();
  if (!executablePath) {
    throw new Error(
      'No Chromium found: install it (apt-get install -y chromium) or set CHROMIUM_PATH.',
    );
  }
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension in ${extensionDir}: run \`npm run build\` first.`);
  }
  const userDataDir = mkdtempSync(join(tmpdir(), 'claimmark-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: options.headless ?? true,
    acceptDownloads: true,
    viewport: { width: 1200, height: 900 },
    args: [
      ...CHROMIUM_ARGS,
      // Hostnames like http://news.test:PORT/ reach the fixture server: a plain-http page on a
      // site name is not a secure context, as most news sites a reader meets are not.
      '--host-resolver-rules=MAP *.test 127.0.0.1',
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      ...(options.args ?? []),
    ],
  });
  const worker =
    context.serviceWorkers()[0] ??
    (await context.waitForEvent('serviceworker', { timeout: 10_000 }).catch(() => {
      throw new Error('The extension service worker did not start: is .output/chrome-mv3 valid?');
    }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    popupUrl: `chrome-extension://${extensionId}/popup.html`,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Wait until our content script is running in `page` (fail loudly instead of timing out later).
 * On a site without stored claims the always-on script only listens on `window` and sets no
 * marker (README "Lazy page UI"): the background says whether it will wake this page
 * (`mayHaveClaims`); if not, the page's load is enough (the script ran at `document_end`).
 */
export async function waitForContentScript(page: Page): Promise<void> {
  if ((await mayHaveClaims(page)) === false) {
    await page.waitForLoadState('load');
    return;
  }
  await page
    .waitForFunction(() => document.documentElement.dataset.claimmark === 'ready', undefined, {
      timeout: 10_000,
    })
    .catch(() => {
      throw new Error(`The Claimmark content script did not load on ${page.url()}`);
    });
}

/**
 * Whether the background wakes pages at `page`'s URL (a stored page on its site), asked of the
 * worker's `__claimmarkMayHaveClaims` (entrypoints/background.ts); undefined when the worker is
 * not reachable (stopped by a test): then the marker is waited for, as on a page with claims.
 */
export async function mayHaveClaims(page: Page): Promise<boolean | undefined> {
  const worker = page.context().serviceWorkers()[0];
  if (!worker) return undefined;
  return worker
    .evaluate(
      (url) =>
        (
          globalThis as unknown as {
            __claimmarkMayHaveClaims?: (url: string) => Promise<boolean>;
          }
        ).__claimmarkMayHaveClaims?.(url),
      page.url(),
    )
    .catch(() => undefined);
}

/**
 * A real mouse drag from the first character of `from` to the last of `to` (the first occurrence
 * of `to` at or after `from`), inside `within` (default the whole body), as a reader would. The
 * selection is not checked: the page may act on it at once.
 */
export async function drag(page: Page, from: string, to: string, within = 'body'): Promise<void> {
  // Measure until two measurements a frame apart agree: scrolling the words into view can move
  // them again a moment later (a PDF viewer renders the pages it scrolls to), and a drag between
  // stale coordinates selects the wrong words.
  let box = await measureDrag(page, from, to, within, true);
  for (let tries = 0; tries < 20; tries++) {
    await page.evaluate(
      () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
    );
    const again = await measureDrag(page, from, to, within, false);
    const same = JSON.stringify(again) === JSON.stringify(box);
    box = again;
    if (same) break;
  }
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move((box.x1 + box.x2) / 2, (box.y1 + box.y2) / 2, { steps: 4 });
  await page.mouse.move(box.x2, box.y2, { steps: 4 });
  await page.mouse.up();
}

type DragBox = { x1: number; y1: number; x2: number; y2: number };

function measureDrag(
  page: Page,
  from: string,
  to: string,
  within: string,
  scroll: boolean,
): Promise<DragBox> {
  return page.evaluate(
    ({ from, to, within, scroll }) => {
      const root = document.querySelector(within);
      if (!root) throw new Error(`no element ${within}`);
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      const nodes: Text[] = [];
      const starts: number[] = [];
      let all = '';
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        starts.push(all.length);
        nodes.push(n as Text);
        all += (n as Text).data;
      }
      const a = all.indexOf(from);
      const b = a < 0 ? -1 : all.indexOf(to, a) + to.length - 1;
      if (a < 0 || b < a) throw new Error(`not on the page: ${from} … ${to}`);
      // No named inner functions: tsx (esbuild keepNames) would wrap them in a __name helper
      // that does not exist in the page.
      const rects = [a, b].map((offset, i) => {
        let k = starts.length - 1;
        while (k > 0 && starts[k]! > offset) k--;
        const node = nodes[k]!;
        if (i === 0 && scroll) node.parentElement!.scrollIntoView({ block: 'center' });
        const range = document.createRange();
        range.setStart(node, offset - starts[k]!);
        range.setEnd(node, offset - starts[k]! + 1);
        return range.getBoundingClientRect();
      });
      return {
        x1: rects[0]!.left + 1,
        y1: rects[0]!.top + rects[0]!.height / 2,
        x2: rects[1]!.right - 1,
        y2: rects[1]!.top + rects[1]!.height / 2,
      };
    },
    { from, to, within, scroll },
  );
}

/**
 * Select `text` (the first occurrence inside `within`, default the whole body) with a real mouse
 * drag from its first to its last character, as a reader would, and check what got selected.
 */
export async function selectText(page: Page, text: string, within = 'body'): Promise<void> {
  await drag(page, text, text, within);
  const selected = await page.evaluate(() => String(document.getSelection()));
  if (selected.replace(/\s+/g, ' ').trim() !== text.replace(/\s+/g, ' ').trim()) {
    throw new Error(`selected ${JSON.stringify(selected)} instead of ${JSON.stringify(text)}`);
  }
}

/**
 * Text of the painted highlights of the page, one entry per annotation id, in document order.
 * Marks in different blocks are joined with a space (whitespace between blocks is not painted).
 */
export async function highlights(
  page: Page,
): Promise<{ id: string; text: string; type: string }[]> {
  return page.evaluate(() => {
    const BLOCK = 'p,li,blockquote,td,th,h1,h2,h3,h4,h5,h6,div,section,article,figcaption,pre';
    const byId = new Map<
      string,
      { id: string; text: string; type: string; block: Element | null }
    >();
    for (const mark of document.querySelectorAll<HTMLElement>('mark[data-annotation-id]')) {
      const id = mark.dataset.annotationId!;
      const block = mark.closest(BLOCK);
      const entry = byId.get(id) ?? { id, text: '', type: mark.dataset.claimType ?? '', block };
      entry.text += (entry.block !== block ? ' ' : '') + mark.textContent;
      entry.block = block;
      byId.set(id, entry);
    }
    return [...byId.values()].map(({ id, text, type }) => ({
      id,
      type,
      text: text.replace(/\s+/g, ' ').trim(),
    }));
  });
}

/** Select `text` inside `within` and save it through the toolbar, as a reader would. */
export async function saveClaim(
  page: Page,
  text: string,
  typeLabel: string,
  /** `timeout`: how long the mark and the toolbar's closing may take (5 s; benchmarks of big libraries wait longer). */
  options: { tags?: string; within?: string; timeout?: number } = {},
): Promise<void> {
  const timeout = options.timeout ?? 5_000;
  const before = (await highlights(page)).length;
  await selectText(page, text, options.within ?? 'body');
  const toolbar = page.getByRole('dialog', { name: 'Claimmark' });
  await toolbar.getByRole('radio', { name: typeLabel }).check();
  if (options.tags) await toolbar.getByRole('combobox', { name: 'Tags' }).fill(`${options.tags},`);
  await toolbar.getByRole('button', { name: /^Save/ }).click();
  await page.waitForFunction(
    (n) =>
      new Set(
        [...document.querySelectorAll('mark[data-annotation-id]')].map((m) =>
          m.getAttribute('data-annotation-id'),
        ),
      ).size > n,
    before,
    { timeout },
  );
  await toolbar.waitFor({ state: 'detached', timeout });
}

/** The id of the tab that shows `page`, asked of the extension's service worker. */
export async function tabIdOf(browser: ExtensionBrowser, page: Page): Promise<number> {
  const worker = browser.context.serviceWorkers()[0] ?? browser.worker;
  const id = await worker.evaluate(async (url) => {
    const api = (
      globalThis as unknown as {
        chrome: { tabs: { query(q: { url: string }): Promise<{ id?: number }[]> } };
      }
    ).chrome;
    return (await api.tabs.query({ url }))[0]?.id;
  }, page.url());
  if (id === undefined) throw new Error(`no tab for ${page.url()}`);
  return id;
}

/** One of the extension's pages (popup.html, sidepanel.html, options.html), optionally for a tab. */
export async function extensionPage(
  browser: ExtensionBrowser,
  file: string,
  forPage?: Page,
): Promise<Page> {
  const page = await browser.context.newPage();
  const query = forPage ? `?tab=${await tabIdOf(browser, forPage)}` : '';
  await page.goto(`chrome-extension://${browser.extensionId}/${file}${query}`);
  return page;
}
