import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { extensionPage, highlights, saveClaim, waitForContentScript } from './harness';
import { useExtension } from './use-extension';

const FIGURE = '$17 billion';
const EMPLOYEE_QUOTE =
  'There’s literally no time in a day to fulfill the goals they’re asking for.';

const env = useExtension();
let demoUrl: string;

beforeAll(async () => {
  demoUrl = `${env.server.origin}/tiktok-shop-us-crackdown/`;
});

async function openArticle(url: string): Promise<Page> {
  const page = await env.browser.context.newPage();
  await page.goto(url);
  await waitForContentScript(page);
  return page;
}

function saveSelection(page: Page, text: string, type: string, tags = ''): Promise<void> {
  return saveClaim(page, text, type, { tags, within: 'article' });
}

describe('core loop in Chromium', () => {
  it('saves a selection and paints it, also across element boundaries', async () => {
    const page = await openArticle(demoUrl);
    expect(await highlights(page)).toEqual([]);
    await saveSelection(page, FIGURE, 'Figure', 'tiktok, gmv');
    await saveSelection(page, EMPLOYEE_QUOTE, 'Quote');
    const painted = await highlights(page);
    expect(painted.map((h) => [h.text, h.type])).toEqual([
      [FIGURE, 'figure'],
      [EMPLOYEE_QUOTE, 'quote'],
    ]);
    await page.close();
  });

  it('restores the highlights on reload', async () => {
    const page = await openArticle(demoUrl);
    expect((await highlights(page)).map((h) => h.text)).toEqual([FIGURE, EMPLOYEE_QUOTE]);
    await page.reload();
    await waitForContentScript(page);
    expect((await highlights(page)).map((h) => h.text)).toEqual([FIGURE, EMPLOYEE_QUOTE]);
    await page.close();
  });

  it('restores them when the page is reached with tracking parameters and a hash', async () => {
    const page = await openArticle(
      `${demoUrl}?utm_source=newsletter&utm_medium=email&fbclid=abc#comments`,
    );
    expect((await highlights(page)).map((h) => h.text)).toEqual([FIGURE, EMPLOYEE_QUOTE]);
    await page.close();
  });

  it('paints a selection that crosses paragraphs as several marks of one claim', async () => {
    const page = await openArticle(demoUrl);
    const text = await page.evaluate(() => {
      const ps = [...document.querySelectorAll('article p')].filter(
        (p) => (p.textContent ?? '').length > 80,
      );
      const first = ps[2]!.lastChild!;
      const second = ps[3]!.firstChild!;
      const range = document.createRange();
      range.setStart(first, first.textContent!.length - 30);
      range.setEnd(second, 25);
      return range.toString();
    });
    await saveSelection(page, text, 'Claim');
    const marks = await page.$$eval('mark[data-claim-type="claim"]', (ms) => ms.length);
    expect(marks).toBeGreaterThanOrEqual(2);
    const painted = await highlights(page);
    expect(painted.map((h) => h.text)).toEqual([
      FIGURE,
      text.replace(/\s+/g, ' ').trim(),
      EMPLOYEE_QUOTE,
    ]);
    await page.reload();
    await waitForContentScript(page);
    expect((await highlights(page)).map((h) => h.text)).toContain(text.replace(/\s+/g, ' ').trim());
    await page.close();
  });

  it('saves on a plain-http site, which is not a secure context', async () => {
    const page = await openArticle(
      `${env.server.originFor('news.test')}/tiktok-shop-us-crackdown/`,
    );
    expect(await page.evaluate(() => window.isSecureContext)).toBe(false);
    await saveSelection(page, 'April 5, 2025', 'Date');
    await page.reload();
    await waitForContentScript(page);
    expect((await highlights(page)).map((h) => h.text)).toEqual(['April 5, 2025']);
    await page.close();
  });

  it('finds the claims in the popup search and hides them for a query that does not match', async () => {
    const popup = await env.browser.context.newPage();
    await popup.goto(env.browser.popupUrl);
    const search = popup.getByRole('searchbox', { name: 'Search claims' });
    const results = popup.getByRole('list', { name: 'Claims' }).getByRole('listitem');
    await expect.poll(() => results.count()).toBe(4);
    await search.fill('billion');
    await expect.poll(() => results.count()).toBe(1);
    expect(await results.first().textContent()).toContain(FIGURE);
    expect(await results.first().textContent()).toContain(
      'TikTok Cracks Down on US E-Commerce Team',
    );
    await search.fill('#gmv');
    await expect.poll(() => results.count()).toBe(1);
    await search.fill('walmart bankruptcy');
    await expect.poll(() => results.count()).toBe(0);
    await search.fill('literally');
    await expect.poll(() => results.count()).toBe(1);
    expect(await results.first().textContent()).toContain('no time in a day');

    // Opening a result opens its page (no tab shows it now) at a text fragment link that
    // scrolls to the claim, with the claim painted.
    const opened = env.browser.context.waitForEvent('page');
    await results.first().getByRole('button').click();
    const article = await opened;
    await article.waitForURL((url) => url.href.startsWith(`${demoUrl}#:~:text=`));
    await waitForContentScript(article);
    expect((await highlights(article)).map((h) => h.text)).toContain(EMPLOYEE_QUOTE);
    await article.close();
    await popup.close();
  });

  it('exports the claims shown as Markdown', async () => {
    const popup = await env.browser.context.newPage();
    await popup.goto(env.browser.popupUrl);
    const results = popup.getByRole('list', { name: 'Claims' }).getByRole('listitem');
    await expect.poll(() => results.count()).toBe(4);
    const toggle = popup.getByRole('button', { name: 'Export', exact: true });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const menu = popup.getByRole('form', { name: 'Export claims' });
    // No tab with claims behind this popup: "This page" cannot be chosen.
    expect(await menu.getByRole('radio', { name: /^This page/ }).isDisabled()).toBe(true);
    expect(await menu.getByRole('radio', { name: /^Current results/ }).isChecked()).toBe(true);
    const [download] = await Promise.all([
      popup.waitForEvent('download'),
      menu.getByRole('button', { name: 'Download' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^claimmark-\d{4}-\d{2}-\d{2}\.md$/);
    const markdown = readFileSync((await download.path())!, 'utf8');
    expect(markdown).toContain(
      `## [TikTok Cracks Down on US E-Commerce Team After Missed Sales Targets](<${demoUrl}>)`,
    );
    expect(markdown).toContain('Kalin Anastasov');
    expect(markdown).toContain('\\$17 billion');
    expect(markdown.indexOf('17 billion')).toBeLessThan(markdown.indexOf('literally no time'));
    expect(markdown).toContain('#figure #tiktok #gmv');
    await expect.poll(() => menu.getByRole('status').textContent()).toMatch(/^Exported 4 claims/);
    await popup.close();
  });

  it('exports the open page in each format from the popup, and copies it for a memo', async () => {
    await env.browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const article = await openArticle(demoUrl);
    const popup = await extensionPage(env.browser, 'popup.html', article);
    await popup.getByRole('button', { name: 'Export', exact: true }).click();
    const menu = popup.getByRole('form', { name: 'Export claims' });
    const thisPage = menu.getByRole('radio', { name: /^This page/ });
    await expect.poll(() => thisPage.isEnabled()).toBe(true);
    await thisPage.check();

    // Markdown to the clipboard: only this page's three claims, with YAML front matter.
    await menu.getByRole('checkbox', { name: /YAML front matter/ }).check();
    await menu.getByRole('button', { name: 'Copy to clipboard' }).click();
    await expect.poll(() => menu.getByRole('status').textContent()).toBe('Copied 3 claims.');
    const copied = await popup.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(/^---\ntitle: "TikTok Cracks Down/);
    expect(copied).toContain(`url: "${demoUrl}"`);
    expect(copied).toContain('3 claims from 1 page');
    expect(copied).not.toContain('April 5, 2025'); // saved on another site's page
    expect(copied).toContain(`${demoUrl}#:~:text=`);

    async function download(format: RegExp): Promise<string> {
      await menu.getByRole('radio', { name: format }).check();
      const [file] = await Promise.all([
        popup.waitForEvent('download'),
        menu.getByRole('button', { name: 'Download' }).click(),
      ]);
      return readFileSync((await file.path())!, 'utf8');
    }
    const csv = await download(/^CSV/);
    expect(csv.trim().split(/\r\n/)).toHaveLength(4); // header + 3 claims
    const w3c = JSON.parse(await download(/^W3C/)) as {
      type: string;
      total: number;
      first: { items: { target: { source: string } }[] };
    };
    expect(w3c.type).toBe('AnnotationCollection');
    expect(w3c.total).toBe(3);
    expect(new Set(w3c.first.items.map((a) => a.target.source))).toEqual(new Set([demoUrl]));
    // A backup is always everything.
    const backup = JSON.parse(await download(/^Claimmark backup/)) as { annotations: unknown[] };
    expect(backup.annotations).toHaveLength(4);
    await popup.close();
    await article.close();
  });
});
