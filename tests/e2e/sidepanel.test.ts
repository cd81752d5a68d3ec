import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { highlights, saveClaim, tabIdOf, waitForContentScript } from './harness';
import { useExtension } from './use-extension';

const HTML = readFileSync('tests/fixtures/pages/tiktok-shop-us-crackdown/source.html', 'utf8');
const FIGURE = '$17 billion';
const MONTH = 'February 2025';
const DATE = 'April 5, 2025';
const GONE = 'There’s literally no time in a day to fulfill the goals they’re asking for.';
const WITHOUT_GONE = HTML.replace(
  /<blockquote[^>]*><p>“There’s literally[^<]*<\/p><\/blockquote>/,
  '',
);

const env = useExtension();

beforeAll(async () => {
  if (WITHOUT_GONE === HTML) throw new Error('the fixture changed: the quote is not removed');
});

async function open(path: string): Promise<Page> {
  const page = await env.browser.context.newPage();
  await page.goto(`${env.server.origin}${path}`);
  await waitForContentScript(page);
  return page;
}

/** The side panel as a page, showing the tab of `page` (`?tab=ID`). */
async function panelFor(page: Page): Promise<Page> {
  const panel = await env.browser.context.newPage();
  await panel.setViewportSize({ width: 400, height: 900 });
  await panel.goto(
    `chrome-extension://${env.browser.extensionId}/sidepanel.html?tab=${await tabIdOf(env.browser, page)}`,
  );
  return panel;
}

/** The id of the one claim painted on `page`. */
async function onlyClaimId(page: Page): Promise<string> {
  const painted = await highlights(page);
  if (painted.length !== 1) throw new Error(`expected one claim, found ${painted.length}`);
  return painted[0]!.id;
}

const located = (panel: Page) =>
  panel.getByRole('list', { name: 'Claims on this page' }).getByRole('listitem');
const orphans = (panel: Page) =>
  panel.getByRole('list', { name: 'Not found on this page' }).getByRole('listitem');
const quotes = (items: Locator) => items.locator('q.quote').allTextContents();

/** A page with three claims saved out of document order, and one whose text was then removed. */
async function storyWithClaims(path: string): Promise<Page> {
  env.server.set(path, HTML);
  const page = await open(path);
  await saveClaim(page, DATE, 'Date', { within: 'article' });
  await saveClaim(page, GONE, 'Quote', { within: 'article' });
  await saveClaim(page, FIGURE, 'Figure', { within: 'article' });
  await saveClaim(page, MONTH, 'Date', { within: 'article' });
  env.server.set(path, WITHOUT_GONE);
  await page.reload();
  await waitForContentScript(page);
  return page;
}

describe('side panel (Chromium)', () => {
  it('lists the claims in document order, filters by type and lists orphans apart', async () => {
    const page = await storyWithClaims('/panel-order/');
    const panel = await panelFor(page);
    await expect.poll(() => quotes(located(panel))).toEqual([FIGURE, MONTH, DATE]);
    expect(await quotes(orphans(panel))).toEqual([GONE]);
    await expect(
      panel.getByRole('heading', { name: /Not found on this page \(1\)/ }).count(),
    ).resolves.toBe(1);
    // The page's metadata from Readability heads the panel.
    expect(await panel.getByRole('heading', { level: 1 }).textContent()).toMatch(/TikTok/);

    const dates = panel.getByRole('radio', { name: 'Date (2)' });
    await dates.check();
    await expect.poll(() => quotes(located(panel))).toEqual([MONTH, DATE]);
    expect(await orphans(panel).count()).toBe(0);
    await panel.getByRole('radio', { name: 'Quote (1)' }).check();
    await expect.poll(() => located(panel).count()).toBe(0);
    expect(await quotes(orphans(panel))).toEqual([GONE]);
    await panel.getByRole('radio', { name: 'All (4)' }).check();
    await expect.poll(() => located(panel).count()).toBe(3);
    await panel.close();
    await page.close();
  });

  it('scrolls the page to a claim and flashes it when it is clicked', async () => {
    env.server.set('/panel-scroll/', HTML);
    const page = await open('/panel-scroll/');
    await page.setViewportSize({ width: 900, height: 320 });
    await saveClaim(page, DATE, 'Date', { within: 'article' });
    const id = await onlyClaimId(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    const mark = page.locator(`mark[data-annotation-id="${id}"]`);
    const inView = () =>
      mark.evaluate((m) => {
        const r = m.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight;
      });
    expect(await inView()).toBe(false);

    const panel = await panelFor(page);
    await panel.getByRole('button', { name: DATE, exact: true }).click();
    await expect.poll(inView, { timeout: 5_000 }).toBe(true);
    // It flashed: an animation ran on the mark.
    expect(await mark.evaluate((m) => m.getAnimations().length)).toBeGreaterThan(0);
    await panel.close();
    await page.close();
  });

  it('edits type, tags and note, shown on the page; deletes with undo', async () => {
    env.server.set('/panel-edit/', HTML);
    const page = await open('/panel-edit/');
    await saveClaim(page, FIGURE, 'Figure', { within: 'article' });
    const id = await onlyClaimId(page);
    const mark = page.locator(`mark[data-annotation-id="${id}"]`);
    const panel = await panelFor(page);
    await expect.poll(() => located(panel).count()).toBe(1);

    await panel.getByRole('button', { name: /^Edit claim: \$17 billion/ }).click();
    const editor = panel.getByRole('dialog', { name: 'Edit claim' });
    // Focus moved into the editor, on the claim's type.
    await expect
      .poll(() => panel.evaluate(() => (document.activeElement as HTMLInputElement).value))
      .toBe('figure');
    await editor.getByRole('radio', { name: 'Forecast' }).check();
    await expect.poll(() => mark.getAttribute('data-claim-type')).toBe('forecast');
    await expect.poll(() => located(panel).locator('.badge').textContent()).toBe('Forecast');

    const tags = editor.getByRole('combobox', { name: 'Tags' });
    await tags.fill('TikTok');
    await tags.press('Enter');
    await tags.fill('#GMV');
    await tags.press('Enter');
    await editor.getByRole('textbox', { name: 'Note' }).fill('FY2024 target, missed');
    await editor.getByRole('textbox', { name: 'Note' }).blur();
    await expect.poll(() => editor.getByRole('status').textContent()).toBe('Saved');
    await editor.getByRole('button', { name: 'Close' }).click();
    const item = located(panel).first();
    await expect.poll(() => item.locator('.tag').allTextContents()).toEqual(['#tiktok', '#gmv']);
    expect(await item.locator('.note').textContent()).toBe('FY2024 target, missed');
    // Focus went back to the Edit button.
    await expect
      .poll(() => panel.evaluate(() => document.activeElement?.className))
      .toContain('edit-toggle');

    // The page has the changes: its card shows the new tags and note.
    await mark.first().click();
    const card = page.getByRole('dialog', { name: 'Edit claim' });
    await expect
      .poll(() => card.getByRole('list', { name: 'Chosen tags' }).textContent())
      .toContain('#gmv');
    expect(await card.getByRole('textbox', { name: 'Note' }).inputValue()).toBe(
      'FY2024 target, missed',
    );
    await card.getByRole('button', { name: 'Close' }).click();

    // Delete from the panel: the highlight goes; Undo brings both back.
    await panel.getByRole('button', { name: /^Edit claim/ }).click();
    await panel.getByRole('button', { name: 'Delete claim' }).click();
    await expect.poll(() => mark.count()).toBe(0);
    await expect.poll(() => located(panel).count()).toBe(0);
    const undo = panel.getByRole('button', { name: 'Undo' });
    await expect.poll(() => undo.evaluate((b) => b === document.activeElement)).toBe(true);
    await undo.click();
    await expect.poll(() => mark.count()).toBeGreaterThan(0);
    expect(await mark.first().getAttribute('data-claim-type')).toBe('forecast');
    await expect.poll(() => located(panel).count()).toBe(1);
    await panel.close();
    await page.close();
  });

  it('shows and saves the page details', async () => {
    env.server.set('/panel-details/', HTML);
    const page = await open('/panel-details/');
    await saveClaim(page, FIGURE, 'Figure', { within: 'article' });
    const panel = await panelFor(page);
    await panel.getByText('Edit page details').click();
    const form = panel.getByRole('form', { name: 'Page details' });
    await form.getByRole('textbox', { name: 'Title' }).fill('TikTok Shop misses its US target');
    await form.getByRole('textbox', { name: 'Author' }).fill('A. Reporter');
    await form.getByLabel('Published').fill('2025-03-06');
    await form.getByRole('button', { name: 'Save details' }).click();
    await expect.poll(() => form.getByRole('status').textContent()).toBe('Saved');
    await expect
      .poll(() => panel.getByRole('heading', { level: 1 }).textContent())
      .toBe('TikTok Shop misses its US target');
    expect(await panel.locator('.byline').textContent()).toContain('A. Reporter');
    expect(await panel.locator('.byline time').getAttribute('datetime')).toBe('2025-03-06');
    // Clearing the date removes it.
    await form.getByLabel('Published').fill('');
    await form.getByRole('button', { name: 'Save details' }).click();
    await expect.poll(() => panel.locator('.byline time').count()).toBe(0);
    expect(await form.getByRole('status').textContent()).toBe('Saved');
    await panel.close();
    await page.close();
  });

  it('follows the active tab and its navigation; says so where Claimmark cannot run', async () => {
    const first = await storyWithClaims('/panel-follow/');
    // The panel opened as a tab of the same window: while it is the active tab, it shows itself.
    const panel = await env.browser.context.newPage();
    await panel.goto(`chrome-extension://${env.browser.extensionId}/sidepanel.html`);
    await expect
      .poll(() => panel.getByRole('heading', { name: 'No article here' }).count())
      .toBe(1);

    await first.bringToFront();
    await expect.poll(() => quotes(located(panel))).toEqual([FIGURE, MONTH, DATE]);

    // The tab navigates to a page without claims, then to a browser page.
    env.server.set(
      '/panel-other/',
      '<!doctype html><title>Other</title><p>Nothing saved here.</p>',
    );
    await first.goto(`${env.server.origin}/panel-other/`);
    await expect.poll(() => panel.getByText(/No claims on this page yet/).count()).toBe(1);
    await first.goto('about:blank');
    await expect
      .poll(() => panel.getByRole('heading', { name: 'No article here' }).count())
      .toBe(1);

    // Back: the claims come back; a claim saved on the page appears without a reload.
    await first.goto(`${env.server.origin}/panel-follow/`);
    await waitForContentScript(first);
    await expect.poll(() => quotes(located(panel))).toEqual([FIGURE, MONTH, DATE]);
    await saveClaim(first, '$100 million', 'Figure', { within: 'article' });
    await expect.poll(() => quotes(located(panel))).toEqual([FIGURE, MONTH, DATE, '$100 million']);
    await panel.close();
    await first.close();
  });
});
