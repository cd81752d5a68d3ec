/**
 * Watch a document for changes that matter to painted claims — content arriving late, a page's
 * own re-render dropping our highlights — and call back once things settle (debounced).
 * Changes Claimmark makes itself are dropped with `quiet(fn)`, so painting never loops.
 * DOM code: the document is a parameter. Started only on pages that have claims.
 */
import { UI_ATTRIBUTE } from './anchoring/text-model';

export interface DomWatcher {
  /** Run `change` (our own DOM work) without it being reported. */
  quiet<T>(change: () => T): T;
  stop(): void;
}

export function watchDom(doc: Document, onSettled: () => void, debounceMs = 250): DomWatcher {
  const view = doc.defaultView;
  if (!view || !doc.body) return { quiet: (change) => change(), stop: () => {} };
  let timer: number | undefined;
  let quieted = 0;

  const relevant = (records: MutationRecord[]) =>
    records.some((record) => {
      const target =
        record.target instanceof view.Element ? record.target : record.target.parentElement;
      return !target?.closest(`[${UI_ATTRIBUTE}]`);
    });

  const schedule = () => {
    if (timer !== undefined) view.clearTimeout(timer);
    timer = view.setTimeout(() => {
      timer = undefined;
      onSettled();
    }, debounceMs);
  };
  const observer = new view.MutationObserver((records) => {
    if (relevant(records)) schedule();
  });
  const body = doc.body;
  let stopped = false;
  const observe = () => {
    if (!stopped) observer.observe(body, { childList: true, subtree: true, characterData: true });
  };
  observe();

  return {
    quiet(change) {
      if (quieted > 0) return change();
      // Not observed while we change the page: taking the records of our own changes afterwards
      // would wrap every one of them (~3 a mark) for nothing. The page's own, before, still count.
      if (relevant(observer.takeRecords())) schedule();
      observer.disconnect();
      quieted++;
      try {
        return change();
      } finally {
        quieted--;
        observe();
      }
    },
    stop() {
      stopped = true;
      observer.disconnect();
      if (timer !== undefined) view.clearTimeout(timer);
    },
  };
}
