/**
 * Team library across browsers: real Firefox (ESR, `.output/firefox-mv2`, over WebDriver BiDi)
 * and real Chromium (`.output/chrome-mv3`, Playwright) syncing through a pouchdb-server started
 * here on 127.0.0.1, with Claimmark's design document installed (validated as CouchDB 3 does:
 * tests/support/couch-validation-fix.mjs). Firefox is connected through its real Options page
 * (opened from the browser's chrome window, as the add-on's Preferences would; typed with real
 * keys), so PouchDB runs in Firefox's MV2 background page with Firefox's IndexedDB. Claims are
 * saved through the real in-page toolbar on each side and must be painted on the other's open page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page as FirefoxPage } from 'puppeteer-core';
import type { Page as ChromiumPage } from 'playwright-core';
import {
  highlights as chromiumHighlights,
  launchExtension,
  saveClaim,
  startFixtureServer,
  waitForContentScript as chromiumReady,
  type ExtensionBrowser,
  type FixtureServer,
} from '../e2e/harness';
import {
  clickInUi,
  clickMark,
  highlights,
  launchFirefox,
  selectText,
  waitForContentScript,
  type FirefoxExtension,
} from './harness';
import { startCouchServer, type CouchServer } from '../support/couch-server';
import { connectSync, syncStatus } from '../support/sync-ui';
import { DESIGN_DOC } from '../../utils/store/sync/design-doc';
import { toBackupJson } from '../../utils/export/json';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let couch: CouchServer;
let fixtures: FixtureServer;
let firefox: FirefoxExtension;
let chromium: ExtensionBrowser;
let firefoxOptions: FirefoxPage;
let chromiumOptions: ChromiumPage;
const DB = 'team';
const ARTICLE = '/tiktok-shop-us-crackdown/';
const FIGURE = '$17 billion';
const DATE = 'April 5, 2025';

beforeAll(async () => {
  couch = await startCouchServer();
  await couch.createUser('alice', 'alice-pw');
  await couch.createUser('bob', 'bob-pw');
  await couch.createDatabase(DB, ['alice', 'bob']);
  expect((await couch.request('PUT', `/${DB}/${DESIGN_DOC._id}`, DESIGN_DOC)).status).toBe(201);
  fixtures = await startFixtureServer();
  firefox = await launchFirefox();
  chromium = await launchExtension();
}, 180_000);
afterAll(async () => {
  await firefox?.close();
  await chromium?.close();
  await fixtures?.close();
  await couch?.close();
});

const firefoxStatus = (page: FirefoxPage) =>
  page.$eval('[role=status][aria-label="Sync status"]', (el) => el.textContent ?? '');

/** Options → Sync in Firefox, typed and clicked with real input. */
async function connectFirefox(user: string, password: string): Promise<FirefoxPage> {
  const page = await firefox.openExtensionPage('options.html');
  const form = 'form[aria-label="Connect to a CouchDB server"]';
  await page.waitForSelector(form, { timeout: 10_000 });
  for (const [name, value] of [
    ['server', couch.url],
    ['database', DB],
    ['user', user],
    ['password', password],
  ] as const) {
    await page.click(`${form} input[name=${name}]`);
    await page.keyboard.type(value);
  }
  await page.click(`${form} button[type=submit]`);
  return page;
}

async function openFirefox(path: string): Promise<FirefoxPage> {
  const page = await firefox.browser.newPage();
  await page.goto(`${fixtures.origin}${path}`);
  await waitForContentScript(page);
  return page;
}

async function openChromium(path: string): Promise<ChromiumPage> {
  const page = await chromium.context.newPage();
  await page.goto(`${fixtures.origin}${path}`);
  await chromiumReady(page);
  return page;
}

/** Save `text` through Firefox's in-page toolbar (real mouse); returns the claim's id. */
async function saveInFirefox(page: FirefoxPage, text: string, type: string): Promise<string> {
  await selectText(page, text, 'article');
  await clickInUi(page, `input[type=radio][value=${type}]`);
  await clickInUi(page, 'button', 'Save claim');
  const handle = await page.waitForFunction(
    (text) =>
      [...document.querySelectorAll<HTMLElement>('mark[data-annotation-id]')].find((m) =>
        text.startsWith(m.textContent ?? '\u0000'),
      )?.dataset.annotationId,
    { timeout: 5_000 },
    text,
  );
  return (await handle.jsonValue()) as string;
}

const texts = async (list: Promise<{ text: string }[]>) => (await list).map((h) => h.text);

async function serverDoc(id: string): Promise<Record<string, unknown> | null> {
  const got = await couch.request('GET', `/${DB}/claim:${id}`);
  return got.status === 200 ? (got.json as Record<string, unknown>) : null;
}

describe('team library between Firefox and Chromium (pouchdb-server with the design document)', () => {
  it('connects Firefox through its Options page; its background syncs (PouchDB, IndexedDB)', async () => {
    firefoxOptions = await connectFirefox('alice', 'alice-pw');
    chromiumOptions = await connectSync(chromium, {
      server: couch.url,
      database: DB,
      user: 'bob',
      password: 'bob-pw',
    });
    await expect
      .poll(() => firefoxStatus(firefoxOptions), { timeout: 30_000 })
      .toContain('Up to date');
    await expect
      .poll(() => syncStatus(chromiumOptions).textContent(), { timeout: 30_000 })
      .toContain('Up to date');
  });

  it('a claim saved through the toolbar in Firefox is painted on Chromium’s page, and back', async () => {
    const onFirefox = await openFirefox(ARTICLE);
    const onChromium = await openChromium(ARTICLE);
    const id = await saveInFirefox(onFirefox, FIGURE, 'figure');
    await expect
      .poll(() => texts(chromiumHighlights(onChromium)), { timeout: 30_000 })
      .toContain(FIGURE);
    // Through the design document: the server took it as alice's.
    expect(await serverDoc(id)).toMatchObject({ quote: FIGURE, author: 'alice', type: 'figure' });

    await saveClaim(onChromium, DATE, 'Date', { within: 'article' });
    await expect.poll(() => texts(highlights(onFirefox)), { timeout: 30_000 }).toContain(DATE);
    const date = (await highlights(onFirefox)).find((h) => h.text === DATE)!;
    expect(date.type).toBe('date');
    expect(await serverDoc(date.id)).toMatchObject({ author: 'bob' });
    await onFirefox.close();
    await onChromium.close();
  });

  it('a claim deleted in Firefox disappears from Chromium’s page', async () => {
    const onFirefox = await openFirefox(ARTICLE);
    const onChromium = await openChromium(ARTICLE);
    const figure = (await highlights(onFirefox)).find((h) => h.text === FIGURE)!;
    expect(await texts(chromiumHighlights(onChromium))).toContain(FIGURE);
    await clickMark(onFirefox, figure.id);
    await clickInUi(onFirefox, 'button', 'Delete claim');
    await expect
      .poll(() => texts(chromiumHighlights(onChromium)), { timeout: 30_000 })
      .not.toContain(FIGURE);
    expect(await serverDoc(figure.id)).toBeNull();
    await expect
      .poll(() => firefoxStatus(firefoxOptions), { timeout: 30_000 })
      .toContain('Up to date');
    expect(await firefoxOptions.$('.sync-denied')).toBeNull();
    await onFirefox.close();
    await onChromium.close();
  });

  it('a teammate’s claim imported in Firefox is refused by the server, and Options says why', async () => {
    // Bob's backup, imported by alice: its claim names bob, which the design document refuses
    // from alice (a new claim must name its writer). It stays in alice's library only.
    const id = crypto.randomUUID();
    const at = '2026-01-01T00:00:00.000Z';
    const url = `${fixtures.origin}${ARTICLE}`;
    const quote = 'TikTok Shop';
    const backup = toBackupJson(
      [],
      [
        {
          id,
          url,
          quote,
          selectors: [{ type: 'TextQuoteSelector', exact: quote, prefix: '', suffix: '' }],
          type: 'claim',
          tags: [],
          note: '',
          created: at,
          updated: at,
          author: 'bob',
        },
      ],
    );
    const dir = mkdtempSync(join(tmpdir(), 'claimmark-ff-import-'));
    const file = join(dir, 'bob-backup.json');
    writeFileSync(file, backup);
    try {
      const input = await firefoxOptions.waitForSelector(
        'section[aria-label="Import claims"] input[type=file]',
      );
      await input!.uploadFile(file);
      const importButton = await firefoxOptions.waitForSelector(
        'section[aria-label="Import claims"] ::-p-text(Import 1 claim)',
        { timeout: 10_000 },
      );
      await importButton!.click();
      await expect
        .poll(
          () => firefoxOptions.$eval('.sync-denied', (el) => el.textContent ?? '').catch(() => ''),
          { timeout: 30_000 },
        )
        .toBe(
          '1 change was refused by the server and stays on this device only: ' +
            'A new claim must name you (alice) as its author.',
        );
      expect(await serverDoc(id)).toBeNull();
      const onFirefox = await openFirefox(ARTICLE);
      expect(await texts(highlights(onFirefox))).toContain(quote);
      await onFirefox.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
