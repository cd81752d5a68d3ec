/** Driving Options → Sync of a Chromium profile as a reader would (e2e tests, `npm start -- --team`). */
import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from '../e2e/harness';

export async function openSyncOptions(browser: ExtensionBrowser): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await page.getByRole('heading', { name: 'Sync' }).waitFor();
  return page;
}

export const syncStatus = (page: Page) => page.getByRole('status', { name: 'Sync status' });

/** Fill in the server, database, user and password and press Connect; returns the options page. */
export async function connectSync(
  browser: ExtensionBrowser,
  fields: { server: string; database: string; user: string; password: string },
): Promise<Page> {
  const page = await openSyncOptions(browser);
  const form = page.getByRole('form', { name: 'Connect to a CouchDB server' });
  await form.getByLabel('Server address').fill(fields.server);
  await form.getByLabel('Database').fill(fields.database);
  await form.getByLabel('User name').fill(fields.user);
  await form.getByLabel('Password').fill(fields.password);
  await form.getByRole('button', { name: /^(Connect|Reconnect)$/ }).click();
  return page;
}
