import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { WxtBrowser } from 'wxt/browser';
import { seriousViolations } from './axe';
import { highlights, saveClaim, selectText, tabIdOf, waitForContentScript } from './harness';
import { useExtension } from './use-extension';

const HTML = readFileSync('tests/fixtures/pages/tiktok-shop-us-crackdown/source.html', 'utf8');

const env = useExtension();

beforeAll(async () => {
  await env.browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
});

async function open(path: string, html = HTML, headers?: Record<string, string>): Promise<Page> {
  env.server.set(path, html, headers);
  const page = await env.browser.context.newPage();
  await page.goto(`${env.server.origin}${path}`);
  await waitForContentScript(page);
  return page;
}

const toolbarOf = (page: Page) => page.getByRole('dialog', { name: 'Claimmark' });
const cardOf = (page: Page) => page.getByRole('dialog', { name: 'Edit claim' });

async function checkedType(page: Page): Promise<string> {
  return toolbarOf(page)
    .locator('input[type=radio]:checked')
    .evaluate((input) => (input as HTMLInputElement).value);
}

describe('capturing claims (Chromium)', () => {
  it('pre-selects the type from the selection, and Esc closes the toolbar', async () => {
    const page = await open('/types/');
    const cases: [string, string][] = [
      ['$17 billion', 'figure'],
      ['“put everyone on blast”', 'quote'],
      ['April 5, 2025', 'date'],
      ['singled out the U.S. team as underperforming', 'claim'],
    ];
    for (const [text, type] of cases) {
      await selectText(page, text, 'article');
      await toolbarOf(page).waitFor();
      expect(await checkedType(page)).toBe(type);
      await page.keyboard.press('Escape');
      await expect.poll(() => toolbarOf(page).count()).toBe(0);
    }
    await page.close();
  });

  it('completes tags from the library, takes a note, and saves with Enter', async () => {
    const page = await open('/tags/');
    await saveClaim(page, '$17 billion', 'Figure', { tags: 'tiktok, gmv', within: 'article' });
    await selectText(page, '$100 million', 'article');
    const toolbar = toolbarOf(page);
    const tags = toolbar.getByRole('combobox', { name: 'Tags' });
    await tags.click();
    await tags.pressSequentially('ti');
    await expect.poll(() => toolbar.getByRole('option').allTextContents()).toEqual(['#tiktok']);
    await tags.press('ArrowDown');
    await tags.press('Enter');
    expect(await toolbar.getByRole('list', { name: 'Chosen tags' }).textContent()).toContain(
      '#tiktok',
    );
    await toolbar.getByRole('textbox', { name: 'Note' }).fill('Black Friday record');
    await tags.press('Enter'); // empty tag field: Enter saves
    await expect
      .poll(async () => (await highlights(page)).map((h) => h.text))
      .toEqual(['$17 billion', '$100 million']);

    // The card shows what was saved.
    await page.locator('mark[data-annotation-id]', { hasText: '$100 million' }).click();
    const card = cardOf(page);
    await card.waitFor();
    expect(await card.getByRole('list', { name: 'Chosen tags' }).textContent()).toContain(
      '#tiktok',
    );
    expect(await card.getByRole('textbox', { name: 'Note' }).inputValue()).toBe(
      'Black Friday record',
    );
    expect(await card.getByRole('radio', { name: 'Figure' }).isChecked()).toBe(true);
    await page.close();
  });

  it('edits, copies, deletes and restores a claim from its card', async () => {
    const page = await open('/card/');
    await saveClaim(page, 'April 5, 2025', 'Date', { within: 'article' });
    const mark = page.locator('mark[data-annotation-id]').first();
    const id = await mark.getAttribute('data-annotation-id');
    await mark.click();
    const card = cardOf(page);
    await card.getByRole('radio', { name: 'Forecast' }).check();
    await expect.poll(() => mark.getAttribute('data-claim-type')).toBe('forecast');
    await card.getByRole('textbox', { name: 'Note' }).fill('Divest-or-ban deadline');
    await card.getByRole('combobox', { name: 'Tags' }).fill('deadline,');
    await card.getByRole('button', { name: 'Copy as Markdown' }).click();
    await expect.poll(() => card.getByRole('status').textContent()).toBe('Copied as Markdown');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain('> April 5, 2025');
    expect(copied).toContain('#forecast #deadline');
    expect(copied).toContain('Divest-or-ban deadline');

    await page.reload();
    await waitForContentScript(page);
    await page.locator('mark[data-annotation-id]').first().click();
    expect(await cardOf(page).getByRole('radio', { name: 'Forecast' }).isChecked()).toBe(true);
    expect(await cardOf(page).getByRole('textbox', { name: 'Note' }).inputValue()).toBe(
      'Divest-or-ban deadline',
    );

    await cardOf(page).getByRole('button', { name: 'Delete claim' }).click();
    await expect.poll(async () => (await highlights(page)).length).toBe(0);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect
      .poll(async () => (await highlights(page)).map((h) => [h.id, h.type]))
      .toEqual([[id, 'forecast']]);
    await page.reload();
    await waitForContentScript(page);
    expect((await highlights(page)).map((h) => h.id)).toEqual([id]);
    await page.close();
  });

  it('saves the selection for the keyboard command / context menu with the pre-selected type', async () => {
    const page = await open('/command/');
    await selectText(page, '$100 million', 'article');
    await page.keyboard.press('Escape'); // toolbar closed, selection kept
    const tabId = await tabIdOf(env.browser, page);
    const answer = await env.browser.worker.evaluate(async (tab) => {
      const api = (globalThis as unknown as { chrome: WxtBrowser }).chrome;
      return api.tabs.sendMessage(tab, { type: 'content:save-selection', payload: {} });
    }, tabId);
    expect(answer).toMatchObject({ ok: true });
    expect((await highlights(page)).map((h) => [h.text, h.type])).toEqual([
      ['$100 million', 'figure'],
    ]);
    await page.close();
  });

  it('works on a page with a strict Content-Security-Policy', async () => {
    const page = await open('/csp/', HTML, {
      'content-security-policy':
        "default-src 'none'; style-src 'none'; script-src 'none'; img-src 'none'",
    });
    await selectText(page, '$17 billion', 'article');
    const background = await toolbarOf(page).evaluate(
      (form) => getComputedStyle(form).backgroundColor,
    );
    expect(background).toBe('rgb(255, 255, 255)');
    await toolbarOf(page).getByRole('button', { name: 'Save claim' }).click();
    await expect.poll(async () => (await highlights(page)).length).toBe(1);
    const colour = await page
      .locator('mark[data-annotation-id]')
      .evaluate((m) => getComputedStyle(m).backgroundColor);
    expect(colour).not.toBe('rgba(0, 0, 0, 0)');
    await page.close();
  });

  it('has no serious accessibility violations in the toolbar and the card, light and dark', async () => {
    const page = await open('/a11y/');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await selectText(page, '$17 billion', 'article');
      await toolbarOf(page).waitFor();
      expect(await seriousViolations(page, 'claimmark-ui')).toEqual([]);
      await toolbarOf(page).getByRole('button', { name: 'Save claim' }).click();
      await page.locator('mark[data-annotation-id]').first().click();
      await cardOf(page).waitFor();
      expect(await seriousViolations(page, 'claimmark-ui')).toEqual([]);
      await cardOf(page).getByRole('button', { name: 'Delete claim' }).click();
      await page.getByRole('button', { name: 'Dismiss' }).click();
    }
    await page.close();
  });
});
