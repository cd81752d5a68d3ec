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
  profile(): Promise<() => Promise<CpuProfile>>;
  close(): Promise<void>;
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
    async profile() {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
      await cdp.send('Profiler.start');
      return async () => {
        const { profile } = await cdp.send('Profiler.stop');
        const times = selfTimes(profile);
        return { busyMs: times.busyUs / 1000, top: (n) => times.top(n) };
      };
    },
    async close() {
      await cdp.detach().catch(() => {});
      await browser.disconnect();
    },
  };
}
