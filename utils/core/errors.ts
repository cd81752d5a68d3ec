/**
 * Turning what a handler threw into the text a reader sees. Pure: errors are recognised by name,
 * so this module needs neither Dexie nor the DOM.
 *
 * Storage full: IndexedDB refuses a write with a DOMException named `QuotaExceededError`. Dexie
 * passes it on as is, maps it to `Dexie.QuotaExceededError` (same name), or — when the browser
 * aborts the whole transaction at commit, the usual case in Chromium — rejects with an
 * `AbortError` whose `inner` is the quota error. Bulk writes collect it in `failures`.
 */

/** What the reader is told when the browser has no room left for Claimmark's data. */
export const STORAGE_FULL_MESSAGE =
  'Storage is full: the browser has no room left for Claimmark’s data. ' +
  'Free some disk space or delete claims you no longer need, then retry.';

/** Names browsers give a refused write for lack of room (Firefox's older name included). */
const QUOTA_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);
/** The legacy DOMException code of QUOTA_EXCEEDED_ERR. */
const QUOTA_CODE = 22;

/** Whether `error`, or an error it wraps (`inner`, `cause`, bulk `failures`), is a quota error. */
export function isQuotaError(error: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0 && seen.size < 20) {
    const next = queue.shift();
    if (typeof next !== 'object' || next === null || seen.has(next)) continue;
    seen.add(next);
    const record = next as Record<string, unknown>;
    if (typeof record.name === 'string' && QUOTA_NAMES.has(record.name)) return true;
    if (isDomException(next) && record.code === QUOTA_CODE) return true;
    queue.push(record.inner, record.cause);
    if (Array.isArray(record.failures)) queue.push(...record.failures);
  }
  return false;
}

function isDomException(value: object): boolean {
  return typeof DOMException === 'function' && value instanceof DOMException;
}

/** The message for a thrown value: a clear sentence for storage full, else its own message. */
export function errorMessage(error: unknown): string {
  if (isQuotaError(error)) return STORAGE_FULL_MESSAGE;
  return error instanceof Error ? error.message : String(error);
}
