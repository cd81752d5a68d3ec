/**
 * First sync in real Chromium (part of `npm run bench:sync`): profile A holds N claims, connects
 * through Options → Sync and uploads them; profile B connects and downloads them. Times from
 * Connect to "every claim in B's database". pouchdb-server on 127.0.0.1.
 */
import type { Page } from 'playwright-core';
import { launchExtension, type ExtensionBrowser } from '../../e2e/harness';
import { startCouchServer } from '../../support/couch-server';
import { connectSync, openSyncOptions } from '../../support/sync-ui';

/** Claims in this profile's database, counted with plain IndexedDB in an extension page. */
function countClaims(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((done, fail) => {
        const open = indexedDB.open('claimmark');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('annotations').objectStore('annotations').count();
          request.onsuccess = () => {
            open.result.close();
            done(request.result);
          };
        };
      }),
  );
}

/** N claims written straight into A's database (connecting queues every one of them). */
function fill(page: Page, n: number): Promise<void> {
  return page.evaluate(
    (n) =>
      new Promise<void>((done, fail) => {
        const open = indexedDB.open('claimmark');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['annotations', 'pages'], 'readwrite');
          const time = '2026-01-01T00:00:00.000Z';
          for (let p = 0; p < Math.ceil(n / 20); p++) {
            tx.objectStore('pages').put({
              url: `https://news.example/story-${p}`,
              aliases: [],
              title: `Story ${p}`,
              byline: '',
              siteName: 'News',
              publishedTime: '',
              lang: 'en',
              excerpt: '',
              firstSeen: time,
              lastSeen: time,
            });
          }
          for (let i = 0; i < n; i++) {
            const quote = `Claim ${i}: revenue grew ${i % 97}% to $${i % 50} billion`;
            tx.objectStore('annotations').put({
              id: crypto.randomUUID(),
              url: `https://news.example/story-${Math.floor(i / 20)}`,
              quote,
              selectors: [{ type: 'TextQuoteSelector', exact: quote, prefix: '', suffix: '' }],
              type: 'figure',
              tags: ['earnings'],
              note: '',
              created: time,
              updated: time,
            });
          }
          tx.oncomplete = () => {
            open.result.close();
            done();
          };
          tx.onerror = () => fail(tx.error);
        };
      }),
    n,
  );
}

async function until(check: () => Promise<boolean>, limitMs: number): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function benchChromium(n: number): Promise<string[]> {
  const couch = await startCouchServer();
  const browsers: ExtensionBrowser[] = [];
  try {
    await couch.createUser('alice', 'alice-pw');
    await couch.createUser('bob', 'bob-pw');
    await couch.createDatabase('team', ['alice', 'bob']);
    const a = await launchExtension();
    const b = await launchExtension();
    browsers.push(a, b);
    const pageA = await openSyncOptions(a);
    await fill(pageA, n);
    const started = Date.now();
    await connectSync(a, {
      server: couch.url,
      database: 'team',
      user: 'alice',
      password: 'alice-pw',
    });
    await until(async () => {
      const info = (await couch.request('GET', '/team')).json as { doc_count?: number };
      return (info.doc_count ?? 0) >= n;
    }, 30 * 60_000);
    const uploaded = (Date.now() - started) / 1000;
    const pageB = await openSyncOptions(b);
    const downloadStart = Date.now();
    await connectSync(b, { server: couch.url, database: 'team', user: 'bob', password: 'bob-pw' });
    await until(async () => (await countClaims(pageB)) >= n, 30 * 60_000);
    const downloaded = (Date.now() - downloadStart) / 1000;
    return [n.toLocaleString('en'), `${uploaded.toFixed(1)} s`, `${downloaded.toFixed(1)} s`];
  } finally {
    for (const browser of browsers) await browser.close().catch(() => {});
    await couch.close();
  }
}
