/**
 * Typing queries into the popup with real keyboard input, and what the reader would feel: per
 * keystroke, the engine's time and keystroke → results on screen; long tasks (PerformanceObserver
 * 'longtask') and gaps between animation frames over 50 ms. Used by `npm run bench:search` and
 * `npm run bench:sync` (the popup of a library that is syncing).
 */
import type { Page } from 'playwright-core';
import { LATE_FRAME_STAMP } from '../bench/trace';

export const QUERIES = [
  'tiktok',
  '$10',
  'whale strandings',
  'minecraft server crash',
  'tag:e-commerce shop',
  '"new zealand"',
  'obama gun',
  'type:quote nintendo',
  'site:bloomberg.com mario',
  'renseignement',
  'facebook acquisition -zuckerberg',
  '17 billion',
];

/** Wait until the popup shows the results of `query`. */
export function resultsFor(page: Page, query: string, timeout = 120_000) {
  return page.waitForFunction(
    (q) => {
      const count = document.querySelector('.count');
      return count?.getAttribute('data-query') === q && count.textContent !== 'Loading…';
    },
    query,
    { timeout, polling: 10 },
  );
}

/** Between two queries: the results of one are read this long before the box is cleared. */
export const PAUSE_MS = 1000;

/**
 * The page's instruments, installed once per page (a second round of typing adds no listener):
 * every input event, long task and gap between animation frames over 50 ms, with its time, so
 * that a round reads only what happened during it.
 */
async function instrument(page: Page): Promise<void> {
  await page.evaluate((lateFrameStamp) => {
    const w = window as unknown as Record<string, unknown>;
    if (w.__frames) return;
    const inputs: [number, string][] = [];
    const longTasks: [number, number][] = [];
    w.__inputs = inputs;
    w.__longTasks = longTasks;
    w.__frames = { long: [], at: [], last: 0, tick: null };
    document
      .querySelector('input.search')!
      .addEventListener('input', (e) =>
        inputs.push([performance.now(), (e.target as HTMLInputElement).value]),
      );
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: false });
    // No named functions here: tsx would wrap them in a helper the page does not have.
    const frames = w.__frames as {
      long: number[];
      at: number[];
      last: number;
      tick: FrameRequestCallback;
    };
    frames.tick = (t: number) => {
      if (frames.last && t - frames.last > 50) {
        frames.long.push(t - frames.last);
        frames.at.push(t);
        // For a trace (SYNC_BENCH_POPUP_TRACE): what ran in the gap (trace.ts lateFramesOf).
        if (t - frames.last > 100) console.timeStamp(`${lateFrameStamp} ${t - frames.last}`);
      }
      frames.last = t;
      requestAnimationFrame(frames.tick);
    };
    requestAnimationFrame(frames.tick);
  }, LATE_FRAME_STAMP);
}

/**
 * Type each query a key at a time, at a reader's pace: a key every `delay` ms on a fixed clock
 * (a key the page was slow to take is not followed by a burst: the next waits for its own slot),
 * the query's results read for PAUSE_MS, then the box cleared. Per keystroke timings and jank
 * while typing: every frame and long task of the page from the round's first key to its end,
 * including the clearing of the box between queries. `stop` is asked before each query (the sync
 * bench types the queries over and over until the library has arrived: one round, one window).
 */
export async function typeQueries(
  page: Page,
  delay: number,
  queries: Iterable<string> = QUERIES,
  stop: () => boolean = () => false,
) {
  await instrument(page);
  const box = page.getByRole('searchbox', { name: 'Search claims' });
  const since = await page.evaluate(() => performance.now());
  for (const query of queries) {
    if (stop()) break;
    await box.fill('');
    await resultsFor(page, '');
    await box.focus();
    let slot = performance.now();
    for (const key of query) {
      await page.keyboard.type(key);
      slot += delay;
      const wait = slot - performance.now();
      if (wait > 0) await page.waitForTimeout(wait);
      else slot = performance.now();
    }
    await resultsFor(page, query);
    await page.waitForTimeout(PAUSE_MS);
  }
  return page.evaluate((since) => {
    const w = window as unknown as {
      __inputs: [number, string][];
      __longTasks: [number, number][];
      __frames: { long: number[]; at: number[] };
    };
    const results = performance
      .getEntriesByName('claimmark:results')
      .filter((m) => m.startTime >= since)
      .map((m) => [m.startTime, (m as PerformanceMark).detail?.query as string] as const);
    const inputs = w.__inputs.filter(([t]) => t >= since);
    const typed = new Set(inputs.map(([, v]) => v).filter(Boolean));
    const searched = performance
      .getEntriesByName('claimmark:searched')
      .filter((m) => m.startTime >= since)
      .map((m) => (m as PerformanceMark).detail as { query: string; ms: number })
      .filter((s) => typed.has(s.query));
    const keyToResults: number[] = [];
    let dropped = 0;
    inputs.forEach(([t, value], i) => {
      if (!value) return;
      const next = inputs[i + 1]?.[0] ?? Infinity;
      const shown = results.find(([at, q]) => q === value && at >= t);
      if (shown && shown[0] <= next + 1000) keyToResults.push(shown[0] - t);
      else dropped++;
    });
    const longTasks = w.__longTasks.filter(([t]) => t >= since);
    const frames = w.__frames.long
      .map((gap, i) => [gap, w.__frames.at[i]!] as const)
      .filter(([gap, end]) => end - gap >= since);
    return {
      /** Keys typed (input events with text in the box). */
      keystrokes: inputs.filter(([, v]) => v).length,
      searched,
      engine: searched.map((s) => s.ms),
      keyToResults,
      dropped,
      longTasks: longTasks.map(([, d]) => d),
      frames: frames.map(([gap]) => gap),
      // Gaps over 100 ms that no long task overlapped: the page's thread was free, the frame
      // late elsewhere (the browser or GPU process, a starved machine).
      framesWithoutTask: frames.filter(
        ([gap, end]) => gap > 100 && !longTasks.some(([t, d]) => t < end && t + d > end - gap),
      ).length,
    };
  }, since);
}
