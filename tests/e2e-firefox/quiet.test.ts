/**
 * The quiet always-on script in real Firefox (README "Lazy page UI"), with the add-on's sidebar
 * open as Firefox opens it on install, following the active tab. Firefox's background cannot be
 * asked over BiDi (no `__claimmarkMayHaveClaims`, no message count as in tests/e2e/quiet.test.ts):
 * what is observed is the page's side — the `data-claimmark` marker the always-on script sets
 * only once awake (every value it takes recorded by the page's own script), our in-page UI and
 * the painted marks — and what the sidebar shows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { startFixtureServer, type FixtureServer } from '../e2e/harness';
import {
  clickInSidebar,
  clickInUi,
  EXTENSION_UUID,
  highlights,
  launchFirefox,
  selectText,
  sidebarText,
  type FirefoxExtension,
  markedArticle,
  caretBefore,
  shiftArrowSelect,
} from './harness';

let firefox: FirefoxExtension;
let server: FixtureServer;
/** One of the add-on's pages, to read the sidebar from (`extension.getViews`). */
let options: Page;

beforeAll(async () => {
  server = await startFixtureServer();
  // quiet.test never gets a claim; painted.test does.
  firefox = await launchFirefox({ hosts: ['quiet.test', 'painted.test'] });
  options = await firefox.openExtensionPage('options.html');
});
afterAll(async () => {
  await firefox?.close();
  await server?.close();
});

/** A new tab (the active one: the sidebar follows it) at `path` on `host`, loaded. */
async function open(host: string, path: string): Promise<Page> {
  server.set(path, markedArticle(path));
  const page = await firefox.browser.newPage();
  await page.goto(`${server.originFor(host)}${path}`);
  await page.waitForFunction(() => document.readyState === 'complete', { timeout: 10_000 });
  return page;
}

const markerValues = (page: Page) =>
  page.evaluate(() => (window as unknown as { markerValues: string[] }).markerValues);

/** Our traces in the page: the marker's values, the in-page UI, painted marks. */
const traces = (page: Page) =>
  page.evaluate(() => ({
    marker: document.documentElement.dataset.claimmark ?? null,
    ui: document.querySelector('claimmark-ui') !== null,
    marks: document.querySelectorAll('mark[data-annotation-id]').length,
  }));
const ASLEEP = { marker: null, ui: false, marks: 0 };

/** Wait until the sidebar shows text matching `pattern` (it follows the active tab). */
async function sidebarShows(pattern: RegExp): Promise<void> {
  await expect
    .poll(async () => (await sidebarText(options)) ?? '', { timeout: 10_000 })
    .toMatch(pattern);
}

const toolbarOpens = (page: Page) =>
  page.waitForFunction(
    () =>
      document
        .querySelector('claimmark-ui')
        ?.shadowRoot?.querySelector('[role=dialog][aria-label=Claimmark]'),
    { timeout: 5_000 },
  );

describe('the quiet always-on script (Firefox)', () => {
  it('the sidebar is open, as Firefox opens it on install, on our side panel', async () => {
    await expect
      .poll(() => firefox.sidebar(), { timeout: 10_000 })
      .toEqual({
        open: true,
        url: `moz-extension://${EXTENSION_UUID}/sidepanel.html`,
      });
  });

  it('on a site without claims, with the sidebar showing it: asleep — no marker, no UI, no mark', async () => {
    const page = await open('quiet.test', '/none/');
    await sidebarShows(/No claims on this page yet/);
    await new Promise((done) => setTimeout(done, 500)); // anything woken late
    expect(await traces(page)).toEqual(ASLEEP);
    expect(await markerValues(page)).toEqual([]);
    // Switching away and back (the sidebar asks again) wakes it no more.
    const other = await open('quiet.test', '/other/');
    await page.bringToFront();
    await sidebarShows(/No claims on this page yet/);
    await new Promise((done) => setTimeout(done, 500));
    expect(await markerValues(page)).toEqual([]);
    expect(await markerValues(other)).toEqual([]);
    await other.close();
    await page.close();
  });

  it('the reader’s mouse selection wakes it and opens the toolbar', async () => {
    const page = await open('quiet.test', '/mouse/');
    await sidebarShows(/No claims on this page yet/);
    expect(await traces(page)).toEqual(ASLEEP);
    await selectText(page, '$17 billion', 'article');
    await toolbarOpens(page);
    expect(await markerValues(page)).toEqual(['ready', 'loading', 'ready']);
    await page.keyboard.press('Escape');
    await page.close();
  });

  it('the reader’s Shift+arrows selection wakes it and opens the toolbar', async () => {
    const page = await open('quiet.test', '/keys/');
    await sidebarShows(/No claims on this page yet/);
    expect(await traces(page)).toEqual(ASLEEP);
    await caretBefore(page, '$17');
    expect(await traces(page)).toEqual(ASLEEP); // a caret is no selection
    await shiftArrowSelect(page, '$17 billion'.length);
    await toolbarOpens(page);
    expect(await page.evaluate(() => String(document.getSelection()))).toBe('$17 billion');
    expect(await markerValues(page)).toEqual(['ready', 'loading', 'ready']);
    await page.keyboard.press('Escape');
    await page.close();
  });

  it('Suggest claims in the sidebar wakes the page it shows and lists its suggestions', async () => {
    const page = await firefox.browser.newPage();
    await page.goto(`${server.originFor('quiet.test')}/tiktok-shop-us-crackdown/`);
    await sidebarShows(/No claims on this page yet/);
    expect(await traces(page)).toEqual(ASLEEP);
    expect(await clickInSidebar(options, 'Suggest claims')).toBe(true);
    await sidebarShows(/\$17 billion/);
    expect((await traces(page)).marker).toBe('ready');
    await page.close();
  });

  it('on a site with claims: painted at load, and the sidebar lists the claim', async () => {
    const first = await open('painted.test', '/story/');
    await selectText(first, '$17 billion', 'article');
    await clickInUi(first, 'input[type=radio][value=figure]');
    await clickInUi(first, 'button', 'Save claim');
    await first.waitForFunction(() => document.querySelector('mark[data-annotation-id]'), {
      timeout: 5_000,
    });
    await first.close();

    // Another page of that site, never saved on: woken (its site has a stored page), nothing to paint.
    const sibling = await open('painted.test', '/sibling/');
    await expect.poll(() => markerValues(sibling), { timeout: 10_000 }).toEqual(['ready']);
    await sibling.close();

    const page = await open('painted.test', '/story/');
    await expect
      .poll(async () => (await highlights(page)).map((h) => [h.text, h.type]), { timeout: 10_000 })
      .toEqual([['$17 billion', 'figure']]);
    expect(await markerValues(page)).toEqual(['loading', 'ready']);
    await sidebarShows(/\$17 billion/);
    await page.close();
  });
});
