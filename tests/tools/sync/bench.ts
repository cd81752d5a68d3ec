/**
 * npm run bench:sync — what sync costs, against a real pouchdb-server on 127.0.0.1 (started and
 * removed here): the first sync of N claims from one device to the server and on to a second
 * device, one edit's latency from device A's Dexie to device B's, the background bundle's size with
 * PouchDB, and the heap the mirror adds. In Node (fake-indexeddb), the same bridge and PouchDB
 * code as the extension's background. `SYNC_BENCH_SIZES=10000,100000` picks the library sizes.
 */
import 'fake-indexeddb/auto';
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { build } from 'esbuild';
import { startCouchServer } from '../../support/couch-server';
import { openDevice, type Device } from '../../support/sync-device';
import { benchChromium } from './bench-chromium';
import type { Annotation, Page } from '../../../utils/core/model';

const SIZES = (process.env.SYNC_BENCH_SIZES ?? '10000')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);

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

async function bundleSizes(): Promise<{
  background?: number;
  backgroundGzip?: number;
  pouch: number;
  pouchGzip: number;
}> {
  const file = join('.output', 'chrome-mv3', 'background.js');
  const background = existsSync(file) ? readFileSync(file) : undefined;
  const pouch = await build({
    stdin: {
      contents: "import P from 'pouchdb-browser'; globalThis.P = P;",
      resolveDir: process.cwd(),
    },
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'browser',
  });
  const code = pouch.outputFiles[0]!.contents;
  return {
    background: background?.length,
    backgroundGzip: background ? gzipSync(background).length : undefined,
    pouch: code.length,
    pouchGzip: gzipSync(code).length,
  };
}

const kb = (n?: number) =>
  n === undefined ? 'n/a (run wxt build)' : `${(n / 1024).toFixed(0)} KB`;

async function main(): Promise<void> {
  const server = await startCouchServer();
  const rows: string[][] = [];
  try {
    await server.createUser('alice', 'alice-pw');
    await server.createUser('bob', 'bob-pw');
    for (const n of SIZES) {
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
  const chromium: string[][] = [];
  for (const n of SIZES) chromium.push(await benchChromium(n));
  const sizes = await bundleSizes();
  console.log('\nFirst sync and one edit (pouchdb-server on 127.0.0.1, Node + fake-indexeddb)\n');
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
  console.log(`| ${head.join(' | ')} |\n|${head.map(() => '---').join('|')}|`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  console.log('\nFirst sync in real Chromium (Options → Connect to every claim there)\n');
  console.log(
    '| claims | A: Connect → all on the server | B: Connect → all in its database |\n|---|---|---|',
  );
  for (const row of chromium) console.log(`| ${row.join(' | ')} |`);
  console.log('\nBackground bundle\n');
  console.log('| what | raw | gzip |\n|---|---|---|');
  console.log(
    `| background.js (with PouchDB) | ${kb(sizes.background)} | ${kb(sizes.backgroundGzip)} |`,
  );
  console.log(`| pouchdb-browser alone (minified) | ${kb(sizes.pouch)} | ${kb(sizes.pouchGzip)} |`);
}

await main();
