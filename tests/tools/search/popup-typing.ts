/**
 * Typing queries into the popup with real keyboard input, and what the reader would feel: per
 * keystroke, the engine's time and keystroke → results on screen; long tasks (PerformanceObserver
 * 'longtask') and gaps between animation frames over 50 ms. Used by `npm run bench:search` and
 * `npm run bench:sync` (the popup of a library that is syncing).
 */
import type { Page } from 'playwright-core';

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

/**
 * Type each query a key at a time; per keystroke timings and jank while typing. `stop` is asked
 * before each query (the sync bench types until the library has arrived).
 */
export async function typeQueries(
  page: Page,
  delay: number,
  queries: readonly string[] = QUERIES,
  stop: () => boolean = () => false,
) {
  await page.evaluate(() => {
    const w = window as unknown as Record<string, unknown>;
    const inputs: [number, string][] = [];
    const longTasks: [number, number][] = [];
    w.__inputs = inputs;
    w.__longTasks = longTasks;
    w.__frames = { long: [], at: [], last: 0, on: true, tick: null };
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
      on: boolean;
      tick: FrameRequestCallback;
    };
    frames.tick = (t: number) => {
      if (frames.last && frames.on && t - frames.last > 50) {
        frames.long.push(t - frames.last);
        frames.at.push(t);
      }
      frames.last = t;
      requestAnimationFrame(frames.tick);
    };
    requestAnimationFrame(frames.tick);
  });
  const box = page.getByRole('searchbox', { name: 'Search claims' });
  for (const query of queries) {
    if (stop()) break;
    await box.fill('');
    await resultsFor(page, '');
    await page.evaluate(() => {
      const f = (window as unknown as { __frames: { last: number } }).__frames;
      f.last = 0;
    });
    await box.pressSequentially(query, { delay });
    await resultsFor(page, query);
    await page.waitForTimeout(100);
  }
  return page.evaluate(() => {
    const w = window as unknown as {
      __inputs: [number, string][];
      __longTasks: [number, number][];
      __frames: { long: number[]; at: number[] };
    };
    const results = performance
      .getEntriesByName('claimmark:results')
      .map((m) => [m.startTime, (m as PerformanceMark).detail?.query as string] as const);
    const searched = performance
      .getEntriesByName('claimmark:searched')
      .map((m) => (m as PerformanceMark).detail as { query: string; ms: number });
    const start = w.__inputs[0]?.[0] ?? 0;
    const keyToResults: number[] = [];
    let dropped = 0;
    w.__inputs.forEach(([t, value], i) => {
      if (!value) return;
      const next = w.__inputs[i + 1]?.[0] ?? Infinity;
      const shown = results.find(([at, q]) => q === value && at >= t);
      if (shown && shown[0] <= next + 1000) keyToResults.push(shown[0] - t);
      else dropped++;
    });
    const typed = new Set(w.__inputs.map(([, v]) => v).filter(Boolean));
    return {
      searched: searched.filter((s) => typed.has(s.query)),
      engine: searched.filter((s) => typed.has(s.query)).map((s) => s.ms),
      keyToResults,
      dropped,
      longTasks: w.__longTasks.filter(([t]) => t >= start).map(([, d]) => d),
      frames: w.__frames.long,
      // Gaps over 100 ms that no long task overlapped: the page's thread was free, the frame
      // late elsewhere (the browser or GPU process, a starved machine).
      framesWithoutTask: w.__frames.long.filter((gap, i) => {
        const end = w.__frames.at[i]!;
        return gap > 100 && !w.__longTasks.some(([t, d]) => t < end && t + d > end - gap);
      }).length,
    };
  });
}
