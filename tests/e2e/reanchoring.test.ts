import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { WxtBrowser } from 'wxt/browser';
import { highlights, saveClaim, waitForContentScript } from './harness';
import { useExtension } from './use-extension';

const HTML = readFileSync('tests/fixtures/pages/tiktok-shop-us-crackdown/source.html', 'utf8');
const FIGURE = '$17 billion';
const TYPO = 'U.S. shoppers have shown more hesitance towards livestream shopping';
const FIXED = 'U.S. shoppers have shown more hesitancy towards livestream shopping';
const GONE = 'There’s literally no time in a day to fulfill the goals they’re asking for.';
const DATE = 'April 5, 2025';

const env = useExtension();

async function open(path: string): Promise<Page> {
  const page = await env.browser.context.newPage();
  await page.goto(`${env.server.origin}${path}`);
  await waitForContentScript(page);
  return page;
}

/** The edits a news site makes after publication. */
function edited(html: string): string {
  const out = html
    // a typo fixed inside a saved quote
    .replace('more hesitance towards', 'more hesitancy towards')
    // a paragraph inserted at the top of the article, and a promo repeating a figure elsewhere
    .replace(
      '<p>TikTok’s e-commerce aspirations',
      '<p class="update">Update, March 6: this story now includes comment from TikTok.</p>\n<p>TikTok’s e-commerce aspirations',
    )
    .replace(
      '<aside',
      '<div class="promo">Read: how TikTok planned $17 billion in sales</div><aside',
    )
    // a quoted paragraph deleted
    .replace(/<blockquote[^>]*><p>“There’s literally[^<]*<\/p><\/blockquote>/, '')
    // whitespace reflowed and words wrapped in a link
    .replace(
      'April 5, 2025, for ByteDance',
      '<a href="#deadline">April\n      5, 2025</a>, for ByteDance',
    );
  if (out.includes('hesitance') || out.includes('literally') || !out.includes('class="promo"')) {
    throw new Error('the fixture changed: the edits no longer apply');
  }
  return out;
}

describe('highlights that survive page edits (Chromium)', () => {
  it('re-anchors after edits: exact, approximate on a fixed typo, orphan when deleted', async () => {
    env.server.set('/story/', HTML);
    const page = await open('/story/');
    await saveClaim(page, FIGURE, 'Figure', { within: 'article' });
    await saveClaim(page, TYPO, 'Claim', { within: 'article' });
    await saveClaim(page, GONE, 'Quote', { within: 'article' });
    await saveClaim(page, DATE, 'Date', { within: 'article' });

    env.server.set('/story/', edited(HTML));
    await page.reload();
    await waitForContentScript(page);
    const painted = await highlights(page);
    expect(painted.map((h) => [h.text, h.type])).toEqual([
      [FIGURE, 'figure'],
      [FIXED, 'claim'],
      [DATE, 'date'],
    ]);
    // The figure landed in the article, not on the promo that repeats it.
    expect(await page.locator('.promo mark').count()).toBe(0);

    // The popup for this tab lists the claim that is not found, with its saved quote.
    const tabId = await env.browser.worker.evaluate(async (url) => {
      const api = (globalThis as unknown as { chrome: WxtBrowser }).chrome;
      const [tab] = await api.tabs.query({ url });
      return tab?.id;
    }, page.url());
    const popup = await env.browser.context.newPage();
    await popup.goto(`${env.browser.popupUrl}?tab=${tabId}`);
    const orphans = popup
      .getByRole('list', { name: 'Not found on this page' })
      .getByRole('listitem');
    await expect.poll(() => orphans.count()).toBe(1);
    expect(await orphans.first().textContent()).toContain(GONE);
    // Nothing was deleted: all four claims are still in the library.
    await expect
      .poll(() => popup.getByRole('list', { name: 'Claims' }).getByRole('listitem').count())
      .toBe(4);
    await popup.close();
    await page.close();
  });

  it('keeps the claims of a page that moved (301 redirect)', async () => {
    env.server.set('/old-story/', HTML);
    const page = await open('/old-story/');
    await saveClaim(page, DATE, 'Date', { within: 'article' });
    env.server.set('/new-story/', HTML);
    env.server.redirect('/old-story/', '/new-story/');
    await page.goto(`${env.server.origin}/old-story/`);
    await waitForContentScript(page);
    expect(page.url()).toBe(`${env.server.origin}/new-story/`);
    expect((await highlights(page)).map((h) => h.text)).toEqual([DATE]);
    // Later visits straight to the new address find them too.
    await page.reload();
    await waitForContentScript(page);
    expect((await highlights(page)).map((h) => h.text)).toEqual([DATE]);
    await page.close();
  });

  it('paints claims on content that arrives late and after SPA navigation', async () => {
    const article = HTML.match(/<article[\s\S]*<\/article>/)![0];
    const spa = `<!doctype html><html><head><title>SPA</title></head><body>
      <nav><a id="to-a" href="/spa/a">A</a> <a id="to-b" href="/spa/b">B</a></nav>
      <main id="view"><p>Loading…</p></main>
      <script>
        const routes = { '/spa/a': '<p>Route A has other news.</p>', '/spa/b': ${JSON.stringify(article)} };
        function show() { document.getElementById('view').innerHTML = routes[location.pathname] || '<p>?</p>'; }
        document.addEventListener('click', (e) => {
          const link = e.target.closest('a'); if (!link) return;
          e.preventDefault(); history.pushState({}, '', link.getAttribute('href')); show();
        });
        addEventListener('popstate', show);
        setTimeout(show, 300); // content arrives after load
      </script></body></html>`;
    env.server.set('/spa/a', spa);
    env.server.set('/spa/b', spa);
    const page = await open('/spa/b');
    await page.getByText('Despite impressive figures').waitFor();
    await saveClaim(page, FIGURE, 'Figure', { within: 'main' });

    await page.reload();
    await waitForContentScript(page);
    // The article arrives 300 ms after load: the claim is painted when it does.
    await expect.poll(async () => (await highlights(page)).map((h) => h.text)).toEqual([FIGURE]);

    await page.click('#to-a');
    await expect.poll(() => page.url()).toBe(`${env.server.origin}/spa/a`);
    await expect.poll(async () => (await highlights(page)).length).toBe(0);
    await page.click('#to-b');
    await expect.poll(async () => (await highlights(page)).map((h) => h.text)).toEqual([FIGURE]);
    await page.goBack();
    await expect.poll(async () => (await highlights(page)).length).toBe(0);
    await page.goForward();
    await expect.poll(async () => (await highlights(page)).map((h) => h.text)).toEqual([FIGURE]);
    expect(await page.locator('mark[data-annotation-id]').count()).toBe(1);
    await page.close();
  });
});
