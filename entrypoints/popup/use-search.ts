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
/** Writes closer than this refresh the results once. */
const CHANGE_DELAY_MS = 150;
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
    const prefix = `idb://${db.name}/`;
    const onMutated = (parts: Record<string, unknown>) => {
      if (!Object.keys(parts).some((part) => part.startsWith(prefix))) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        engine.reset();
        setVersion((v) => v + 1);
      }, CHANGE_DELAY_MS);
    };
    Dexie.on('storagemutated', onMutated);
    return () => {
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
