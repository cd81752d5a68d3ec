/**
 * Team library end to end: a real CouchDB-protocol server (pouchdb-server, started here on
 * 127.0.0.1 with a random port, Claimmark's design document installed) and two Chromium profiles
 * with the built extension, connected through the real options page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  highlights,
  launchExtension,
  saveClaim,
  startFixtureServer,
  waitForContentScript,
  type ExtensionBrowser,
  type FixtureServer,
} from './harness';
import { startCouchServer, type CouchServer } from '../support/couch-server';
import { connectSync, openSyncOptions, syncStatus } from '../support/sync-ui';
import { DESIGN_DOC } from '../../utils/store/sync/design-doc';

let couch: CouchServer;
let fixtures: FixtureServer;
let a: ExtensionBrowser;
let b: ExtensionBrowser;
/** Alice's second browser. */
let c: ExtensionBrowser;
const DB = 'team';
const FIGURE = '$17 billion';
const DATE = 'April 5, 2025';
const NEUTRAL = 'Despite impressive figures in some areas';

beforeAll(async () => {
  couch = await startCouchServer();
  await couch.createUser('alice', 'alice-pw');
  await couch.createUser('bob', 'bob-pw');
  await couch.createUser('carol', 'carol-pw');
  await couch.createDatabase(DB, ['alice', 'bob']);
  // As a team's admin installs it (README "Team library"): every push below goes through it.
  expect((await couch.request('PUT', `/${DB}/${DESIGN_DOC._id}`, DESIGN_DOC)).status).toBe(201);
  fixtures = await startFixtureServer();
  a = await launchExtension();
  b = await launchExtension();
  c = await launchExtension();
}, 120_000);
afterAll(async () => {
  await a?.close();
  await b?.close();
  await c?.close();
  await fixtures?.close();
  await couch?.close();
});

const options = openSyncOptions;
const status = syncStatus;

function connect(
  browser: ExtensionBrowser,
  fields: { user: string; password: string; database?: string },
): Promise<Page> {
  return connectSync(browser, { server: couch.url, database: DB, ...fields });
}

async function open(browser: ExtensionBrowser, path: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`${fixtures.origin}${path}`);
  await waitForContentScript(page);
  return page;
}

async function popupResults(browser: ExtensionBrowser): Promise<string[]> {
  const popup = await browser.context.newPage();
  await popup.goto(browser.popupUrl);
  const items = popup.getByRole('list', { name: 'Claims' }).getByRole('listitem');
  await popup.waitForTimeout(300);
  const texts = await items.allTextContents();
  await popup.close();
  return texts;
}

/** Stop the extension's service worker, as Chrome does with an idle one. */
async function stopWorker(browser: ExtensionBrowser): Promise<boolean> {
  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  const { targetInfos } = await cdp.send('Target.getTargets');
  const worker = targetInfos.find(
    (t) =>
      t.type === 'service_worker' &&
      t.url === `chrome-extension://${browser.extensionId}/background.js`,
  );
  if (worker) await cdp.send('Target.closeTarget', { targetId: worker.targetId });
  await page.close();
  return worker !== undefined;
}

/** Open the claim's card on the page, write the note and commit it (Ctrl+Enter). */
async function editNote(page: Page, quote: string, note: string): Promise<void> {
  await page
    .locator('mark[data-annotation-id]', { hasText: quote.slice(0, 3) })
    .first()
    .click();
  const card = page.getByRole('dialog', { name: 'Edit claim' });
  const field = card.getByRole('textbox', { name: 'Note' });
  await field.fill(note);
  await field.press('Control+Enter');
  await card.getByRole('button', { name: 'Close' }).click();
}

describe('team library (two Chromium profiles, pouchdb-server)', () => {
  it('refuses a wrong password, a non-member and a missing database, each saying why', async () => {
    const wrong = await connect(a, { user: 'alice', password: 'nope' });
    await expect
      .poll(() => status(wrong).textContent(), { timeout: 20_000 })
      .toContain('wrong user name or password');
    await wrong.close();
    const outsider = await connect(a, { user: 'carol', password: 'carol-pw' });
    await expect
      .poll(() => status(outsider).textContent(), { timeout: 20_000 })
      .toContain('not a member');
    await outsider.close();
    const missing = await connect(a, { user: 'alice', password: 'alice-pw', database: 'nothere' });
    await expect
      .poll(() => status(missing).textContent(), { timeout: 20_000 })
      .toContain('does not exist');
    await missing.close();
  });

  it('refuses plain http to a host other than localhost', async () => {
    const page = await options(a);
    const form = page.getByRole('form', { name: 'Connect to a CouchDB server' });
    await form.getByLabel('Server address').fill('http://couch.example.com');
    await form.getByLabel('Database').fill(DB);
    await form.getByLabel('User name').fill('alice');
    await form.getByLabel('Password').fill('alice-pw');
    await form.getByRole('button', { name: 'Connect' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('https://');
    await page.close();
  });

  it('a claim saved in A appears in B’s popup and on B’s open page, with its author', async () => {
    const pageB = await open(b, '/tiktok-shop-us-crackdown/');
    const optionsA = await connect(a, { user: 'alice', password: 'alice-pw' });
    const optionsB = await connect(b, { user: 'bob', password: 'bob-pw' });
    const optionsC = await connect(c, { user: 'alice', password: 'alice-pw' });
    for (const page of [optionsA, optionsB, optionsC]) {
      await expect
        .poll(() => status(page).textContent(), { timeout: 30_000 })
        .toContain('Up to date');
    }
    const pageA = await open(a, '/tiktok-shop-us-crackdown/');
    await saveClaim(pageA, FIGURE, 'Figure', { within: 'article', tags: 'gmv' });
    await expect
      .poll(async () => (await highlights(pageB)).map((h) => h.text), { timeout: 30_000 })
      .toContain(FIGURE);
    await expect
      .poll(async () => (await popupResults(b)).join('\n'), { timeout: 30_000 })
      .toContain(FIGURE);
    expect((await popupResults(b)).join('\n')).toContain('alice');
    // Alice's other browser has it too.
    await expect
      .poll(async () => (await popupResults(c)).join('\n'), { timeout: 30_000 })
      .toContain(FIGURE);
    await optionsC.close();
    await pageA.close();
    await pageB.close();
    await optionsA.close();
    await optionsB.close();
  });

  it('a claim deleted in A disappears from B', async () => {
    const pageA = await open(a, '/tiktok-shop-us-crackdown/');
    const pageB = await open(b, '/tiktok-shop-us-crackdown/');
    await saveClaim(pageA, DATE, 'Date', { within: 'article' });
    await expect
      .poll(async () => (await highlights(pageB)).map((h) => h.text), { timeout: 30_000 })
      .toContain(DATE);
    await pageA.locator('mark[data-annotation-id]', { hasText: 'April 5' }).first().click();
    await pageA.getByRole('button', { name: 'Delete claim' }).click();
    await expect
      .poll(async () => (await highlights(pageB)).map((h) => h.text), { timeout: 30_000 })
      .not.toContain(DATE);
    await pageA.close();
    await pageB.close();
  });

  it('saves made while the server is down arrive once it is back', async () => {
    await couch.stop();
    const pageA = await open(a, '/tiktok-shop-us-crackdown/');
    await saveClaim(pageA, 'TikTok Shop', 'Claim', { within: 'article' });
    const optionsA = await options(a);
    await expect
      .poll(() => status(optionsA).textContent(), { timeout: 60_000 })
      .toContain('Offline');
    await couch.start();
    const pageB = await open(b, '/tiktok-shop-us-crackdown/');
    await expect
      .poll(async () => (await highlights(pageB)).map((h) => h.text), { timeout: 90_000 })
      .toContain('TikTok Shop');
    await pageA.close();
    await pageB.close();
    await optionsA.close();
  }, 180_000);

  it('skips and counts a malformed document planted on the server', async () => {
    const doc = { kind: 'claim', v: 1, quote: '<img src=x onerror=alert(1)>' };
    // The design document refuses it, even from an admin…
    expect((await couch.request('PUT', `/${DB}/claim:evil`, doc)).status).toBe(403);
    // …so plant it as on a server without one (an admin removes it, plants, puts it back).
    const design = (await couch.request('GET', `/${DB}/${DESIGN_DOC._id}`)).json as {
      _rev: string;
    };
    await couch.request('DELETE', `/${DB}/${DESIGN_DOC._id}?rev=${design._rev}`);
    const planted = await couch.request('PUT', `/${DB}/claim:evil`, doc);
    expect(planted.status).toBe(201);
    expect((await couch.request('PUT', `/${DB}/${DESIGN_DOC._id}`, DESIGN_DOC)).status).toBe(201);
    const optionsB = await options(b);
    await expect
      .poll(() => optionsB.locator('.sync-form .hint').textContent(), { timeout: 60_000 })
      .toContain('1 document from the server was skipped');
    expect((await popupResults(b)).join('\n')).not.toContain('onerror');
    await optionsB.close();
  }, 90_000);

  it('an edit in B reaches A', async () => {
    const pageB = await open(b, '/tiktok-shop-us-crackdown/');
    await editNote(pageB, FIGURE, 'checked by bob');
    await expect
      .poll(async () => (await popupResults(a)).join('\n'), { timeout: 30_000 })
      .toContain('checked by bob');
    await pageB.close();
  });

  it('a note edited on both offline keeps both; one click on the card keeps either', async () => {
    const pageA = await open(a, '/tiktok-shop-us-crackdown/');
    const pageB = await open(b, '/tiktok-shop-us-crackdown/');
    await couch.stop();
    await editNote(pageA, FIGURE, 'alice offline');
    await editNote(pageB, FIGURE, 'bob offline');
    await couch.start();
    // Either device may hold CouchDB's winner: find the card that shows the other version.
    let kept = '';
    await expect
      .poll(
        async () => {
          for (const page of [pageA, pageB]) {
            await page.reload();
            await waitForContentScript(page);
            await page.locator('mark[data-annotation-id]', { hasText: '17' }).first().click();
            const group = page.getByRole('group', { name: 'Also edited on another device' });
            if (await group.isVisible()) {
              kept = (await group.locator('.note-text').first().textContent()) ?? '';
              await group.getByRole('button', { name: 'Keep this note' }).first().click();
              return kept;
            }
            await page.keyboard.press('Escape');
          }
          return '';
        },
        { timeout: 90_000, interval: 2_000 },
      )
      .toMatch(/^(alice|bob) offline$/);
    for (const browser of [a, b]) {
      await expect
        .poll(async () => (await popupResults(browser)).join('\n'), { timeout: 30_000 })
        .toContain(kept);
    }
    await pageA.close();
    await pageB.close();
  }, 180_000);

  it('a claim saved as both workers are stopped arrives once the alarm wakes them', async () => {
    const pageA = await open(a, '/tiktok-shop-us-crackdown/');
    await saveClaim(pageA, NEUTRAL, 'Claim', { within: 'article' });
    await pageA.close();
    // Chrome stops idle workers; here both at once, right after the save.
    expect(await stopWorker(a)).toBe(true);
    expect(await stopWorker(b)).toBe(true);
    await expect
      .poll(async () => (await popupResults(b)).join('\n'), { timeout: 150_000, interval: 5_000 })
      .toContain(NEUTRAL);
    expect((await popupResults(b)).filter((r) => r.includes(NEUTRAL))).toHaveLength(1);
  }, 180_000);

  it('Stop syncing keeps the local claims', async () => {
    const optionsB = await options(b);
    await optionsB.getByRole('button', { name: 'Stop syncing' }).click();
    await expect.poll(() => status(optionsB).textContent()).toContain('Not syncing');
    expect((await popupResults(b)).join('\n')).toContain(FIGURE);
    await optionsB.close();
  });
});
