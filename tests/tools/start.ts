/**
 * `npm start`: open Chromium with the built extension on the bundled demo article.
 * With a display, a real window you can use; without one (a server, CI), the same demo runs
 * headless: two claims saved through the real toolbar, the Markdown export printed, and a
 * screenshot of the highlighted page written to .output/demo.png.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  findChromium,
  launchExtension,
  ROOT,
  saveClaim,
  startFixtureServer,
  waitForContentScript,
} from '../e2e/harness';
import { startTeam } from './start-team';

const DEMO = '/tiktok-shop-us-crackdown/';
const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && !process.env.CI;

async function main(): Promise<void> {
  if (!findChromium()) {
    console.error(
      'Claimmark needs Chromium to run the demo, and none was found.\n' +
        '  Debian/Ubuntu: sudo apt-get install -y chromium\n' +
        '  Or point CHROMIUM_PATH at a Chromium or Chrome binary: CHROMIUM_PATH=/path/to/chrome npm start',
    );
    process.exit(1);
  }
  if (process.argv.includes('--team')) return startTeam(!hasDisplay);
  const server = await startFixtureServer();
  const url = `${server.origin}${DEMO}`;
  const browser = await launchExtension({ headless: !hasDisplay });
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.goto(url);
  await waitForContentScript(page);

  if (hasDisplay) {
    console.log(`Claimmark is loaded in Chromium on the demo article: ${url}`);
    console.log(
      'Select text in the article and press "Save claim"; the toolbar icon opens the search.',
    );
    console.log(`Popup (search and export): ${browser.popupUrl}`);
    console.log('Close the browser window (or press Ctrl+C) to stop.');
    const stop = async () => {
      await browser.close().catch(() => {});
      await server.close();
      process.exit(0);
    };
    process.on('SIGINT', () => void stop());
    browser.context.on('close', () => void stop());
    return;
  }

  console.log('No display found: running the demo headless.');
  await saveClaim(page, '$17 billion', 'Figure', { tags: 'tiktok, targets', within: 'article' });
  console.log('  saved "$17 billion" as a Figure');
  const quote =
    'No matter how hard we work, it feels like we’re always falling short of what they expect.';
  await saveClaim(page, quote, 'Quote', { tags: 'tiktok, morale', within: 'article' });
  console.log('  saved the employee quote as a Quote');

  await page.reload();
  await waitForContentScript(page);
  const painted = await page.$$eval('mark[data-annotation-id]', (marks) => marks.length);
  console.log(`  after a reload, ${painted} highlights are painted again`);
  await page.locator('mark[data-annotation-id]').first().scrollIntoViewIfNeeded();
  const screenshot = join(ROOT, '.output', 'demo.png');
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(`  screenshot of the highlighted page: ${screenshot}`);

  const popup = await browser.context.newPage();
  await popup.goto(browser.popupUrl);
  await popup.getByRole('list', { name: 'Claims' }).getByRole('listitem').nth(1).waitFor();
  await popup.getByRole('button', { name: 'Export', exact: true }).click();
  const [download] = await Promise.all([
    popup.waitForEvent('download', { timeout: 15_000 }),
    popup
      .getByRole('form', { name: 'Export claims' })
      .getByRole('button', { name: 'Download' })
      .click({ timeout: 15_000 }),
  ]);
  const markdown = readFileSync((await download.path())!, 'utf8');
  console.log(`\nMarkdown export (${download.suggestedFilename()}):\n`);
  console.log(markdown);
  await browser.close();
  await server.close();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
