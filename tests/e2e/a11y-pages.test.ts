import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { WxtBrowser } from 'wxt/browser';
import { seriousViolations } from './axe';
import { saveClaim, selectText, waitForContentScript } from './harness';
import { useExtension } from './use-extension';

const HTML = readFileSync('tests/fixtures/pages/tiktok-shop-us-crackdown/source.html', 'utf8');
const GONE = 'There’s literally no time in a day to fulfill the goals they’re asking for.';

const env = useExtension();
let article: Page;
let tabId: number;

beforeAll(async () => {
  // A page with claims of several types, tags, a note-free claim and one orphan.
  env.server.set('/a11y/', HTML);
  article = await env.browser.context.newPage();
  await article.goto(`${env.server.origin}/a11y/`);
  await waitForContentScript(article);
  await saveClaim(article, '$17 billion', 'Figure', { within: 'article' });
  await saveClaim(article, 'April 5, 2025', 'Date', { within: 'article' });
  await saveClaim(article, GONE, 'Quote', { within: 'article' });
  await selectText(article, 'February 2025', 'article');
  const toolbar = article.getByRole('dialog', { name: 'Claimmark' });
  await toolbar.getByRole('combobox', { name: 'Tags' }).fill('tiktok,deadline,');
  await toolbar.getByRole('button', { name: /^Save/ }).click();
  await toolbar.waitFor({ state: 'detached' });
  env.server.set(
    '/a11y/',
    HTML.replace(/<blockquote[^>]*><p>“There’s literally[^<]*<\/p><\/blockquote>/, ''),
  );
  await article.reload();
  await waitForContentScript(article);
  tabId = (await env.browser.worker.evaluate(async (url) => {
    const api = (globalThis as unknown as { chrome: WxtBrowser }).chrome;
    return (await api.tabs.query({ url }))[0]?.id;
  }, article.url())) as number;
  // A coloured tag and a blocked site, so the options page shows every part.
  await env.browser.worker.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: WxtBrowser }).chrome;
    await api.storage.local.set({
      settings: { blockedSites: ['blocked.test'], tagColours: { tiktok: '#ff0000' } },
    });
  });
});

async function extensionPage(path: string, scheme: 'light' | 'dark'): Promise<Page> {
  const page = await env.browser.context.newPage();
  await page.emulateMedia({ colorScheme: scheme });
  await page.setViewportSize({ width: path.startsWith('sidepanel') ? 400 : 1000, height: 900 });
  await page.goto(`chrome-extension://${env.browser.extensionId}/${path}`);
  return page;
}

/**
 * Tab through the page: every enabled control must be reached (one stop per radio group) and
 * show a visible focus indicator (an outline on it, or on the chip that stands for a radio).
 */
async function checkKeyboard(page: Page): Promise<void> {
  const expected = await page.evaluate(() => {
    const controls = [
      ...document.querySelectorAll<HTMLElement>('button, input, textarea, summary, a[href]'),
    ].filter(
      (el) =>
        !(el as HTMLButtonElement).disabled &&
        el.getClientRects().length > 0 &&
        !el.closest('details:not([open]) > :not(summary)'),
    );
    const groups = new Set<string>();
    return controls
      .filter((el) => {
        if (!(el instanceof HTMLInputElement) || el.type !== 'radio') return true;
        if (groups.has(el.name)) return false;
        groups.add(el.name);
        return true;
      })
      .map((el, i) => {
        el.dataset.kbd =
          el instanceof HTMLInputElement && el.type === 'radio'
            ? `radio:${el.name}`
            : `${i}: ${el.outerHTML.slice(0, 80)}`;
        return el.dataset.kbd;
      });
  });
  expect(expected.length).toBeGreaterThan(1);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const reached: string[] = [];
  const invisible: string[] = [];
  for (let i = 0; i < expected.length * 3 + 10; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const outlined = (node: Element | null) => {
        if (!node) return false;
        const style = getComputedStyle(node);
        return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
      };
      const isRadio = el instanceof HTMLInputElement && el.type === 'radio';
      return {
        key:
          el instanceof HTMLInputElement && el.type === 'radio'
            ? `radio:${el.name}`
            : (el.dataset.kbd ?? el.outerHTML.slice(0, 80)),
        // a radio shows focus itself, or on the chip that stands for it
        visible: outlined(el) || (isRadio && outlined(el.nextElementSibling)),
      };
    });
    if (!stop) continue;
    if (stop.key === reached[0]) break; // round the page once
    if (reached.includes(stop.key)) continue; // e.g. the parts of a date field
    reached.push(stop.key);
    if (!stop.visible) invisible.push(stop.key);
  }
  expect(expected.filter((key) => !reached.includes(key))).toEqual([]);
  expect(invisible).toEqual([]);
}

describe.each(['light', 'dark'] as const)('accessibility of the extension pages (%s)', (scheme) => {
  it('side panel with claims, an open editor and the page details', async () => {
    const panel = await extensionPage(`sidepanel.html?tab=${tabId}`, scheme);
    await panel.getByRole('list', { name: 'Not found on this page' }).waitFor();
    expect(await seriousViolations(panel)).toEqual([]);
    await checkKeyboard(panel);
    await panel.getByText('Edit page details').click();
    await panel.getByRole('button', { name: /^Edit claim: February 2025/ }).click();
    await panel.getByRole('dialog', { name: 'Edit claim' }).waitFor();
    expect(await seriousViolations(panel)).toEqual([]);
    await checkKeyboard(panel);
    await panel.close();
  });

  it('side panel on pages where Claimmark does not run', async () => {
    const blank = await env.browser.context.newPage();
    const dataUrl = `data:text/html,<title>${scheme}</title><p>Not a web page`;
    await blank.goto(dataUrl);
    const blankId = (await env.browser.worker.evaluate(async (url) => {
      const api = (globalThis as unknown as { chrome: WxtBrowser }).chrome;
      return (await api.tabs.query({})).find((tab) => tab.url === url)?.id;
    }, blank.url())) as number;
    expect(blankId).toBeGreaterThan(0);
    const panel = await extensionPage(`sidepanel.html?tab=${blankId}`, scheme);
    await panel.getByRole('heading', { name: 'No article here' }).waitFor();
    expect(await seriousViolations(panel)).toEqual([]);
    await blank.goto(`${env.server.originFor('blocked.test')}/a11y/`);
    await panel.getByRole('heading', { name: 'Claimmark is off on blocked.test' }).waitFor();
    expect(await seriousViolations(panel)).toEqual([]);
    await checkKeyboard(panel);
    await panel.close();
    await blank.close();
  });

  it('options page with tags, a colour, a blocked site and a rename under way', async () => {
    const options = await extensionPage('options.html', scheme);
    await options.getByRole('table', { name: 'Tags' }).waitFor();
    expect(await seriousViolations(options)).toEqual([]);
    await checkKeyboard(options);
    await options.getByRole('checkbox', { name: 'Select #tiktok' }).check();
    await options.getByRole('checkbox', { name: 'Select #deadline' }).check();
    await options.getByRole('button', { name: 'Rename #deadline' }).click();
    await options.getByRole('textbox', { name: 'Site or page address' }).fill('???');
    await options.getByRole('button', { name: 'Add site' }).click();
    await options.getByRole('alert').waitFor();
    expect(await seriousViolations(options)).toEqual([]);
    await options.close();
  });
});
