/**
 * Reading the library again when it changes, at the pace a burst of writes allows. Data code:
 * Dexie, no DOM.
 *
 * A `liveQuery` runs its query again after every transaction that touches what it read: while a
 * sync brings a library in (a transaction per 1,000 claims, and the search index's own writes),
 * a count and the tag list of the options page ran dozens of times, walking every tag each time,
 * on the main thread that the popup shares with the options page (extension pages run in one
 * process). Here the work runs once for many writes, and less often the longer it takes.
 */
import { Dexie } from 'dexie';

export interface ChangePace {
  /** The work runs this long after a write (writes meanwhile are taken in too), in ms. */
  delayMs: number;
  /** While writes keep coming, it runs at most once in this long (ms)… */
  everyMs: number;
  /** …and leaves at least this many times what its last run took between two runs. */
  share: number;
}

export const DEFAULT_PACE: ChangePace = { delayMs: 150, everyMs: 1_000, share: 4 };

/**
 * Run `work` after writes to `tables` of `db`, made here or in any other context of the
 * extension (Dexie relays them), coalesced at `pace`; a write during a run makes one more run
 * after it. Returns the function that stops listening.
 */
export function whenTablesChange(
  db: Dexie,
  tables: readonly string[],
  work: () => Promise<unknown>,
  pace: ChangePace = DEFAULT_PACE,
): () => void {
  const prefixes = tables.map((table) => `idb://${db.name}/${table}/`);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let again = false;
  let next = 0;
  let closed = false;
  const run = () => {
    timer = undefined;
    running = true;
    const started = Date.now();
    void work()
      .catch(() => {})
      .then(() => {
        running = false;
        const took = Date.now() - started;
        next = Date.now() + Math.max(pace.everyMs, pace.share * took);
        if (again && !closed) schedule();
      });
  };
  const schedule = () => {
    again = running;
    if (running || timer !== undefined) return; // a run is coming: it will see this write
    timer = setTimeout(run, Math.max(pace.delayMs, next - Date.now()));
  };
  const onMutated = (parts: Record<string, unknown>) => {
    if (Object.keys(parts).some((part) => prefixes.some((p) => part.startsWith(p)))) schedule();
  };
  Dexie.on('storagemutated', onMutated);
  return () => {
    closed = true;
    clearTimeout(timer);
    Dexie.on.storagemutated.unsubscribe(onMutated);
  };
}
