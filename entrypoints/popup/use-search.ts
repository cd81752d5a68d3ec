/**
 * The popup's search state: runs the query as the reader types (debounced), again when the
 * library changes (a claim saved in a tab, an import), and records User Timing marks the
 * benchmark reads (`claimmark:results`, detail { query, total, ms }).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { Dexie } from 'dexie';
import type { ClaimmarkDB } from '../../utils/store/db';
import type { SearchEngine, SearchResults } from '../../utils/search/engine';

/** Keystrokes closer than this make one search. */
export const DEBOUNCE_MS = 60;
/** The results are refreshed this long after a write (writes meanwhile are taken in too). */
const CHANGE_DELAY_MS = 150;
/**
 * While writes keep coming (a sync bringing a library in batches), the results are refreshed at
 * most once in this long, and once in four times what the last refresh took: each one reads the
 * whole index again (in the background of the popup, keystrokes still answered from the last).
 */
const REFRESH_EVERY_MS = 1_000;
/** The tables whose writes change what a search finds. */
const SEARCHED = ['annotations', 'pages', 'search'];
/** The index is read this long after the newest claims are shown. */
const AFTER_FIRST_PAINT_MS = 50;

export interface SearchState {
  results: SearchResults | null;
  /** Bumped when the library changed (a write anywhere) or the index finished loading. */
  version: number;
  /** The query `results` answer (may lag the box while typing). */
  resultsFor: string;
  error: string;
}

export function useSearch(
  db: ClaimmarkDB,
  engine: SearchEngine,
  query: string,
  limit: number,
): SearchState {
  const [debounced, setDebounced] = useState(query);
  const [version, setVersion] = useState(0);
  const [state, setState] = useState<Omit<SearchState, 'version'>>({
    results: null,
    resultsFor: '',
    error: '',
  });
  const latest = useRef(0);

  useEffect(() => {
    // Emptying the box shows the recent claims at once.
    if (!query.trim()) {
      setDebounced(query);
      return;
    }
    const timer = setTimeout(() => setDebounced(query), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query]);

  useEffect(() => {
    // Any write to the database (here, in a tab, in the background; Dexie relays them between
    // contexts) runs the search again; a burst of writes (an import) runs it once.
    let timer: ReturnType<typeof setTimeout> | undefined;
    let refreshing = false;
    let again = false;
    let next = 0;
    let closed = false;
    const prefixes = SEARCHED.map((table) => `idb://${db.name}/${table}/`);
    const refresh = () => {
      timer = undefined;
      refreshing = true;
      const started = Date.now();
      void engine
        .refresh()
        .catch(() => engine.reset())
        .then(() => {
          refreshing = false;
          next = Date.now() + Math.max(REFRESH_EVERY_MS, 4 * (Date.now() - started));
          if (closed) return;
          setVersion((v) => v + 1);
          if (again) schedule();
        });
    };
    const schedule = () => {
      again = refreshing;
      if (refreshing || timer !== undefined) return; // one refresh is coming: it will see this
      timer = setTimeout(refresh, Math.max(CHANGE_DELAY_MS, next - Date.now()));
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
  }, [db, engine]);

  useEffect(() => {
    const run = ++latest.current;
    const started = performance.now();
    engine.search(debounced, limit).then(
      (results) => {
        if (run !== latest.current) return; // a newer search is under way
        setState({ results, resultsFor: debounced, error: '' });
        // The newest claims came before the index: read it once they are on screen (its
        // deserialization would delay them), then search again, with the count.
        if (results.total === undefined)
          setTimeout(() => {
            void engine.ready().then(() => {
              if (run === latest.current) setVersion((v) => v + 1);
            });
          }, AFTER_FIRST_PAINT_MS);
        performance.mark('claimmark:searched', {
          detail: { query: debounced, total: results.total, ms: performance.now() - started },
        });
      },
      (e: unknown) => {
        if (run === latest.current) setState((s) => ({ ...s, error: String(e) }));
      },
    );
  }, [engine, debounced, limit, version]);

  return { ...state, version };
}
