/**
 * Long work in slices that yield to the event loop between them, so that no main-thread task runs
 * long enough for the page to stop answering input (a "long task" is one over 50 ms). Small jobs
 * are not delayed: the first slice runs in the caller's task and takes `firstItems` items, whatever
 * the time; later slices take what fits their time budget.
 *
 * The clock and the way to yield are injected ({@link clockOf} builds them from a window), so
 * tests drive the slicing with a fake clock.
 *
 * Used to anchor and paint a page's claims (utils/page/session/): a list of items, processed in
 * batches. Its sibling utils/export/work.ts is for record-by-record work that reports progress
 * to a progress bar (exports, imports, the search index catching up).
 */

export interface SliceClock {
  /** Milliseconds, monotonic. */
  now(): number;
  /** Resolve in a later task, letting input and rendering in first. */
  yield(): Promise<void>;
}

export interface SliceOptions {
  /** Time a slice may take (its `open`, `take`s and `close`), in ms of `clock.now()`. */
  budgetMs: number;
  /**
   * Items the first slice takes, whatever the time: work this small finishes in the caller's task,
   * and the time they take tells later slices how many items fit.
   */
  firstItems: number;
}

export interface SliceSteps<T, S> {
  /** Begin a slice (e.g. read the DOM afresh: it may have changed while we yielded). */
  open(): S;
  take(slice: S, item: T): void;
  /** End a slice (e.g. write the DOM once for all the items it took). */
  close(slice: S): void;
  /** Asked after each yield: true stops the work, leaving the remaining items. */
  cancelled(): boolean;
}

export const DEFAULT_SLICES: SliceOptions = { budgetMs: 12, firstItems: 50 };

/**
 * Work through `items` in slices. After the first, a slice stops taking items when the time spent
 * so far plus what its `close` is expected to take (measured per item on earlier slices) reaches
 * the budget; it takes one at least.
 * Runs synchronously up to the first yield; resolves true when every item was taken, false when
 * cancelled.
 */
export async function inSlices<T, S>(
  items: readonly T[],
  steps: SliceSteps<T, S>,
  clock: SliceClock,
  options: SliceOptions = DEFAULT_SLICES,
): Promise<boolean> {
  let next = 0;
  let closePerItem = 0;
  for (let first = true; next < items.length; first = false) {
    if (!first) {
      await clock.yield();
      if (steps.cancelled()) return false;
    }
    // The first slice reads no clock: it takes `firstItems` whatever the time, and only when more
    // items follow is its `close` timed for them (a page painted in one slice asks nothing of the
    // window's clock: a content script's first use of `performance` costs ~0.1 ms).
    const started = first ? 0 : clock.now();
    const slice = steps.open();
    let taken = 0;
    do {
      steps.take(slice, items[next++]!);
      taken++;
    } while (
      next < items.length &&
      (first
        ? taken < options.firstItems
        : clock.now() - started + closePerItem * (taken + 1) < options.budgetMs)
    );
    const timed = next < items.length;
    const closing = timed ? clock.now() : 0;
    steps.close(slice);
    if (timed) closePerItem = Math.max(closePerItem * 0.5, (clock.now() - closing) / taken);
  }
  return true;
}

interface YieldingWindow {
  performance?: { now(): number };
  scheduler?: { yield?: () => Promise<void> };
  MessageChannel?: typeof MessageChannel;
  setTimeout(handler: () => void, ms?: number): unknown;
}

/**
 * A clock over a window: `scheduler.yield()` where there is one (it resumes ahead of other
 * queued work), else a MessageChannel message (not throttled in background tabs, unlike timers),
 * else a zero timeout.
 */
export function clockOf(view: YieldingWindow): SliceClock {
  // Both looked up on first use: in a content script every window interface is set up on its
  // first use, and a page with a few claims is painted in one slice, reading neither.
  let now: (() => number) | undefined;
  let yielder: (() => Promise<void>) | undefined;
  return {
    now: () => (now ??= nowOf(view))(),
    yield: () => (yielder ??= yielderOf(view))(),
  };
}

function nowOf(view: YieldingWindow): () => number {
  const performance = view.performance;
  return performance ? () => performance.now() : () => Date.now();
}

function yielderOf(view: YieldingWindow): () => Promise<void> {
  const scheduler = view.scheduler;
  if (typeof scheduler?.yield === 'function') return () => scheduler.yield!();
  if (view.MessageChannel) {
    const channel = new view.MessageChannel();
    const waiting: (() => void)[] = [];
    channel.port1.onmessage = () => waiting.shift()?.();
    return () =>
      new Promise<void>((resolve) => {
        waiting.push(resolve);
        channel.port2.postMessage(null);
      });
  }
  return () => new Promise<void>((resolve) => void view.setTimeout(resolve, 0));
}
