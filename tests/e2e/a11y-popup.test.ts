import { describe, expect, it } from 'vitest';
import { seriousViolations } from './axe';
import { extensionPage, saveClaim, waitForContentScript } from './harness';
import { useExtension } from './use-extension';

const env = useExtension();

describe('popup accessibility (Chromium)', () => {
  it('has no serious axe violations, empty, with results and exporting, in light and dark', async () => {
    const empty = await extensionPage(env.browser, 'popup.html');
    for (const scheme of ['light', 'dark'] as const) {
      await empty.emulateMedia({ colorScheme: scheme });
      await empty.getByRole('searchbox', { name: 'Search claims' }).waitFor();
      expect(await seriousViolations(empty)).toEqual([]);
    }
    await empty.close();

    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.origin}/tiktok-shop-us-crackdown/`);
    await waitForContentScript(page);
    await saveClaim(page, '$17 billion', 'Figure', { tags: 'tiktok', within: 'article' });
    const popup = await extensionPage(env.browser, 'popup.html', page);
    await popup.getByRole('list', { name: 'Claims' }).getByRole('listitem').first().waitFor();
    for (const scheme of ['light', 'dark'] as const) {
      await popup.emulateMedia({ colorScheme: scheme });
      expect(await seriousViolations(popup)).toEqual([]);
    }
    // With the export menu open.
    await popup.getByRole('button', { name: 'Export', exact: true }).click();
    await popup.getByRole('form', { name: 'Export claims' }).waitFor();
    for (const scheme of ['light', 'dark'] as const) {
      await popup.emulateMedia({ colorScheme: scheme });
      expect(await seriousViolations(popup)).toEqual([]);
    }
  });
});
