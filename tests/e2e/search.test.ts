import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { writeV2Library } from '../tools/search/chromium-library';
import { generateLibrary, type Library } from '../tools/search/generate-library';
import { highlights, saveClaim, waitForContentScript } from './harness';
import { useExtension } from './use-extension';

const FIGURE = '$17 billion';
const QUOTE = 'There’s literally no time in a day to fulfill the goals they’re asking for.';

const env = useExtension();
let library: Library;
let demoUrl: string;

beforeAll(async () => {
  demoUrl = `${env.server.origin}/tiktok-shop-us-crackdown/`;
  // A few thousand claims saved by Claimmark 0.2 (no search index): the first database open
  // (in the background, for the claims saved below) runs the v3 upgrade that indexes them.
  library = generateLibrary({
    claims: 3000,
    pages: 300,
    seed: 3,
    articles: ['lemonde-1', 'ars-1', 'cnet', 'bbc-1'],
  });
  const setup = await env.browser.context.newPage();
  await writeV2Library(setup, env.browser.extensionId, library);
  await setup.close();
}, 180_000);

async function openArticle(url: string): Promise<Page> {
  const page = await env.browser.context.newPage();
  await page.goto(url);
  await waitForContentScript(page);
  return page;
}

async function openPopup(): Promise<Page> {
  const popup = await env.browser.context.newPage();
  await popup.goto(env.browser.popupUrl);
  return popup;
}

const box = (popup: Page) => popup.getByRole('searchbox', { name: 'Search claims' });
const results = (popup: Page) => popup.getByRole('list', { name: 'Claims' }).getByRole('listitem');
const countLine = (popup: Page) => popup.locator('.count');
const chip = (popup: Page, name: string) =>
  popup.getByRole('group', { name: 'Filters' }).getByRole('button', { name, exact: true });

/** Type like a reader, then wait for the results of what was typed. */
async function search(popup: Page, query: string): Promise<void> {
  await box(popup).fill('');
  await box(popup).pressSequentially(query, { delay: 20 });
  await popup.waitForFunction(
    (q) => document.querySelector('.count')?.getAttribute('data-query') === q,
    query,
  );
}

describe('search in Chromium', () => {
  it('indexes claims saved through the toolbar and the claims saved before the index', async () => {
    const article = await openArticle(demoUrl);
    await saveClaim(article, FIGURE, 'Figure', { tags: 'tiktok, gmv', within: 'article' });
    await saveClaim(article, QUOTE, 'Quote', { within: 'article' });
    await article.close();

    const popup = await openPopup();
    await expect.poll(() => results(popup).count()).toBe(25);
    await expect.poll(() => countLine(popup).textContent()).toBe('3,002 claims · newest first');
    // Newest first: the two claims just saved.
    expect(await results(popup).nth(0).textContent()).toContain('no time in a day');
    expect(await results(popup).nth(1).textContent()).toContain(FIGURE);

    await search(popup, '17bn');
    expect(await results(popup).first().textContent()).toContain(FIGURE);
    expect(await results(popup).first().locator('.quote mark').allTextContents()).toEqual([FIGURE]);
    await search(popup, '$17 billion');
    expect(await results(popup).first().textContent()).toContain(FIGURE);

    // Words match the start of words, everywhere: the page title is "TikTok Cracks Down…".
    await search(popup, 'crack');
    expect(await countLine(popup).textContent()).toBe('2 claims found');
    expect(await results(popup).first().locator('.title mark').allTextContents()).toEqual([
      'Cracks',
    ]);

    await search(popup, '"no time in a day"');
    expect(await results(popup).count()).toBe(1);
    expect(await results(popup).first().locator('.quote mark').textContent()).toBe(
      'no time in a day',
    );

    // The old claims are found like the new ones, with the count of all matches.
    const expected = library.annotations.filter((a) =>
      /\brenseignement/i.test(`${a.quote} ${a.note}`),
    ).length;
    expect(expected).toBeGreaterThan(0);
    await search(popup, 'renseignement');
    const shown = Number(
      /^([\d,]+) claims? found$/
        .exec((await countLine(popup).textContent())!)?.[1]
        ?.replace(/,/g, ''),
    );
    expect(shown).toBeGreaterThanOrEqual(expected);
    expect(await results(popup).first().locator('mark').count()).toBeGreaterThan(0);
    await popup.close();
  });

  it('filters with chips that write the query, and exports what is shown', async () => {
    const popup = await openPopup();
    await search(popup, 'cracks');
    const quoteChip = chip(popup, 'Quote');
    expect(await quoteChip.getAttribute('aria-pressed')).toBe('false');
    await quoteChip.click();
    await expect.poll(() => box(popup).inputValue()).toBe('cracks type:quote');
    await expect.poll(() => results(popup).count()).toBe(1);
    expect(await quoteChip.getAttribute('aria-pressed')).toBe('true');
    await popup.getByRole('button', { name: 'Export', exact: true }).click();
    const [download] = await Promise.all([
      popup.waitForEvent('download'),
      popup
        .getByRole('form', { name: 'Export claims' })
        .getByRole('button', { name: 'Download' })
        .click(),
    ]);
    const markdown = readFileSync((await download.path())!, 'utf8');
    expect(markdown).toContain('literally no time');
    expect(markdown).not.toContain('17 billion');
    await quoteChip.click();
    await expect.poll(() => box(popup).inputValue()).toBe('cracks');
    await expect.poll(() => results(popup).count()).toBe(2);
    // A tag chip from the results.
    await chip(popup, '#gmv').click();
    await expect.poll(() => box(popup).inputValue()).toBe('cracks tag:gmv');
    await expect.poll(() => results(popup).count()).toBe(1);
    await popup.close();
  });

  it('opens the result chosen with the keyboard in the tab showing its page, scrolled to it', async () => {
    const article = await openArticle(demoUrl);
    await article.setViewportSize({ width: 800, height: 300 });
    await article.evaluate(() => window.scrollTo(0, 0));
    const popup = await openPopup();
    await search(popup, 'cracks');
    await box(popup).press('ArrowDown');
    await box(popup).press('ArrowDown');
    expect(await results(popup).nth(1).getAttribute('aria-current')).toBe('true');
    expect(await box(popup).getAttribute('aria-activedescendant')).toBe('claims-1');
    const pagesBefore = env.browser.context.pages().length;
    await box(popup).press('Enter'); // the second result: the figure
    await expect
      .poll(() =>
        article.evaluate(() => {
          const mark = document.querySelector('mark[data-claim-type="figure"]');
          const box = mark?.getBoundingClientRect();
          return !!box && box.top >= 0 && box.bottom <= innerHeight && scrollY > 0;
        }),
      )
      .toBe(true);
    expect(env.browser.context.pages().length).toBe(pagesBefore);
    await popup.close();
    await article.close();
  });

  it('opens a page that is not open at a text fragment that scrolls to the claim', async () => {
    const url = `${env.server.origin}/guardian-1/`;
    const article = await openArticle(url);
    const text = await article.evaluate(() => {
      const far = [...document.querySelectorAll('[itemprop="articleBody"] > p')].find(
        (p) =>
          p.children.length === 0 &&
          (p.textContent ?? '').length > 120 &&
          p.getBoundingClientRect().top > 2500,
      );
      return (far?.textContent ?? '').trim().split(/\s+/).slice(0, 8).join(' ');
    });
    expect(text.split(' ')).toHaveLength(8);
    await saveClaim(article, text, 'Claim', { within: '[itemprop="articleBody"]' });
    await article.close();

    const popup = await openPopup();
    await search(popup, `"${text.split(' ').slice(0, 4).join(' ')}"`);
    expect(await results(popup).count()).toBe(1);
    const opened = env.browser.context.waitForEvent('page');
    await box(popup).press('Enter');
    const page = await opened;
    await page.waitForURL((u) => u.href.startsWith(`${url}#:~:text=`));
    await waitForContentScript(page);
    expect((await highlights(page)).map((h) => h.text)).toContain(text);
    await expect.poll(() => page.evaluate(() => scrollY)).toBeGreaterThan(1500);
    await page.close();
    await popup.close();
  });
});
