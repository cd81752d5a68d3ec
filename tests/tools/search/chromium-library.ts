/**
 * Fill the extension's database in Chromium with a synthetic library, as Claimmark 0.2 (schema
 * v2, no search index) would have stored it: the next extension page to open the database runs
 * the v3 upgrade, which indexes it. Raw IndexedDB from a page of the extension's origin (its
 * manifest.json, which opens no database itself): nothing test-only ships in the extension.
 */
import type { Page } from 'playwright-core';
import type { Library } from './generate-library';

/** Dexie stores version n as IndexedDB version 10·n. */
const V2 = 20;
const BATCH = 5000;

/** Write `library` into a new `claimmark` database at schema v2; fails if one exists. */
export async function writeV2Library(
  page: Page,
  extensionId: string,
  library: Library,
): Promise<void> {
  await page.goto(`chrome-extension://${extensionId}/manifest.json`);
  await page.evaluate(async (version) => {
    const existing = await indexedDB.databases();
    if (existing.some((d) => d.name === 'claimmark'))
      throw new Error('the claimmark database exists already');
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open('claimmark', version);
      request.onupgradeneeded = () => {
        // SCHEMA_V2 as Dexie creates it: one index per key path, * = multiEntry.
        const db = request.result;
        const pages = db.createObjectStore('pages', { keyPath: 'url' });
        pages.createIndex('lastSeen', 'lastSeen');
        pages.createIndex('aliases', 'aliases', { multiEntry: true });
        const claims = db.createObjectStore('annotations', { keyPath: 'id' });
        claims.createIndex('url', 'url');
        claims.createIndex('tags', 'tags', { multiEntry: true });
        claims.createIndex('type', 'type');
        claims.createIndex('created', 'created');
        claims.createIndex('updated', 'updated');
      };
      request.onsuccess = () => {
        request.result.close();
        resolve();
      };
      request.onerror = () => reject(request.error);
    });
  }, V2);
  const put = (store: string, records: unknown[]) =>
    page.evaluate(
      async ({ store, records }) => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open('claimmark');
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        const tx = db.transaction(store, 'readwrite');
        for (const record of records) tx.objectStore(store).put(record);
        await new Promise<void>((resolve, reject) => {
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        });
        db.close();
      },
      { store, records },
    );
  for (let i = 0; i < library.pages.length; i += BATCH)
    await put('pages', library.pages.slice(i, i + BATCH));
  for (let i = 0; i < library.annotations.length; i += BATCH)
    await put('annotations', library.annotations.slice(i, i + BATCH));
}
