/**
 * The always-on script is quiet until needed, in real Chromium (README "Lazy page UI"): at load it
 * only listens on `window`; the background wakes it from `tabs.onUpdated` when a stored page is
 * on the tab's site. What the pages send is counted in the service worker (a listener of ours
 * added there records every message's type and the URL of the page that sent it).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  extensionPage,
  highlights,
  mayHaveClaims,
  saveClaim,
  selectText,
  waitForContentScript,
} from './harness';
import { useExtension } from './use-extension';

const env = useExtension();

const article = (title: string, head = '') => `<!doctype html><html lang="en"><head>
<meta charset="utf-8"><title>${title}</title>${head}</head>
<body><article><h1>${title}</h1>
<p id="lead">The company reported $17 billion in sales last year, its filings show.</p>
<p>Staff are asked to be in the office five days a week from April.</p>
</article></body></html>`;

interface Seen {
  type: string;
  url: string;
}

beforeAll(async () => {
  await env.browser.worker.evaluate(() => {
    const global = globalThis as unknown as {
      seen: Seen[];
      chrome: {
        runtime: {
          onMessage: {
            addListener(
              listener: (message: { type?: string } | null, sender: { url?: string }) => false,
            ): void;
          };
        };
      };
    };
    global.seen = [];
    global.chrome.runtime.onMessage.addListener((message, sender) => {
      global.seen.push({ type: String(message?.type), url: sender.url ?? '' });
      return false; // the background's own listener answers
    });
  });
});

/** The messages pages under `origin` sent to the background so far. */
async function sentFrom(origin: string): Promise<string[]> {
  const worker = env.browser.context.serviceWorkers()[0] ?? env.browser.worker;
  const seen = await worker.evaluate(() => (globalThis as unknown as { seen: Seen[] }).seen);
  return seen.filter((m) => m.url.startsWith(origin)).map((m) => m.type);
}

async function ourScripts(page: Page): Promise<string[]> {
  const cdp = await env.browser.context.newCDPSession(page);
  const urls = new Set<string>();
  cdp.on('Debugger.scriptParsed', ({ url }) => {
    if (url.startsWith(`chrome-extension://${env.browser.extensionId}/`)) urls.add(url);
  });
  await cdp.send('Debugger.enable');
  await cdp.send('Debugger.disable');
  await cdp.detach();
  return [...urls].map((url) => new URL(url).pathname.slice(1)).sort();
}

async function open(url: string): Promise<Page> {
  const page = await env.browser.context.newPage();
  await page.goto(url);
  await waitForContentScript(page);
  return page;
}

const marker = (page: Page) => page.evaluate(() => document.documentElement.dataset.claimmark);

describe('the quiet always-on script (Chromium)', () => {
  it('on a site without claims: no page UI, no marker, not one message', async () => {
    const origin = env.server.originFor('quiet.test');
    env.server.set('/none/', article('None'));
    const page = await open(`${origin}/none/`);
    expect(await mayHaveClaims(page)).toBe(false);
    await page.waitForTimeout(500); // anything it would send or load late
    expect(await sentFrom(origin)).toEqual([]);
    expect(await ourScripts(page)).toEqual(['page-start.js']);
    expect(await marker(page)).toBeUndefined();
    // SPA navigation on that site wakes nothing either.
    await page.evaluate(() => history.pushState({}, '', '/none/next'));
    await page.waitForTimeout(500);
    expect(await sentFrom(origin)).toEqual([]);
    expect(await ourScripts(page)).toEqual(['page-start.js']);
    await page.close();
  });

  it('the side panel leaves a page of a site without claims asleep; Suggest claims wakes it', async () => {
    const origin = env.server.originFor('panel.test');
    const page = await open(`${origin}/tiktok-shop-us-crackdown/`);
    const panel = await extensionPage(env.browser, 'sidepanel.html', page);
    await panel.getByText(/No claims on this page yet/).waitFor();
    await page.waitForTimeout(500); // anything the page would send late
    expect(await sentFrom(origin)).toEqual([]);
    expect(await ourScripts(page)).toEqual(['page-start.js']);
    expect(await marker(page)).toBeUndefined();
    // The reader's request needs the page (Readability runs in it): now it wakes.
    await panel.getByRole('button', { name: 'Suggest claims' }).click();
    const money = panel.getByRole('list', { name: 'Suggested money' });
    await money.waitFor();
    expect((await money.getByRole('listitem').allTextContents()).join('\n')).toContain(
      '$17 billion',
    );
    expect(new Set(await sentFrom(origin))).toEqual(new Set(['page:load', 'ui:load']));
    await panel.close();
    await page.close();
  });

  it('on a site with claims: painted, woken by the background (page-start asked nothing first)', async () => {
    const origin = env.server.originFor('painted.test');
    env.server.set('/story/', article('Story'));
    const first = await open(`${origin}/story/`);
    expect(await sentFrom(origin)).toEqual([]);
    await saveClaim(first, '$17 billion', 'Figure', { within: 'article' });
    await first.close();

    const before = (await sentFrom(origin)).length;
    const page = await open(`${origin}/story/`);
    expect((await highlights(page)).map((h) => h.text)).toEqual(['$17 billion']);
    // The background looked its claims up and injected the painter with them: the page's only
    // message is what anchoring found, and the awake part never ran.
    const sent = (await sentFrom(origin)).slice(before);
    expect(sent).toEqual(['annotations:anchored']);
    expect(await ourScripts(page)).toEqual(['page-paint.js', 'page-start.js']);
    await page.close();
  });

  it('paints a page reached at a new URL whose canonical is a stored page', async () => {
    const origin = env.server.originFor('canonical.test');
    env.server.set('/article/', article('Article'));
    const first = await open(`${origin}/article/`);
    await saveClaim(first, 'five days a week', 'Claim', { within: 'article' });
    await first.close();
    // Never seen: another path, its canonical the stored page.
    env.server.set(
      '/amp/article/',
      article('Article', `<link rel="canonical" href="${origin}/article/">`),
    );
    const page = await open(`${origin}/amp/article/`);
    expect((await highlights(page)).map((h) => h.text)).toEqual(['five days a week']);
    await page.close();
  });

  it('SPA navigation onto a page with claims paints it, on a site that had none at load', async () => {
    const origin = env.server.originFor('spa.test');
    const shell = article('Shell');
    env.server.set('/app/', shell);
    env.server.set('/app/b', article('B'));
    const page = await open(`${origin}/app/`);
    expect(await marker(page)).toBeUndefined(); // asleep: no stored page on spa.test yet

    // The reader saves a claim on /app/b in another tab: the site now has claims.
    const other = await open(`${origin}/app/b`);
    await saveClaim(other, 'five days a week', 'Claim', { within: 'article' });
    await other.close();
    await expect.poll(() => mayHaveClaims(page)).toBe(true);

    // The app moves to /app/b (same words on the page): woken by tabs.onUpdated, painted.
    await page.evaluate(() => history.pushState({}, '', '/app/b'));
    await expect
      .poll(async () => (await highlights(page)).map((h) => h.text), { timeout: 10_000 })
      .toEqual(['five days a week']);
    await page.close();
  });

  it('on a blocked site with claims: never woken, and a selection loads no page UI', async () => {
    const origin = env.server.originFor('never.test');
    env.server.set('/story/', article('Never'));
    const first = await open(`${origin}/story/`);
    await saveClaim(first, '$17 billion', 'Figure', { within: 'article' });
    await first.close();
    await env.browser.worker.evaluate(async () => {
      const api = (
        globalThis as unknown as {
          chrome: { storage: { local: { set(items: object): Promise<void> } } };
        }
      ).chrome;
      await api.storage.local.set({ settings: { blockedSites: ['never.test'] } });
    });
    const before = (await sentFrom(origin)).length;
    const page = await env.browser.context.newPage();
    await page.goto(`${origin}/story/`);
    expect(await mayHaveClaims(page)).toBe(false);
    await page.waitForTimeout(500);
    expect((await sentFrom(origin)).slice(before)).toEqual([]);
    expect(await marker(page)).toBeUndefined();

    // The reader selects: the always-on script asks for its awake part, which the background
    // refuses on a blocked site; nothing more runs there.
    await selectText(page, 'five days a week', 'article');
    await page.mouse.up();
    await page.waitForTimeout(1_000);
    expect((await sentFrom(origin)).slice(before)).toEqual(['ui:load']);
    expect(await ourScripts(page)).toEqual(['page-start.js']);
    expect(await page.locator('mark, claimmark-ui').count()).toBe(0);
    await page.close();
    await env.browser.worker.evaluate(async () => {
      const api = (
        globalThis as unknown as {
          chrome: { storage: { local: { set(items: object): Promise<void> } } };
        }
      ).chrome;
      await api.storage.local.set({ settings: { blockedSites: [] } });
    });
  });
});
