import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { WxtBrowser } from 'wxt/browser';
import { highlights, saveClaim, selectText, waitForContentScript } from './harness';
import { useExtension } from './use-extension';

const HTML = readFileSync('tests/fixtures/pages/tiktok-shop-us-crackdown/source.html', 'utf8');
const FIGURE = '$17 billion';
const DATE = 'April 5, 2025';
const NEUTRAL = 'Despite impressive figures in some areas';

const env = useExtension();

async function open(url: string): Promise<Page> {
  const page = await env.browser.context.newPage();
  await page.goto(url);
  await waitForContentScript(page);
  return page;
}

async function optionsPage(): Promise<Page> {
  const page = await env.browser.context.newPage();
  await page.goto(`chrome-extension://${env.browser.extensionId}/options.html`);
  await page.getByRole('heading', { name: 'Default type' }).waitFor();
  return page;
}

/** The stored settings, read in the service worker. */
function storedSettings(): Promise<Record<string, unknown>> {
  return env.browser.worker.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: WxtBrowser }).chrome;
    return ((await api.storage.local.get('settings')).settings ?? {}) as Record<string, unknown>;
  });
}

/** Save a claim with tags through the page's toolbar (tags typed into its tag field). */
async function saveTagged(page: Page, text: string, tags: string[]): Promise<void> {
  const before = (await highlights(page)).length;
  await selectText(page, text, 'article');
  const toolbar = page.getByRole('dialog', { name: 'Claimmark' });
  const field = toolbar.getByRole('combobox', { name: 'Tags' });
  for (const tag of tags) {
    await field.fill(tag);
    await field.press('Enter');
  }
  await toolbar.getByRole('button', { name: /^Save/ }).click();
  await expect.poll(async () => (await highlights(page)).length).toBe(before + 1);
  // The toolbar closes when the save is acknowledged: on a loaded machine it may still be open,
  // over the next text the reader drags across (CI once selected "" there).
  await toolbar.waitFor({ state: 'detached', timeout: 10_000 });
}

describe('options page (Chromium)', () => {
  it('sets the default type the toolbar pre-selects for a neutral selection', async () => {
    const options = await optionsPage();
    await options.getByRole('radio', { name: 'Forecast' }).check();
    await expect.poll(async () => (await storedSettings()).defaultType).toBe('forecast');
    expect(await options.getByRole('status').first().textContent()).toContain('Forecast');

    env.server.set('/default-type/', HTML);
    const page = await open(`${env.server.origin}/default-type/`);
    await selectText(page, NEUTRAL, 'article');
    const toolbar = page.getByRole('dialog', { name: 'Claimmark' });
    expect(await toolbar.getByRole('radio', { name: 'Forecast' }).isChecked()).toBe(true);
    // A selection that suggests a type still gets it.
    await page.keyboard.press('Escape');
    await selectText(page, FIGURE, 'article');
    expect(await toolbar.getByRole('radio', { name: 'Figure' }).isChecked()).toBe(true);
    await page.keyboard.press('Escape');

    await options.getByRole('radio', { name: 'Claim', exact: true }).check();
    await expect.poll(async () => (await storedSettings()).defaultType).toBe('claim');
    await options.close();
    await page.close();
  });

  it('hides the highlights of open pages and brings them back', async () => {
    env.server.set('/hide/', HTML);
    const page = await open(`${env.server.origin}/hide/`);
    await saveClaim(page, DATE, 'Date', { within: 'article' });
    const marks = page.locator('mark[data-annotation-id]');
    const options = await optionsPage();
    const toggle = options.getByRole('switch', { name: 'Hide highlights' });
    expect(await toggle.isChecked()).toBe(false);
    await toggle.check();
    await expect.poll(() => marks.count()).toBe(0);
    // Also on a page loaded while they are hidden.
    await page.reload();
    await waitForContentScript(page);
    expect(await marks.count()).toBe(0);
    await toggle.uncheck();
    await expect.poll(async () => (await highlights(page)).map((h) => h.text)).toEqual([DATE]);
    await options.close();
    await page.close();
  });

  it('blocks a site: a page loaded on it runs no content script and shows no highlights', async () => {
    const url = `${env.server.originFor('blocked.test')}/story/`;
    env.server.set('/story/', HTML);
    const before = await open(url);
    await saveClaim(before, FIGURE, 'Figure', { within: 'article' });
    await before.close();

    const options = await optionsPage();
    const field = options.getByRole('textbox', { name: 'Site or page address' });
    await field.fill('not a site');
    await options.getByRole('button', { name: 'Add site' }).click();
    expect(await options.getByRole('alert').textContent()).toMatch(/Enter a site/);
    // A page address is accepted and stored as its site.
    await field.fill(`${url}?utm_source=x`);
    await field.press('Enter');
    const sites = options.getByRole('list', { name: 'Sites where Claimmark never runs' });
    await expect
      .poll(() => sites.getByRole('listitem').allTextContents())
      .toEqual(['blocked.testRemove blocked.test']);
    expect(await field.inputValue()).toBe('');
    await expect.poll(async () => (await storedSettings()).blockedSites).toEqual(['blocked.test']);

    const page = await env.browser.context.newPage();
    await page.goto(url);
    await page.getByText('Despite impressive figures').waitFor();
    await page.waitForTimeout(1_500); // ample time for a content script to have run
    expect(await page.evaluate(() => document.documentElement.dataset.claimmark)).toBeUndefined();
    expect(await page.locator('mark').count()).toBe(0);
    // Other sites are untouched.
    const other = await open(`${env.server.originFor('news.test')}/story/`);
    await other.close();

    // Removing it lets Claimmark run there again.
    await options.getByRole('button', { name: 'Remove blocked.test' }).click();
    await expect.poll(async () => (await storedSettings()).blockedSites).toEqual([]);
    await page.reload();
    await waitForContentScript(page);
    expect((await highlights(page)).map((h) => h.text)).toEqual([FIGURE]);
    await options.close();
    await page.close();
  });

  it('renames and merges tags on every claim, and colours them', async () => {
    env.server.set('/tags/', HTML);
    const page = await open(`${env.server.origin}/tags/`);
    await saveTagged(page, FIGURE, ['tiktok', 'sales']);
    await saveTagged(page, DATE, ['ByteDance', 'deadline']);
    await saveTagged(page, '$100 million', ['tiktok shop', 'sales']);

    const options = await optionsPage();
    const rows = options.getByRole('table', { name: 'Tags' }).locator('tbody tr');
    const table = () =>
      rows.evaluateAll((trs) =>
        trs.map((tr) => [
          tr.querySelector('th')?.textContent,
          tr.querySelector('.number')?.textContent,
        ]),
      );
    await expect.poll(table).toEqual([
      ['#sales', '2'],
      ['#bytedance', '1'],
      ['#deadline', '1'],
      ['#tiktok', '1'],
      ['#tiktok shop', '1'],
    ]);
    const status = options.getByRole('region', { name: 'Tags' }).getByRole('status');

    // Rename #sales → #revenue.
    await options.getByRole('button', { name: 'Rename #sales' }).click();
    const name = options.getByRole('textbox', { name: 'New name for #sales' });
    expect(await name.evaluate((el) => el === document.activeElement)).toBe(true);
    await name.fill('Revenue');
    await name.press('Enter');
    await expect.poll(() => status.textContent()).toBe('Renamed #sales to #revenue on 2 claims.');

    // Merge #tiktok and #tiktok shop into #tiktok; give #bytedance a colour.
    await options.getByRole('checkbox', { name: 'Select #tiktok', exact: true }).check();
    await options.getByRole('checkbox', { name: 'Select #tiktok shop' }).check();
    await options.getByRole('button', { name: 'Merge 2 tags into #tiktok' }).click();
    await expect
      .poll(() => status.textContent())
      .toBe('Merged #tiktok shop into #tiktok on 1 claim.');
    await options.getByLabel('Colour of #bytedance').fill('#ff8800');
    await expect
      .poll(async () => (await storedSettings()).tagColours)
      .toEqual({ bytedance: '#ff8800' });
    await expect.poll(table).toEqual([
      ['#revenue', '2'],
      ['#tiktok', '2'],
      ['#bytedance', '1'],
      ['#deadline', '1'],
    ]);

    // Every claim carries the new tags: the popup's search finds them by their new names.
    const popup = await env.browser.context.newPage();
    await popup.goto(env.browser.popupUrl);
    const results = popup.getByRole('list', { name: 'Claims' }).getByRole('listitem');
    await popup.getByRole('searchbox').fill('#revenue');
    await expect.poll(() => results.count()).toBe(2);
    await popup.getByRole('searchbox').fill('#sales');
    await expect.poll(() => results.count()).toBe(0);
    await popup.getByRole('searchbox').fill('tag:tiktok');
    await expect.poll(() => results.count()).toBe(2);
    expect((await results.allTextContents()).join(' ')).not.toContain('#tiktok shop');
    await popup.close();
    await options.close();
    await page.close();
  });
});
