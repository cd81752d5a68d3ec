/**
 * Claims in a PDF beyond the viewer, in real Chromium: the popup finds them with the page shown
 * and opens them at their page, exports them citing the page with a link to the PDF at it, the
 * side panel lists them in page order, and a tab showing a PDF offers "Annotate this PDF".
 */
import { readFileSync } from 'node:fs';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { saveClaim, selectText } from './harness';
import { useExtension } from './use-extension';
import { DEMO_PDF, makePdf, startPdfServer, type PdfServer } from './pdf-fixtures';
import { openViewer, pageLayer, paintedOn, pdfHighlights, viewerTabId } from './pdf-harness';

const env = useExtension();
let pdfs: PdfServer;
let url: string;
let viewer: Page;

beforeAll(async () => {
  pdfs = await startPdfServer();
  pdfs.set('/ir/q3-release.pdf', await makePdf(DEMO_PDF));
  url = `${pdfs.origin}/ir/q3-release.pdf`;
  viewer = await openViewer(env.browser, url, '#page=3');
  await page3Ready();
  // Saved page 3 first, page 1 second: lists must still go by page.
  await saveClaim(viewer, '$17\nbillion', 'Figure', { within: pageLayer(2), tags: 'tiktok' });
  await viewer.getByRole('main').evaluate((el) => (el.scrollTop = 0));
  await viewer.locator(pageLayer(0)).waitFor();
  await saveClaim(viewer, 'TikTok', 'Claim', { within: pageLayer(0) });
}, 120_000);
afterAll(async () => {
  await pdfs?.close();
});

async function page3Ready() {
  await viewer.locator(pageLayer(2)).waitFor();
}

async function popupFor(tab?: Page): Promise<Page> {
  const popup = await env.browser.context.newPage();
  const query = tab ? `?tab=${await viewerTabId(env.browser, tab)}` : '';
  await popup.goto(`${env.browser.popupUrl}${query}`);
  return popup;
}

/** Options → Sites where Claimmark never runs, as stored. */
async function setBlockedSites(sites: string[]): Promise<void> {
  const worker = env.browser.context.serviceWorkers()[0] ?? env.browser.worker;
  await worker.evaluate(async (sites) => {
    const { storage } = (
      globalThis as unknown as {
        chrome: {
          storage: {
            local: {
              get(k: string): Promise<Record<string, unknown>>;
              set(v: object): Promise<void>;
            };
          };
        };
      }
    ).chrome;
    const { settings } = await storage.local.get('settings');
    await storage.local.set({ settings: { ...(settings as object), blockedSites: sites } });
  }, sites);
}

async function search(popup: Page, query: string): Promise<void> {
  const box = popup.getByRole('searchbox', { name: 'Search claims' });
  await box.fill('');
  await box.pressSequentially(query, { delay: 20 });
  await popup.waitForFunction(
    (q) => document.querySelector('.count')?.getAttribute('data-query') === q,
    query,
  );
}

describe('claims in a PDF, everywhere', () => {
  it('the popup finds them (site: too), shows the page, and opens the PDF at the claim', async () => {
    const popup = await popupFor();
    const results = popup.getByRole('list', { name: 'Claims' }).getByRole('listitem');
    await search(popup, 'site:127.0.0.1 billion');
    await expect.poll(() => results.count()).toBe(1);
    expect(await results.first().textContent()).toContain('p. 3');
    const [opened] = await Promise.all([
      env.browser.context.waitForEvent('page'),
      results.first().getByRole('button').click(),
    ]);
    await opened.waitForFunction(() => document.documentElement.dataset.claimmark === 'ready');
    expect(new URL(opened.url()).pathname).toBe('/pdf.html');
    await paintedOn(opened, 2);
    expect(await pdfHighlights(opened, pageLayer(2))).toMatchObject([{ text: '$17 billion' }]);
    await opened.close();
    await popup.close();
  });

  it('exports this PDF citing the page, linking to the PDF at that page', async () => {
    await env.browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const popup = await popupFor(viewer);
    await popup.getByRole('button', { name: 'Export', exact: true }).click();
    const menu = popup.getByRole('form', { name: 'Export claims' });
    const thisPage = menu.getByRole('radio', { name: /^This page/ });
    await expect.poll(() => thisPage.isEnabled()).toBe(true);
    await thisPage.check();
    await menu.getByRole('button', { name: 'Copy to clipboard' }).click();
    await expect.poll(() => menu.getByRole('status').textContent()).toBe('Copied 2 claims.');
    const markdown = await popup.evaluate(() => navigator.clipboard.readText());
    expect(markdown).toContain(`[p. 3](<${url}#page=3>)`);
    expect(markdown).toContain(`[p. 1](<${url}#page=1>)`);
    expect(markdown.indexOf('p. 1')).toBeLessThan(markdown.indexOf('p. 3')); // page order

    async function download(format: RegExp): Promise<string> {
      await menu.getByRole('radio', { name: format }).check();
      const [file] = await Promise.all([
        popup.waitForEvent('download'),
        menu.getByRole('button', { name: 'Download' }).click(),
      ]);
      return readFileSync((await file.path())!, 'utf8');
    }
    const csv = await download(/^CSV/);
    expect(csv).toContain(`${url}#page=3`);
    expect(csv).toMatch(/,p\. 3,[^,\r\n]*\r\n/); // the page column, then the author's
    const w3c = JSON.parse(await download(/^W3C/)) as {
      first: {
        items: { target: { source: string; selector: { type: string; value?: string }[] } }[];
      };
    };
    const pages = w3c.first.items.map(
      (a) => a.target.selector.find((s) => s.type === 'FragmentSelector')?.value,
    );
    expect(pages.sort()).toEqual(['page=1', 'page=3']);
    expect(new Set(w3c.first.items.map((a) => a.target.source))).toEqual(new Set([url]));
    await popup.close();
  });

  it('the side panel lists the PDF’s claims in page order and scrolls to one', async () => {
    const panel = await env.browser.context.newPage();
    await panel.goto(
      `chrome-extension://${env.browser.extensionId}/sidepanel.html?tab=${await viewerTabId(env.browser, viewer)}`,
    );
    const items = panel.getByRole('list', { name: 'Claims on this page' }).getByRole('listitem');
    await expect.poll(() => items.count(), { timeout: 10_000 }).toBe(2);
    const texts = await items.allTextContents();
    expect(texts[0]).toContain('TikTok');
    expect(texts[1]).toContain('$17 billion');
    // Scrolled far away, page 3 is cleared; the panel brings it back with its claim.
    await viewer.getByRole('main').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect.poll(() => viewer.locator('[data-page-index="2"][data-rendered]').count()).toBe(0);
    await items.nth(1).getByRole('button').first().click();
    await paintedOn(viewer, 2);
    await expect
      .poll(() =>
        viewer
          .locator(`${pageLayer(2)} mark`)
          .first()
          .isVisible(),
      )
      .toBe(true);
    await panel.close();
  });

  it('suggests claims from the PDF’s text and saves one where its words stand', async () => {
    const panel = await env.browser.context.newPage();
    await panel.goto(
      `chrome-extension://${env.browser.extensionId}/sidepanel.html?tab=${await viewerTabId(env.browser, viewer)}`,
    );
    await panel.getByRole('button', { name: 'Suggest claims' }).click();
    const money = panel.getByRole('list', { name: 'Suggested money' });
    await money.waitFor();
    expect((await money.getByRole('listitem').allTextContents()).join('\n')).toContain(
      '$100 million',
    );
    await panel.getByRole('button', { name: 'Save “$100 million” as Figure' }).click();
    await expect
      .poll(async () => (await pdfHighlights(viewer)).map((h) => h.text), { timeout: 15_000 })
      .toContain('$100 million');
    await panel.close();
  });

  it('“Save as claim” (keyboard command, context menu) saves the viewer’s selection', async () => {
    await viewer.locator('[data-page-index="1"]').scrollIntoViewIfNeeded();
    await viewer.locator(pageLayer(1)).waitFor();
    await selectText(viewer, 'ByteDance', pageLayer(1));
    await viewer.keyboard.press('Escape'); // the toolbar closes; the selection stays
    const tabId = await viewerTabId(env.browser, viewer);
    const worker = env.browser.context.serviceWorkers()[0] ?? env.browser.worker;
    // What the background's command router sends (utils/app/send-to-tab.ts).
    const answer = await worker.evaluate(async (tabId) => {
      const api = (
        globalThis as unknown as {
          chrome: {
            tabs: { sendMessage(id: number, m: unknown): Promise<unknown> };
            runtime: { sendMessage(m: unknown): Promise<unknown> };
          };
        }
      ).chrome;
      const message = { type: 'content:save-selection', payload: {} };
      const direct = await api.tabs.sendMessage(tabId, message).catch(() => undefined);
      if (direct && typeof direct === 'object' && 'ok' in direct) return direct;
      return api.runtime.sendMessage({ to: 'pdf-viewer', tabId, message });
    }, tabId);
    expect(answer).toMatchObject({ ok: true });
    await expect
      .poll(async () => (await pdfHighlights(viewer, pageLayer(1))).map((h) => h.text))
      .toContain('ByteDance');
  });

  it('a tab showing a PDF offers “Annotate this PDF”, which opens it in the viewer', async () => {
    const tab = await env.browser.context.newPage();
    await tab.goto(url).catch(() => undefined); // Chromium's own PDF viewer
    await expect.poll(() => tab.url()).toBe(url);
    const popup = await popupFor(tab);
    await popup.getByRole('button', { name: 'Annotate this PDF' }).click();
    await expect.poll(() => new URL(tab.url()).pathname).toBe('/pdf.html');
    await tab.waitForFunction(() => document.documentElement.dataset.claimmark === 'ready');
    expect(await tab.getByRole('link', { name: /Back to the original/ }).getAttribute('href')).toBe(
      url,
    );
    await tab.close();
    await popup.close().catch(() => undefined);
  });

  it('a PDF at an address without .pdf (served as application/pdf) gets the button too; a web page does not', async () => {
    pdfs.set('/download', await makePdf(DEMO_PDF));
    const download = `${pdfs.origin}/download?id=7`;
    pdfs.set('/story', '<!doctype html><title>A story</title><p>Words.</p>', 'text/html');
    const page = await env.browser.context.newPage();
    await page.goto(`${pdfs.origin}/story`);
    const plain = await popupFor(page);
    await plain.getByRole('searchbox', { name: 'Search claims' }).waitFor();
    await plain.waitForTimeout(500); // the tab has been asked by now
    expect(await plain.getByRole('button', { name: 'Annotate this PDF' }).count()).toBe(0);
    await plain.close();
    await page.close();

    const tab = await env.browser.context.newPage();
    await tab.goto(download).catch(() => undefined); // Chromium's own PDF viewer
    await expect.poll(() => tab.url()).toBe(download);
    // On a site where Claimmark never runs, the tab is not asked: no button.
    await setBlockedSites(['127.0.0.1']);
    const blocked = await popupFor(tab);
    await blocked.getByRole('searchbox', { name: 'Search claims' }).waitFor();
    await blocked.waitForTimeout(500);
    expect(await blocked.getByRole('button', { name: 'Annotate this PDF' }).count()).toBe(0);
    await blocked.close();
    await setBlockedSites([]);

    const popup = await popupFor(tab);
    await popup.getByRole('button', { name: 'Annotate this PDF' }).click();
    await expect.poll(() => new URL(tab.url()).pathname).toBe('/pdf.html');
    await tab.waitForFunction(() => document.documentElement.dataset.claimmark === 'ready');
    expect(await tab.getByRole('link', { name: /Back to the original/ }).getAttribute('href')).toBe(
      download,
    );
    // The same file as q3-release.pdf (its fingerprint): its claims are there.
    await paintedOn(tab, 0);
    expect(await pdfHighlights(tab, pageLayer(0))).toContainEqual(
      expect.objectContaining({ text: 'TikTok' }),
    );
    await tab.close();
    await popup.close().catch(() => undefined);
  });
});
