/**
 * Long exports and imports in slices, so the page that runs them stays responsive: the work
 * calls `tick()` between records; once a slice has run `sliceMs`, `tick()` yields to the event
 * loop (rendering and input run) and reports progress. Pure: no DOM; the yield is injectable.
 * (Painting a page's claims in batches uses utils/core/slices.ts instead: no progress to report.)
 */

export type WorkPhase = 'read' | 'check' | 'plan' | 'write' | 'export';

export interface Progress {
  phase: WorkPhase;
  /** Records done in this phase. */
  done: number;
  /** Records in this phase (0 when unknown). */
  total: number;
}

export interface WorkOptions {
  /** Called after each slice and at the end of each phase. */
  onProgress?: (progress: Progress) => void;
  /** Stops the work at the next slice (rejects with the signal's reason). */
  signal?: AbortSignal;
  /** Longest stretch of work between yields, in ms (default 12). */
  sliceMs?: number;
  /** How to give the event loop a turn (default: scheduler.yield, MessageChannel or setTimeout). */
  yieldToUi?: () => Promise<void>;
}

export interface Slicer {
  /** Call between records: yields (and reports) once the slice has used its time. */
  tick(phase: WorkPhase, done: number, total: number): Promise<void> | undefined;
  /** Report progress now (e.g. at the end of a phase). */
  report(phase: WorkPhase, done: number, total: number): void;
  /** The longest slice so far, in ms (for the benchmark). */
  readonly longestSliceMs: number;
}

const clock: () => number =
  typeof performance === 'object' ? () => performance.now() : () => Date.now();

export function defaultYield(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return behindOtherTasks();
}

/**
 * A turn for the page's other tasks: a message to itself, queued behind them (`scheduler.yield()`
 * resumes ahead of them), or a timer where there is no MessageChannel.
 */
export function behindOtherTasks(): Promise<void> {
  if (typeof MessageChannel !== 'function') return new Promise((r) => setTimeout(r, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

export function createSlicer(options: WorkOptions = {}): Slicer {
  const sliceMs = options.sliceMs ?? 12;
  const yieldToUi = options.yieldToUi ?? defaultYield;
  let sliceStart = clock();
  let longest = 0;

  async function pause(phase: WorkPhase, done: number, total: number): Promise<void> {
    longest = Math.max(longest, clock() - sliceStart);
    options.onProgress?.({ phase, done, total });
    await yieldToUi();
    options.signal?.throwIfAborted();
    sliceStart = clock();
  }

  return {
    tick(phase, done, total) {
      if (clock() - sliceStart < sliceMs) return undefined;
      return pause(phase, done, total);
    },
    report(phase, done, total) {
      longest = Math.max(longest, clock() - sliceStart);
      options.onProgress?.({ phase, done, total });
    },
    get longestSliceMs() {
      return Math.max(longest, clock() - sliceStart);
    },
  };
}
