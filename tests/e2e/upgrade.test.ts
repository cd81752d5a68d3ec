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
    // A newer version (the next schema version: Dexie stores version n as IndexedDB version
    // n × 10) opens the database from another page.
    const newer = await extensionPage(env.browser, 'options.html');
    const outcome = await newer.evaluate(
      () =>
        new Promise<{ from: number; outcome: string }>((resolve) => {
          const current = indexedDB.open('claimmark');
          current.onsuccess = () => {
            const from = current.result.version;
            current.result.close();
            const request = indexedDB.open('claimmark', from + 10);
            request.onblocked = () => resolve({ from, outcome: 'blocked' });
            request.onsuccess = () => {
              request.result.close();
              resolve({ from, outcome: `opened at ${request.result.version}` });
            };
            request.onerror = () => resolve({ from, outcome: `error ${String(request.error)}` });
          };
        }),
    );
    expect(outcome.from).toBeGreaterThanOrEqual(50); // this build's schema (v5 or later)
    expect(outcome.outcome).toBe(`opened at ${outcome.from + 10}`);
    for (const page of [popup, options]) {
      const banner = page.getByRole('alert').filter({ hasText: 'Claimmark was updated' });
      await banner.waitFor({ timeout: 5_000 });
      expect(await banner.getByRole('button', { name: 'Reopen' }).isVisible()).toBe(true);
    }
  });
});
