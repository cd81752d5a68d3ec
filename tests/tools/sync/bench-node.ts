/**
 * The first sync in Node (`SYNC_BENCH_NODE=1 npm run bench:sync`): the background's own bridge
 * and PouchDB code over fake-indexeddb against the same pouchdb-server, step by step (Dexie →
 * mirror → server → mirror B → Dexie B) — where the time goes, without browsers. fake-indexeddb
 * is slower than Chromium's IndexedDB and keeps every database in the heap.
 */
import 'fake-indexeddb/auto';
import { startCouchServer } from '../../support/couch-server';
import { openDevice, type Device } from '../../support/sync-device';
import type { Annotation, Page } from '../../../utils/core/model';

function library(n: number): { claims: Annotation[]; pages: Page[] } {
  const pages: Page[] = [];
  const claims: Annotation[] = [];
  const time = '2026-01-01T00:00:00.000Z';
  for (let p = 0; p < Math.ceil(n / 20); p++) {
    pages.push({
      url: `https://news.example/story-${p}`,
      aliases: [],
      title: `Story ${p}: TikTok Shop and the $17 billion question`,
      byline: 'A. Writer',
      siteName: 'News',
      publishedTime: time,
      lang: 'en',
      excerpt: 'An excerpt of the story, a sentence or two long, as Readability finds it.',
      firstSeen: time,
      lastSeen: time,
    });
  }
  for (let i = 0; i < n; i++) {
    const quote = `Claim ${i}: revenue grew ${i % 97}% to $${i % 50} billion in the quarter`;
    claims.push({
      id: crypto.randomUUID(),
      url: pages[Math.floor(i / 20)]!.url,
      quote,
      selectors: [
        { type: 'TextQuoteSelector', exact: quote, prefix: 'the company said ', suffix: ', up' },
        { type: 'TextPositionSelector', start: i * 10, end: i * 10 + quote.length },
      ],
      type: 'figure',
      tags: ['earnings', `q${(i % 4) + 1}`],
      note: i % 3 === 0 ? 'Compare with the guidance given in the last call.' : '',
      created: time,
      updated: time,
    });
  }
  return { claims, pages };
}

async function seconds<T>(task: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await task();
  return [value, (performance.now() - start) / 1000];
}

/** The Node table, in Markdown. */
export async function benchNode(sizes: readonly number[]): Promise<string> {
  const server = await startCouchServer();
  const rows: string[][] = [];
  try {
    await server.createUser('alice', 'alice-pw');
    await server.createUser('bob', 'bob-pw');
    for (const n of sizes) {
      const database = `bench-${n}`;
      await server.createDatabase(database, ['alice', 'bob']);
      const options = { server: server.url, database };
      const a: Device = await openDevice({ ...options, user: 'alice', password: 'alice-pw' });
      const b: Device = await openDevice({ ...options, user: 'bob', password: 'bob-pw' });
      const { claims, pages } = library(n);
      await a.db.pages.bulkPut(pages);
      for (let i = 0; i < claims.length; i += 5000) {
        await a.db.annotations.bulkPut(claims.slice(i, i + 5000));
      }
      const heapBefore = process.memoryUsage().heapUsed;
      const [, push] = await seconds(() => a.bridge.push());
      const [, upload] = await seconds(() => a.local.replicate.to(a.remote, { batch_size: 500 }));
      const [, download] = await seconds(() =>
        b.local.replicate.from(b.remote, { batch_size: 500 }),
      );
      const [, pull] = await seconds(() => b.bridge.pull());
      const heapAfter = process.memoryUsage().heapUsed;
      const arrived = await b.db.annotations.count();
      // One edit, A's Dexie → B's Dexie (one-shot rounds; live replication adds its poll).
      const target = claims[0]!;
      const latencies: number[] = [];
      for (let k = 0; k < 5; k++) {
        const [, t] = await seconds(async () => {
          await a.handlers['annotation:update']({ id: target.id, patch: { note: `edit ${k}` } });
          await a.sync();
          await b.sync();
        });
        const got = await b.db.annotations.get(target.id);
        if (got?.note !== `edit ${k}`) throw new Error('the edit did not arrive');
        latencies.push(t * 1000);
      }
      latencies.sort((x, y) => x - y);
      rows.push([
        n.toLocaleString('en'),
        `${push.toFixed(1)} s`,
        `${upload.toFixed(1)} s`,
        `${download.toFixed(1)} s`,
        `${pull.toFixed(1)} s`,
        `${(push + upload + download + pull).toFixed(1)} s`,
        arrived === n ? 'all' : `${arrived}`,
        `${latencies[2]!.toFixed(0)} ms`,
        `${((heapAfter - heapBefore) / 1024 / 1024).toFixed(0)} MB`,
      ]);
      await a.close();
      await b.close();
    }
  } finally {
    await server.close();
  }
  const head = [
    'claims',
    'Dexie→mirror',
    'mirror→server',
    'server→mirror B',
    'mirror→Dexie B',
    'total',
    'arrived',
    'edit A→B (median of 5)',
    'heap Δ',
  ];
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}
