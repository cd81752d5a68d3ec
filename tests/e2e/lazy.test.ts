/**
 * The content script costs nothing until needed, in real Chromium: on every page only the small
 * always-on script runs (page-start.js); the painter (page-paint.js: session, anchoring,
 * painting) is injected by the background when the page has claims or the reader selects text —
 * with the mouse or with Shift+arrows alone — and the page UI (page-ui.js: toolbar, card,
 * Readability, suggestions) only when the reader selects text or clicks a highlight. Which scripts ran in the page is read from DevTools
 * (`Debugger.scriptParsed` reports every world's scripts, our isolated world's too).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { highlights, saveClaim, selectText, waitForContentScript } from './harness';
import { useExtension } from './use-extension';

// Caret browsing (F7 in Chromium and Firefox): how a keyboard-only reader moves a caret in a page.
const env = useExtension({ args: ['--enable-caret-browsing'] });

const ARTICLE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Lazy</title></head>
<body><article><h1>Lazy</h1>
<p id="lead">The company reported $17 billion in sales last year, its filings show.</p>
<p>Staff are asked to be in the office five days a week from April.</p>
</article></body></html>`;

/** Our scripts that ran in `page` so far, by file name (page-start.js, page-paint.js…). */
async function ourScripts(page: Page): Promise<string[]> {
  const cdp = await env.browser.context.newCDPSession(page);
  const urls = new Set<string>();
  cdp.on('Debugger.scriptParsed', ({ url }) => {
    if (url.startsWith(`chrome-extension://${env.browser.extensionId}/`)) urls.add(url);
  });
  await cdp.send('Debugger.enable'); // reports the scripts parsed before, too
  await cdp.send('Debugger.disable');
  await cdp.detach();
  return [...urls].map((url) => new URL(url).pathname.slice(1)).sort();
}

async function open(path: string): Promise<Page> {
  env.server.set(path, ARTICLE);
  const page = await env.browser.context.newPage();
  await page.goto(`${env.server.origin}${path}`);
  await waitForContentScript(page);
  return page;
}

const toolbarOf = (page: Page) => page.getByRole('dialog', { name: 'Claimmark' });

describe('lazy page UI (Chromium)', () => {
  it('runs only the always-on script on a page without claims, the page UI once text is selected', async () => {
    const page = await open('/lazy-none/');
    await page.waitForTimeout(300); // anything it would load late
    expect(await ourScripts(page)).toEqual(['page-start.js']);
    expect(await page.locator('claimmark-ui').count()).toBe(0);

    // What the background injects, seen in the worker: the always-on script's awake part (the
    // reader woke it), then one injection of both parts, so the toolbar is two round trips to
    // the worker away, not three.
    await env.browser.worker.evaluate(`(() => {
      const scripting = chrome.scripting;
      const execute = scripting.executeScript.bind(scripting);
      globalThis.injected = [];
      scripting.executeScript = (options) => (globalThis.injected.push(options.files), execute(options));
    })()`);
    await selectText(page, '$17 billion', 'article');
    await toolbarOf(page).waitFor({ timeout: 5_000 });
    expect(await ourScripts(page)).toEqual([
      'page-awake.js',
      'page-paint.js',
      'page-start.js',
      'page-ui.js',
    ]);
    expect(await env.browser.worker.evaluate('globalThis.injected')).toEqual([
      ['/page-awake.js'],
      ['/page-paint.js', '/page-ui.js'],
    ]);
    await toolbarOf(page).getByRole('button', { name: 'Save claim' }).click();
    await expect
      .poll(async () => (await highlights(page)).map((h) => h.text))
      .toEqual(['$17 billion']);
    await page.close();
  });

  it('paints a page with claims with the painter alone; a click on a highlight loads the card', async () => {
    const page = await open('/lazy-some/');
    await saveClaim(page, 'five days a week', 'Claim', { within: 'article' });
    await page.reload();
    await waitForContentScript(page);
    expect((await highlights(page)).map((h) => h.text)).toEqual(['five days a week']);
    await page.waitForTimeout(300); // anything it would load late
    expect(await ourScripts(page)).toEqual(['page-paint.js', 'page-start.js']);
    expect(await page.locator('claimmark-ui').count()).toBe(0);

    // The first click on a highlight loads the page UI and opens that claim's card.
    await page.locator('mark[data-annotation-id]').first().click();
    await page.getByRole('button', { name: 'Delete claim' }).waitFor({ timeout: 5_000 });
    expect(await ourScripts(page)).toEqual(['page-paint.js', 'page-start.js', 'page-ui.js']);
    await page.keyboard.press('Escape');
    await page.close();
  });

  it('on a page with claims, selecting text loads the page UI and opens the toolbar', async () => {
    const page = await open('/lazy-select/');
    await saveClaim(page, 'five days a week', 'Claim', { within: 'article' });
    await page.reload();
    await waitForContentScript(page);
    expect(await ourScripts(page)).toEqual(['page-paint.js', 'page-start.js']);
    await selectText(page, '$17 billion', 'article');
    await toolbarOf(page).waitFor({ timeout: 5_000 });
    await toolbarOf(page).getByRole('button', { name: 'Save claim' }).click();
    await expect
      .poll(async () => (await highlights(page)).map((h) => h.text).sort())
      .toEqual(['$17 billion', 'five days a week']);
    await page.close();
  });

  it('captures with the keyboard alone: Shift+arrows select, the toolbar opens, Enter saves', async () => {
    const page = await open('/lazy-keys/');
    // Put the caret before "$17" (where the reader moved it with caret browsing); only keys after.
    await page.evaluate(() => {
      const text = document.querySelector('#lead')!.firstChild as Text;
      const range = document.createRange();
      range.setStart(text, text.data.indexOf('$17'));
      range.collapse(true);
      document.getSelection()!.removeAllRanges();
      document.getSelection()!.addRange(range);
    });
    await page.keyboard.down('Shift');
    for (let i = 0; i < '$17 billion'.length; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.up('Shift');
    await toolbarOf(page).waitFor({ timeout: 5_000 });
    expect(await page.evaluate(() => String(document.getSelection()))).toBe('$17 billion');
    expect(
      await toolbarOf(page)
        .locator('input[type=radio]:checked')
        .evaluate((input) => (input as HTMLInputElement).value),
    ).toBe('figure');
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => (await highlights(page)).map((h) => h.text))
      .toEqual(['$17 billion']);
    await page.reload();
    await waitForContentScript(page);
    expect((await highlights(page)).map((h) => [h.text, h.type])).toEqual([
      ['$17 billion', 'figure'],
    ]);
    await page.close();
  });
});
