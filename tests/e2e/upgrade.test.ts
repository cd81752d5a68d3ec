/**
 * An extension page of the old version open while a newer Claimmark upgrades the database (what an
 * update does): the upgrade is not blocked, and the old page says it must be reopened instead of
 * writing through code that no longer matches the schema.
 */
import { describe, expect, it } from 'vitest';
import { extensionPage } from './harness';
import { useExtension } from './use-extension';

const env = useExtension();

describe('schema upgrade while an extension page is open (Chromium)', () => {
  it('lets the upgrade through and asks the open pages to reopen', async () => {
    const popup = await extensionPage(env.browser, 'popup.html');
    const options = await extensionPage(env.browser, 'options.html');
    await popup.getByRole('searchbox', { name: 'Search claims' }).waitFor();
    await options.getByRole('heading', { level: 1 }).first().waitFor();
    // A newer version (schema v5 = IndexedDB version 50; this one is v4) opens the database from another page.
    const newer = await extensionPage(env.browser, 'options.html');
    const outcome = await newer.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const request = indexedDB.open('claimmark', 50);
          request.onblocked = () => resolve('blocked');
          request.onsuccess = () => {
            request.result.close();
            resolve(`opened at ${request.result.version}`);
          };
          request.onerror = () => resolve(`error ${String(request.error)}`);
        }),
    );
    expect(outcome).toBe('opened at 50');
    for (const page of [popup, options]) {
      const banner = page.getByRole('alert').filter({ hasText: 'Claimmark was updated' });
      await banner.waitFor({ timeout: 5_000 });
      expect(await banner.getByRole('button', { name: 'Reopen' }).isVisible()).toBe(true);
    }
  });
});
