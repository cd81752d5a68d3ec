import { describe, expect, it } from 'vitest';
import { extensionPage, highlights, waitForContentScript } from './harness';
import { useExtension } from './use-extension';

const env = useExtension();

describe('claim suggestions (Chromium)', () => {
  it('lists the article’s figures, dates and quotes, saves one with a click, dismisses another', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.origin}/tiktok-shop-us-crackdown/`);
    await waitForContentScript(page);
    const panel = await extensionPage(env.browser, 'sidepanel.html', page);
    await panel.getByRole('button', { name: 'Suggest claims' }).click();

    const money = panel.getByRole('list', { name: 'Suggested money' });
    const dates = panel.getByRole('list', { name: 'Suggested dates' });
    const quotes = panel.getByRole('list', { name: 'Suggested quotes' });
    await money.waitFor();
    const moneyText = (await money.getByRole('listitem').allTextContents()).join('\n');
    expect(moneyText).toContain('$17 billion');
    expect(moneyText).toContain('$100 million');
    const dateText = (await dates.getByRole('listitem').allTextContents()).join('\n');
    expect(dateText).toContain('February 2025');
    expect(dateText).toContain('April 5, 2025');
    const quoteText = (await quotes.getByRole('listitem').allTextContents()).join('\n');
    expect(quoteText).toContain('— One unnamed employee');
    expect(quoteText).toContain('There’s literally no time in a day');
    expect(quoteText).toContain('— another insider');
    expect(quoteText).toContain('— one employee');
    expect(await highlights(page)).toEqual([]); // nothing is saved without a click

    await panel.getByRole('button', { name: 'Save “$17 billion” as Figure' }).click();
    await expect
      .poll(async () => (await highlights(page)).map((h) => [h.text, h.type]))
      .toEqual([['$17 billion', 'figure']]);
    await panel.getByRole('button', { name: /^Save “There’s literally/ }).click();
    await expect
      .poll(async () => (await highlights(page)).map((h) => h.type))
      .toEqual(['figure', 'quote']);
    await panel.getByRole('button', { name: 'Dismiss “$100 million”' }).click();
    await expect
      .poll(() => money.getByRole('listitem').allTextContents())
      .not.toContain(expect.stringContaining('$100 million'));

    // Dismissed and saved suggestions stay gone for this page.
    await panel.reload();
    await panel.getByRole('button', { name: 'Suggest claims' }).click();
    await quotes.waitFor();
    const again = (await panel.locator('.suggestion-text').allTextContents()).join('\n');
    expect(again).not.toContain('$100 million');
    expect(again).not.toContain('$17 billion');
    expect(again).not.toContain('There’s literally');
    expect(again).toContain('April 5, 2025');
    await panel.close();
    await page.close();
  });
});
