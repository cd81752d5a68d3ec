/**
 * Storage full, for real: Chromium's own quota for the extension's origin is lowered through the
 * DevTools protocol (Storage.overrideQuotaForOrigin, which applies to chrome-extension:// origins)
 * and filled with incompressible data until IndexedDB refuses even a small write. Then a claim is
 * saved through the toolbar, as a reader would.
 */
import { describe, expect, it } from 'vitest';
import type { CDPSession, Page } from 'playwright-core';
import { seriousViolations } from './axe';
import { extensionPage, highlights, selectText, waitForContentScript } from './harness';
import { useExtension } from './use-extension';

const FIGURE = '$17 billion';
const env = useExtension();

/**
 * Write random bytes into a scratch database of the extension's origin, in chunks of shrinking
 * size, until a chunk of `smallest` bytes is refused: the origin is then full. Returns the bytes
 * written and the names of the errors met.
 */
async function fillStorage(smallest: number): Promise<{ written: number; errors: string[] }> {
  const worker = env.browser.context.serviceWorkers()[0] ?? env.browser.worker;
  return worker.evaluate(async (smallest) => {
    const open = indexedDB.open('claimmark-test-filler', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('chunks', { autoIncrement: true });
    const db = await new Promise<IDBDatabase>((done, fail) => {
      open.onsuccess = () => done(open.result);
      open.onerror = () => fail(open.error);
    });
    let written = 0;
    const errors: string[] = [];
    for (let size = 256 * 1024; size >= smallest; size = Math.floor(size / 4)) {
      for (;;) {
        const bytes = new Uint8Array(size);
        for (let at = 0; at < size; at += 65_536) {
          crypto.getRandomValues(bytes.subarray(at, Math.min(size, at + 65_536)));
        }
        const tx = db.transaction('chunks', 'readwrite');
        tx.objectStore('chunks').add(bytes);
        const error = await new Promise<string | null>((done) => {
          tx.oncomplete = () => done(null);
          tx.onabort = () => done(tx.error?.name ?? 'AbortError');
        });
        if (error) {
          errors.push(error);
          break;
        }
        written += size;
      }
    }
    db.close();
    return { written, errors };
  }, smallest);
}

/** What the popup lists with an empty search box: its count line ('' when none) and its text. */
async function popupList(): Promise<{ count: string; text: string }> {
  const popup = await extensionPage(env.browser, 'popup.html');
  await popup.getByText(/^\d+ claims?|No claims yet/).waitFor();
  const count = popup.getByText(/^\d+ claims?/);
  const listed = {
    count: (await count.count()) > 0 ? ((await count.textContent()) ?? '') : '',
    text: (await popup.locator('main').textContent()) ?? '',
  };
  await popup.close();
  return listed;
}

const unsavedMarks = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('mark[data-annotation-id]')].map((mark) => ({
      id: mark.dataset.annotationId!,
      unsaved: mark.dataset.unsaved ?? null,
      outline: getComputedStyle(mark).outlineStyle,
    })),
  );

describe('storage full (Chromium)', () => {
  it('shows the claim as unsaved with a clear error, then stores it once on Retry', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.origin}/tiktok-shop-us-crackdown/`);
    await waitForContentScript(page);

    const origin = `chrome-extension://${env.browser.extensionId}`;
    const cdp: CDPSession = await env.browser.context.newCDPSession(page);
    const before = await cdp.send('Storage.getUsageAndQuota', { origin });
    await cdp.send('Storage.overrideQuotaForOrigin', {
      origin,
      quotaSize: before.usage + 2 * 1024 * 1024,
    });
    const filled = await fillStorage(256);
    const full = await cdp.send('Storage.getUsageAndQuota', { origin });
    console.log(
      `quota ${full.quota} B, usage ${before.usage} → ${full.usage} B; filler wrote ` +
        `${filled.written} B, refused: ${filled.errors.join(', ')}`,
    );
    expect(full.overrideActive).toBe(true);
    expect(filled.errors).toContain('QuotaExceededError');
    expect(filled.errors.every((name) => name === 'QuotaExceededError')).toBe(true);

    try {
      await selectText(page, FIGURE, 'article');
      const toolbar = page.getByRole('dialog', { name: 'Claimmark' });
      await toolbar.getByRole('radio', { name: 'Figure' }).check();
      await toolbar.getByRole('button', { name: 'Save claim' }).click();

      const bar = page.getByRole('dialog', { name: 'Claim not saved' });
      const storageFull = bar
        .getByRole('alert')
        .filter({ hasText: /^Not saved\. Storage is full/ });
      await storageFull.waitFor({ timeout: 10_000 });
      expect(await storageFull.textContent()).toMatch(/Free some disk space/);
      await toolbar.waitFor({ state: 'detached' });
      expect(await seriousViolations(page, 'claimmark-ui')).toEqual([]);

      // Shown, and shown as unsaved: every mark flagged and outlined dashed.
      expect((await highlights(page)).map((h) => h.text)).toEqual([FIGURE]);
      const marks = await unsavedMarks(page);
      expect(marks.length).toBeGreaterThan(0);
      expect(marks.every((m) => m.unsaved === 'true' && m.outline === 'dashed')).toBe(true);
      const id = marks[0]!.id;
      const none = await popupList();
      expect(none.count).toBe('');
      expect(none.text).toContain('No claims yet');
      expect(none.text).not.toContain(FIGURE);

      // Closing the bar keeps the claim unsaved; a click on its highlight brings the bar back.
      await bar.getByRole('button', { name: 'Close' }).click();
      await bar.waitFor({ state: 'detached' });
      expect((await unsavedMarks(page)).every((m) => m.unsaved === 'true')).toBe(true);
      await page.locator(`mark[data-annotation-id="${id}"]`).first().click();
      await bar.waitFor();

      // Still full: Retry fails again, the claim stays unsaved.
      await bar.getByRole('button', { name: 'Retry' }).click();
      await bar.getByRole('button', { name: 'Retry' }).and(page.locator(':enabled')).waitFor();
      await storageFull.waitFor({ timeout: 10_000 });
      expect((await unsavedMarks(page)).every((m) => m.unsaved === 'true')).toBe(true);

      // Room again: Retry stores it, with the same id, and the flag goes.
      await cdp.send('Storage.overrideQuotaForOrigin', { origin });
      await bar.getByRole('button', { name: 'Retry' }).click();
      await bar.waitFor({ state: 'detached' });
      const saved = await unsavedMarks(page);
      expect(saved.map((m) => [m.id, m.unsaved, m.outline])).toEqual(
        marks.map(() => [id, null, 'none']),
      );
      const listed = await popupList();
      expect(listed.count).toMatch(/^1 claim\b/);
      expect(listed.text.split(FIGURE)).toHaveLength(2); // listed exactly once

      await page.reload();
      await waitForContentScript(page);
      expect(await highlights(page)).toEqual([{ id, text: FIGURE, type: 'figure' }]);
    } finally {
      await cdp.send('Storage.overrideQuotaForOrigin', { origin });
      await page.close();
    }
  });
});
