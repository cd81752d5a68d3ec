import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  extensionPage,
  highlights,
  launchExtension,
  saveClaim,
  startFixtureServer,
  waitForContentScript,
  type ExtensionBrowser,
  type FixtureServer,
} from './harness';

let server: FixtureServer;
const browsers: ExtensionBrowser[] = [];

beforeAll(async () => {
  server = await startFixtureServer();
});

afterAll(async () => {
  await Promise.all(browsers.map((b) => b.close()));
  await server?.close();
});

describe('backup and restore (Chromium)', () => {
  it('restores every claim and setting into a fresh profile; a bad file changes nothing', async () => {
    const first = await launchExtension();
    browsers.push(first);
    const page = await first.context.newPage();
    await page.goto(`${server.origin}/tiktok-shop-us-crackdown/`);
    await waitForContentScript(page);
    await saveClaim(page, '$17 billion', 'Figure', { tags: 'tiktok', within: 'article' });
    await saveClaim(page, 'April 5, 2025', 'Date', { within: 'article' });
    const saved = await highlights(page);

    const options = await extensionPage(first, 'options.html');
    await options.getByRole('radio', { name: 'Forecast' }).first().check();
    const exportForm = options.getByRole('form', { name: 'Export claims' });
    await exportForm.getByRole('radio', { name: /Claimmark backup/ }).check();
    const [download] = await Promise.all([
      options.waitForEvent('download'),
      exportForm.getByRole('button', { name: 'Download' }).click(),
    ]);
    const backup = readFileSync((await download.path())!, 'utf8');
    expect(JSON.parse(backup)).toMatchObject({ format: 'claimmark-backup', version: 1 });
    const file = join(tmpdir(), `claimmark-backup-${Date.now()}.json`);
    writeFileSync(file, backup);
    await first.close();

    // A wiped browser: a new profile.
    const second = await launchExtension();
    browsers.push(second);
    const restore = await extensionPage(second, 'options.html');
    const panel = restore.getByRole('region', { name: 'Import claims' });
    const input = panel.locator('input[type=file]');

    const broken = join(tmpdir(), `claimmark-broken-${Date.now()}.json`);
    writeFileSync(broken, backup.slice(0, backup.length / 2));
    await input.setInputFiles(broken);
    await expect
      .poll(() => panel.textContent())
      .toMatch(/cut off|truncated|incomplete|unexpected end/i);

    await input.setInputFiles(file);
    await expect.poll(() => panel.textContent()).toContain('Claims: 2 new');
    await panel.getByRole('button', { name: 'Import 2 claims' }).click();
    await expect.poll(() => panel.textContent()).toContain('Imported.');

    const again = await second.context.newPage();
    await again.goto(`${server.origin}/tiktok-shop-us-crackdown/`);
    await waitForContentScript(again);
    expect(await highlights(again)).toEqual(saved);
    await restore.reload();
    expect(await restore.getByRole('radio', { name: 'Forecast' }).first().isChecked()).toBe(true);

    // The same file again changes nothing: no claim is new or updated.
    const panelAgain = restore.getByRole('region', { name: 'Import claims' });
    await panelAgain.locator('input[type=file]').setInputFiles(file);
    await expect.poll(() => panelAgain.textContent()).toMatch(/Claims: 2 (unchanged|kept)/);
    expect(await panelAgain.textContent()).not.toMatch(/\d+ (new|updated)/);
    await again.reload();
    await waitForContentScript(again);
    expect(await highlights(again)).toEqual(saved);
  });
});
