/**
 * The extension's service worker over the Chrome DevTools Protocol, for `npm run bench:sync`:
 * its JS heap, and CPU profiles (how long the worker computed during an edit, where a first sync
 * spends its time). Playwright opens CDP sessions for pages only, so the profile is started with
 * a DevTools port on 127.0.0.1 (`debugArgs`) and puppeteer-core attaches to the worker through it.
 */
import { selfTimes } from '../bench/self-time';
import puppeteer, { type Browser, type CDPSession } from 'puppeteer-core';

export interface WorkerCdp {
  /** JS heap in use by the worker (after a garbage collection when `collect`), in bytes. */
  heap(collect?: boolean): Promise<number>;
  /** Start sampling; the returned function stops and gives the profile's figures. */
  profile(intervalUs?: number): Promise<() => Promise<CpuProfile>>;
  /**
   * Count the worker's IndexedDB requests from now on (every request method of object stores,
   * indexes and cursors, by database and store); the returned function reads the counts so far.
   */
  countRequests(): Promise<() => Promise<Record<string, number>>>;
  /**
   * Sample the worker's allocations from now on, garbage included (V8's sampling heap profiler
   * keeping objects the collector freed); the returned function stops and gives the functions
   * that allocated the most, one per line.
   */
  allocations(): Promise<(n: number) => Promise<string>>;
  close(): Promise<void>;
}

interface SamplingNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: SamplingNode[];
}

export interface CpuProfile {
  /** Sampled time not idle (the worker's JavaScript, GC and its own program), in ms. */
  busyMs: number;
  /** The functions with the most self time, formatted one per line. */
  top(n: number): string;
}

/** Chromium arguments that open the DevTools port on 127.0.0.1. */
export const debugArgs = (port: number) => [
  `--remote-debugging-port=${port}`,
  '--remote-debugging-address=127.0.0.1',
];

/** Attach to the service worker of `extensionId` in the Chromium listening on `port`. */
export async function attachWorker(port: number, extensionId: string): Promise<WorkerCdp> {
  const browser: Browser = await puppeteer.connect({
    browserURL: `http://127.0.0.1:${port}`,
    defaultViewport: null,
    // Only the worker: the pages stay Playwright's.
    targetFilter: (t) => t.type() === 'service_worker' || t.type() === 'browser',
  });
  const url = `chrome-extension://${extensionId}/background.js`;
  const target = await browser.waitForTarget(
    (t) => t.type() === 'service_worker' && t.url() === url,
    { timeout: 10_000 },
  );
  const cdp: CDPSession = await target.createCDPSession();
  return {
    async heap(collect = true) {
      if (collect) await cdp.send('HeapProfiler.collectGarbage');
      const { usedSize } = await cdp.send('Runtime.getHeapUsage');
      return usedSize;
    },
    async profile(intervalUs = 500) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: intervalUs });
      await cdp.send('Profiler.start');
      return async () => {
        const { profile } = await cdp.send('Profiler.stop');
        const times = selfTimes(profile);
        return { busyMs: times.busyUs / 1000, top: (n) => times.top(n) };
      };
    },
    async countRequests() {
      const { exceptionDetails } = await cdp.send('Runtime.evaluate', {
        expression: COUNT_IDB_REQUESTS,
      });
      if (exceptionDetails) throw new Error(exceptionDetails.text);
      return async () => {
        const { result } = await cdp.send('Runtime.evaluate', {
          expression: 'JSON.stringify(globalThis.__idbRequests)',
          returnByValue: true,
        });
        return JSON.parse(String(result.value)) as Record<string, number>;
      };
    },
    async allocations() {
      await cdp.send('HeapProfiler.enable');
      await cdp.send('HeapProfiler.startSampling', {
        samplingInterval: 64 * 1024,
        includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: true,
      } as never);
      return async (n) => {
        const { profile } = (await cdp.send('HeapProfiler.stopSampling')) as unknown as {
          profile: { head: SamplingNode };
        };
        const by = new Map<string, number>();
        let total = 0;
        const walk = (node: SamplingNode) => {
          const { functionName, url, lineNumber } = node.callFrame;
          const key = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber + 1}`;
          by.set(key, (by.get(key) ?? 0) + node.selfSize);
          total += node.selfSize;
          node.children.forEach(walk);
        };
        walk(profile.head);
        const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0).padStart(6)} MB`;
        return [
          `allocated (sampled, garbage included): ${mb(total)}`,
          ...[...by]
            .sort((a, b) => b[1] - a[1])
            .slice(0, n)
            .map(([k, v]) => `${mb(v)}  ${k}`),
        ].join('\n');
      };
    },
    async close() {
      await cdp.detach().catch(() => {});
      await browser.disconnect();
    },
  };
}

/**
 * Runs in the worker: wraps IndexedDB's request methods to count them, by `db/store.method`
 * (PouchDB's databases as `pouch`). Installed once; a second run resets the counts. A string, not
 * a function: the bundler's helpers (`__name`) do not exist in the worker.
 */
const COUNT_IDB_REQUESTS = `(() => {
  const g = globalThis;
  g.__idbRequests = {};
  if (g.__idbWrapped) return;
  g.__idbWrapped = 1;
  const dbName = (name) => (name.startsWith('_pouch_') ? 'pouch' : name);
  const storeName = (store) => dbName(store.transaction.db.name) + '/' + store.name;
  const wrap = (proto, methods, where) => {
    for (const method of methods) {
      const original = proto[method];
      if (typeof original !== 'function') continue;
      proto[method] = function (...args) {
        const key = where(this) + '.' + method;
        g.__idbRequests[key] = (g.__idbRequests[key] || 0) + 1;
        return original.apply(this, args);
      };
    }
  };
  const methods = ['get', 'getAll', 'getAllKeys', 'getKey', 'count', 'openCursor', 'openKeyCursor'];
  wrap(IDBObjectStore.prototype, [...methods, 'put', 'add', 'delete', 'clear'], storeName);
  wrap(IDBIndex.prototype, methods, (i) => storeName(i.objectStore) + '[' + i.name + ']');
  wrap(IDBCursor.prototype, ['continue', 'advance', 'update', 'delete', 'continuePrimaryKey'], (c) =>
    c.source instanceof IDBIndex
      ? storeName(c.source.objectStore) + '[' + c.source.name + ']'
      : storeName(c.source),
  );
  wrap(IDBDatabase.prototype, ['transaction'], (d) => dbName(d.name));
})()`;
