import { describe, expect, it } from 'vitest';
import type { CDPSession, Page } from 'playwright-core';
import { highlights, saveClaim, selectText, waitForContentScript } from './harness';
import { useExtension } from './use-extension';

const env = useExtension();

/** Stop Claimmark's service worker, as Chrome does to idle workers. */
async function stopWorker(cdp: CDPSession): Promise<boolean> {
  const { targetInfos } = await cdp.send('Target.getTargets');
  const worker = targetInfos.find(
    (t) =>
      t.type === 'service_worker' &&
      t.url === `chrome-extension://${env.browser.extensionId}/background.js`,
  );
  if (!worker) return false;
  await cdp.send('Target.closeTarget', { targetId: worker.targetId });
  return true;
}

async function open(path: string): Promise<{ page: Page; cdp: CDPSession }> {
  const page = await env.browser.context.newPage();
  await page.goto(`${env.server.origin}${path}`);
  await waitForContentScript(page);
  return { page, cdp: await env.browser.context.newCDPSession(page) };
}

async function storedClaims(): Promise<number> {
  const popup = await env.browser.context.newPage();
  await popup.goto(env.browser.popupUrl);
  const count = popup.getByText(/^\d+ claims?/);
  await count.waitFor();
  const text = (await count.textContent()) ?? '';
  await popup.close();
  return Number.parseInt(text, 10);
}

describe('faults (Chromium)', () => {
  it('saves and restores claims after Chrome stopped the idle service worker', async () => {
    const { page, cdp } = await open('/tiktok-shop-us-crackdown/');
    expect(await stopWorker(cdp)).toBe(true);
    await saveClaim(page, '$17 billion', 'Figure', { within: 'article' });
    expect(await stopWorker(cdp)).toBe(true); // the save woke a new worker
    await page.reload();
    await waitForContentScript(page);
    expect((await highlights(page)).map((h) => h.text)).toEqual(['$17 billion']);
    await page.close();
  });

  it('stores each claim exactly once when the worker is stopped as it is saved', async () => {
    const { page, cdp } = await open('/tiktok-shop-us-crackdown/');
    for (const text of ['$100 million', 'April 5, 2025', 'five days a week']) {
      await selectText(page, text, 'article');
      const save = page.getByRole('button', { name: 'Save claim' });
      await Promise.all([save.click(), stopWorker(cdp)]);
      await page
        .getByRole('dialog', { name: 'Claimmark' })
        .waitFor({ state: 'detached', timeout: 10_000 });
    }
    await page.reload();
    await waitForContentScript(page);
    expect((await highlights(page)).map((h) => h.text)).toEqual([
      '$17 billion',
      'five days a week',
      'April 5, 2025',
      '$100 million',
    ]);
    expect(await storedClaims()).toBe(4);
    await page.close();
  });
});
