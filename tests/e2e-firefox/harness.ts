/**
 * Firefox end-to-end harness: Debian's Firefox ESR (or FIREFOX_PATH) driven by puppeteer-core
 * over WebDriver BiDi, with the built `.output/firefox-mv2` installed as a temporary add-on, and
 * the fixture pages of tests/e2e/harness.ts served from 127.0.0.1. Never downloads a browser.
 * Input is real (BiDi `input.performActions`): `isTrusted` events, as a reader makes them.
 * Extension pages cannot be opened by URL over BiDi (`moz-extension://` navigation is refused);
 * `openExtensionPage` opens one the way the browser itself does, from its chrome window
 * (`--remote-allow-system-access`, BiDi's `moz:scope: chrome`), as the toolbar's Options would.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { ROOT } from '../e2e/harness';

export const FIREFOX_EXTENSION_DIR = join(
  resolve(ROOT, process.env.CLAIMMARK_OUT_DIR ?? '.output'),
  'firefox-mv2',
);

export function findFirefox(): string | null {
  const fromEnv = process.env.FIREFOX_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return ['/usr/bin/firefox-esr', '/usr/bin/firefox'].find((path) => existsSync(path)) ?? null;
}

/** The moz-extension:// host of our add-on in these tests (fixed by a pref). */
export const EXTENSION_UUID = '5b0e6c1e-3d2a-4f43-9c55-1c1a6d0e7f01';

/** The sidebar's id in Firefox's chrome (the add-on id, made an XUL id, + `-sidebar-action`). */
const SIDEBAR_ID = 'claimmark_claimmark_dev-sidebar-action';

type Views = (filter: { type: 'sidebar' }) => Window[];

/**
 * The text the add-on's open sidebar shows, read from one of the add-on's own pages (`from`)
 * through `extension.getViews`: the sidebar lives in another process than the chrome window.
 */
export function sidebarText(from: Page): Promise<string | null> {
  return from.evaluate(() => {
    const ext = (globalThis as unknown as { browser: { extension: { getViews: Views } } }).browser;
    const [view] = ext.extension.getViews({ type: 'sidebar' });
    return view?.document.body.innerText ?? null;
  });
}

/**
 * Click the sidebar's button named `name`, from one of the add-on's pages (`from`), as
 * `sidebarText` reads it: a DOM click (BiDi input cannot reach the sidebar; the page's own input
 * is what must be trusted, not the panel's). False when the sidebar shows no such button.
 */
export function clickInSidebar(from: Page, name: string): Promise<boolean> {
  return from.evaluate((name) => {
    const ext = (globalThis as unknown as { browser: { extension: { getViews: Views } } }).browser;
    const [view] = ext.extension.getViews({ type: 'sidebar' });
    const button = [...(view?.document.querySelectorAll('button') ?? [])].find(
      (b) => b.textContent?.trim() === name,
    );
    button?.click();
    return button !== undefined;
  }, name);
}

export interface FirefoxExtension {
  browser: Browser;
  /** One of the add-on's pages (options.html…) in a new tab. */
  openExtensionPage(file: string): Promise<Page>;
  /** Whether the browser's sidebar is open on our add-on, and the extension page it shows. */
  sidebar(): Promise<{ open: boolean; url: string | null }>;
  close(): Promise<void>;
}

export interface FirefoxOptions {
  /** Host names resolved to 127.0.0.1 (`network.dns.localDomains`), like Chromium's `*.test`. */
  hosts?: string[];
}

interface BidiConnection {
  send(method: string, params: object): Promise<{ result: Record<string, unknown> }>;
}

export async function launchFirefox(options: FirefoxOptions = {}): Promise<FirefoxExtension> {
  const executablePath = findFirefox();
  if (!executablePath) {
    throw new Error('No Firefox: apt-get install -y firefox-esr, or set FIREFOX_PATH.');
  }
  if (!existsSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No Firefox build in ${FIREFOX_EXTENSION_DIR}: run \`npm run build:firefox\`.`);
  }
  const userDataDir = mkdtempSync(join(tmpdir(), 'claimmark-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    userDataDir,
    args: ['--remote-allow-system-access'],
    defaultViewport: { width: 1200, height: 900 },
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({
        'claimmark@claimmark.dev': EXTENSION_UUID,
      }),
      // Caret browsing (F7): how a keyboard-only reader moves a caret and selects with Shift+arrows.
      'accessibility.browsewithcaret': true,
      // Nothing of the browser's own reaches the network.
      'browser.safebrowsing.update.enabled': false,
      'network.captive-portal-service.enabled': false,
      ...(options.hosts ? { 'network.dns.localDomains': options.hosts.join(',') } : {}),
    },
  });
  await browser.installExtension(FIREFOX_EXTENSION_DIR);
  const bidi = (browser as unknown as { connection: BidiConnection }).connection;
  /** Evaluate `expression` in the browser's chrome window: its string value. */
  const inChrome = async (expression: string): Promise<string> => {
    const tree = await bidi.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
    const [chrome] = tree.result.contexts as { context: string }[];
    if (!chrome) throw new Error('no chrome window over BiDi');
    const answer = await bidi.send('script.evaluate', {
      target: { context: chrome.context },
      'moz:scope': 'chrome',
      awaitPromise: false,
      expression,
    });
    const result = answer.result as { type?: string; result?: { value?: unknown } };
    if (result.type !== 'success')
      throw new Error(`in the chrome window: ${JSON.stringify(result)}`);
    return String(result.result?.value);
  };
  return {
    browser,
    async openExtensionPage(file) {
      const url = `moz-extension://${EXTENSION_UUID}/${file}`;
      const before = new Set(await browser.pages());
      await inChrome(`gBrowser.selectedTab = gBrowser.addTab(${JSON.stringify(url)}, {
          triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() }); 'opened'`);
      for (const deadline = Date.now() + 10_000; Date.now() < deadline; ) {
        for (const page of await browser.pages()) {
          if (before.has(page)) continue;
          const at = await page.evaluate(() => location.href).catch(() => '');
          if (at === url) return page;
        }
        await new Promise((done) => setTimeout(done, 100));
      }
      throw new Error(`${file} did not open`);
    },
    async sidebar() {
      // The sidebar's extension page is in a remote <browser> inside webext-panels.xhtml.
      const state = await inChrome(`JSON.stringify((() => {
        const sidebar = window.SidebarController ?? window.SidebarUI;
        const panel = sidebar?.browser?.contentDocument?.getElementById('webext-panels-browser');
        return { open: Boolean(sidebar?.isOpen) && sidebar.currentID === ${JSON.stringify(SIDEBAR_ID)},
          url: panel?.currentURI?.spec ?? null };
      })())`);
      return JSON.parse(state) as { open: boolean; url: string | null };
    },
    async close() {
      await browser.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A small article whose own script records every value our `data-claimmark` marker takes
 * (`window.markerValues`): awake, the always-on script sets `ready`; the page UI sets `loading`.
 */
export const markedArticle = (title: string): string => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<script>
  window.markerValues = [];
  new MutationObserver(() => markerValues.push(document.documentElement.dataset.claimmark ?? null))
    .observe(document.documentElement, { attributes: true, attributeFilter: ['data-claimmark'] });
</script></head>
<body><article><h1>${title}</h1>
<p>The company reported $17 billion in sales last year, its filings show.</p>
<p>Staff are asked to be in the office five days a week from April.</p>
</article></body></html>`;

/**
 * Wait until our content script has loaded (and painted) the page's claims. On a site without
 * stored claims the always-on script sets no marker (it only listens on `window`, README "Lazy
 * page UI") and Firefox's background cannot be asked over BiDi: a page still unmarked 3 s after
 * its load is taken as such a page.
 */
export async function waitForContentScript(page: Page): Promise<void> {
  await page.waitForFunction(() => document.readyState === 'complete', { timeout: 10_000 });
  await page
    .waitForFunction(() => document.documentElement.dataset.claimmark === 'ready', {
      timeout: 3_000,
    })
    .catch(async () => {
      // Woken but still painting: that is a page with claims after all.
      if (await page.evaluate(() => document.documentElement.dataset.claimmark === 'loading'))
        throw new Error(`The Claimmark content script did not finish on ${page.url()}`);
    });
}

/**
 * Put a collapsed caret just before the first `text` of the first article paragraph (a caret is
 * no selection: a keyboard-only reader starts from it).
 */
export async function caretBefore(page: Page, text: string): Promise<void> {
  await page.evaluate((text) => {
    const node = document.querySelector('article p')!.firstChild as Text;
    const range = document.createRange();
    range.setStart(node, node.data.indexOf(text));
    range.collapse(true);
    document.getSelection()!.removeAllRanges();
    document.getSelection()!.addRange(range);
  }, text);
}

/** Extend the selection by `count` characters with real Shift+ArrowRight key presses. */
export async function shiftArrowSelect(page: Page, count: number): Promise<void> {
  await page.keyboard.down('Shift');
  for (let i = 0; i < count; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.up('Shift');
}

/** Select the first occurrence of `text` in `within` with a real mouse drag. */
export async function selectText(page: Page, text: string, within = 'body'): Promise<void> {
  const box = await page.evaluate(
    (text, within) => {
      const root = document.querySelector(within)!;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const node = n as Text;
        const at = node.data.indexOf(text);
        if (at < 0) continue;
        node.parentElement!.scrollIntoView({ block: 'center' });
        const rect = (from: number) => {
          const range = document.createRange();
          range.setStart(node, from);
          range.setEnd(node, from + 1);
          return range.getBoundingClientRect();
        };
        const a = rect(at);
        const b = rect(at + text.length - 1);
        return {
          x1: a.left + 1,
          y1: a.top + a.height / 2,
          x2: b.right - 1,
          y2: b.top + b.height / 2,
        };
      }
      throw new Error(`text not in one text node: ${text}`);
    },
    text,
    within,
  );
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move((box.x1 + box.x2) / 2, (box.y1 + box.y2) / 2, { steps: 4 });
  await page.mouse.move(box.x2, box.y2, { steps: 4 });
  await page.mouse.up();
  const selected = await page.evaluate(() => String(document.getSelection()));
  if (selected.trim() !== text.trim()) {
    throw new Error(`selected ${JSON.stringify(selected)} instead of ${JSON.stringify(text)}`);
  }
}

/** Text, id and type of each painted highlight, in document order. */
export function highlights(page: Page): Promise<{ id: string; text: string; type: string }[]> {
  return page.evaluate(() => {
    const byId = new Map<string, { id: string; text: string; type: string }>();
    for (const mark of document.querySelectorAll<HTMLElement>('mark[data-annotation-id]')) {
      const id = mark.dataset.annotationId!;
      const entry = byId.get(id) ?? { id, text: '', type: mark.dataset.claimType ?? '' };
      entry.text += mark.textContent;
      byId.set(id, entry);
    }
    return [...byId.values()];
  });
}

/**
 * Click, with the real mouse, the control of our in-page UI (in its open shadow root) that
 * matches `selector` and, when given, whose text or accessible name is `name`.
 */
export async function clickInUi(page: Page, selector: string, name?: string): Promise<void> {
  const handle = await page.waitForFunction(
    (selector, name) => {
      const root = document.querySelector('claimmark-ui')?.shadowRoot;
      const found = [...(root?.querySelectorAll<HTMLElement>(selector) ?? [])].find(
        (el) =>
          name === undefined ||
          el.textContent?.trim() === name ||
          el.getAttribute('aria-label') === name,
      );
      if (!found) return null;
      const rect = found.getBoundingClientRect();
      return rect.width > 0
        ? { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 }
        : null;
    },
    { timeout: 5_000 },
    selector,
    name,
  );
  const at = (await handle.jsonValue()) as { x: number; y: number };
  await page.mouse.click(at.x, at.y);
}

/** Whether our UI shows a dialog named `label` ('Claimmark' = the toolbar, 'Edit claim' = card). */
export function dialogOpen(page: Page, label: string): Promise<boolean> {
  return page.evaluate(
    (label) =>
      Boolean(
        document
          .querySelector('claimmark-ui')
          ?.shadowRoot?.querySelector(`[role=dialog][aria-label="${label}"]`),
      ),
    label,
  );
}

/** Click the middle of the first mark of claim `id` (its first line) with the real mouse. */
export async function clickMark(page: Page, id: string): Promise<void> {
  const at = await page.evaluate((id) => {
    const mark = document.querySelector(`mark[data-annotation-id="${id}"]`)!;
    mark.scrollIntoView({ block: 'center' });
    // A mark wrapped over two lines: the middle of its bounding box is on neither.
    const rect = mark.getClientRects()[0] ?? mark.getBoundingClientRect();
    return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
  }, id);
  await page.mouse.click(at.x, at.y);
}
