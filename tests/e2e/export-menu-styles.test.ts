/**
 * The export menu ships its own styles (components/ExportMenu.css): in Options → Backup & restore
 * it looks as in the popup — its Download and Copy buttons are buttons (a filled primary, an
 * outlined secondary, a pointer), not plain text — and they act like buttons. So do the import
 * panel's Import and Cancel (components/ImportPanel.css).
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { extensionPage, saveClaim, waitForContentScript } from './harness';
import { useExtension } from './use-extension';

const env = useExtension();

const LOOK = [
  'background-color',
  'border-top-style',
  'border-top-width',
  'border-top-color',
  'border-radius',
  'padding-top',
  'padding-left',
  'cursor',
  'color',
  'font-size',
] as const;

type Look = Record<(typeof LOOK)[number], string>;

async function looks(page: Page): Promise<{ download: Look; copy: Look; choice: string }> {
  const menu = page.getByRole('form', { name: 'Export claims' });
  const look = (name: string) =>
    menu.getByRole('button', { name }).evaluate(
      (button, props) => {
        const style = getComputedStyle(button);
        return Object.fromEntries(props.map((p) => [p, style.getPropertyValue(p)])) as Look;
      },
      LOOK as unknown as string[],
    );
  const choice = await menu
    .locator('label.choice')
    .first()
    .evaluate((label) => getComputedStyle(label).display);
  return { download: await look('Download'), copy: await look('Copy to clipboard'), choice };
}

describe('the export menu in the options page (Chromium)', () => {
  it('is styled as in the popup, and its Download and Copy buttons act like buttons', async () => {
    await env.browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const article = await env.browser.context.newPage();
    await article.goto(`${env.server.origin}/tiktok-shop-us-crackdown/`);
    await waitForContentScript(article);
    await saveClaim(article, '$17 billion', 'Figure', { tags: 'm&a/deals', within: 'article' });

    const popup = await extensionPage(env.browser, 'popup.html', article);
    await popup.getByRole('button', { name: 'Export', exact: true }).click();
    const inPopup = await looks(popup);

    const options = await extensionPage(env.browser, 'options.html');
    const menu = options.getByRole('form', { name: 'Export claims' });
    const download = menu.getByRole('button', { name: 'Download' });
    await expect.poll(() => download.isEnabled()).toBe(true);
    const inOptions = await looks(options);

    // Buttons, not text: a filled Download, an outlined Copy, both with a pointer.
    expect(inOptions.download['background-color']).not.toMatch(/^rgba\(0, 0, 0, 0\)$|transparent/);
    expect(inOptions.download['background-color']).toBe(inOptions.copy['border-top-color']);
    expect(inOptions.copy['border-top-style']).toBe('solid');
    expect(inOptions.copy['border-top-width']).toBe('1px');
    expect(inOptions.copy['padding-left']).not.toBe('0px');
    expect(inOptions.download.cursor).toBe('pointer');
    expect(inOptions.copy.cursor).toBe('pointer');
    expect(inOptions.choice).toBe('block'); // one radio per line, not run together
    // …and the same as in the popup.
    expect(inOptions).toEqual(inPopup);

    // They act: Copy puts the Markdown on the clipboard, Download saves a file.
    await menu.getByRole('button', { name: 'Copy to clipboard' }).click();
    await expect.poll(() => menu.getByRole('status').textContent()).toMatch(/^Copied 1 claim/);
    const copied = await options.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain('#figure #ma/deals');
    const [file] = await Promise.all([options.waitForEvent('download'), download.click()]);
    expect(file.suggestedFilename()).toMatch(/^claimmark-\d{4}-\d{2}-\d{2}\.md$/);

    // The import panel's review: Import (filled) and Cancel (outlined) are buttons too.
    await menu.getByRole('radio', { name: /Claimmark backup/ }).check();
    const [backup] = await Promise.all([options.waitForEvent('download'), download.click()]);
    const path = join(tmpdir(), `claimmark-styles-${Date.now()}.json`);
    writeFileSync(path, readFileSync((await backup.path())!, 'utf8'));
    const panel = options.getByRole('region', { name: 'Import claims' });
    await panel.locator('input[type=file]').setInputFiles(path);
    const cancel = panel.getByRole('button', { name: 'Cancel' });
    await cancel.waitFor();
    const style = (name: string | RegExp) =>
      panel.getByRole('button', { name }).evaluate((b) => {
        const s = getComputedStyle(b);
        return { bg: s.backgroundColor, border: s.borderTopStyle, cursor: s.cursor };
      });
    expect(await style(/^Import( \d|$)/)).toEqual({
      bg: inOptions.download['background-color'],
      border: 'solid',
      cursor: 'pointer',
    });
    expect(await style('Cancel')).toMatchObject({ border: 'solid', cursor: 'pointer' });
    await cancel.click();
    await expect.poll(() => cancel.count()).toBe(0);
    rmSync(path);
    await popup.close();
    await options.close();
    await article.close();
  });
});
