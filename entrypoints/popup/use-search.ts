/**
 * The popup's search state: runs the query as the reader types (debounced), again when the
 * library changes (a claim saved in a tab, an import), and records User Timing marks the
 * benchmark reads (`claimmark:results`, detail { query, total, ms }).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ClaimmarkDB } from '../../utils/store/db';
import { whenTablesChange } from '../../utils/store/changes';
import type { SearchEngine, SearchResults, ShownHit } from '../../utils/search/engine';

/** Whether two result lists show the same claims, pages and order (the same view objects). */
function sameHits(a: readonly ShownHit[], b: readonly ShownHit[]): boolean {
  return (
    a.length === b.length &&
    a.every(
      (hit, i) =>
        hit.annotation === b[i]!.annotation && hit.page === b[i]!.page && hit.score === b[i]!.score,
    )
  );
}

/** Keystrokes closer than this make one search. */
export const DEBOUNCE_MS = 60;
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
    // Any write to the database (here, in a tab, in the background) runs the search again; a
    // burst of writes (an import, a sync) runs it once in a while. The index is read again in the
    // background of the popup: keystrokes are answered from the last one meanwhile.
    let closed = false;
    const stop = whenTablesChange(db, SEARCHED, async () => {
      await engine.refresh().catch(() => engine.reset());
      if (!closed) setVersion((v) => v + 1);
    });
    return () => {
      closed = true;
      stop();
    };
  }, [db, engine]);

  useEffect(() => {
    const run = ++latest.current;
    const started = performance.now();
    engine.search(debounced, limit).then(
      (results) => {
        if (run !== latest.current) return; // a newer search is under way
        // The same claims again (a refresh while a sync writes, every second or so): the list
        // keeps its elements; only the count may change. The index hands out the same view
        // objects for claims that did not change.
        setState((s) => {
          if (s.resultsFor !== debounced || !s.results || !sameHits(s.results.hits, results.hits))
            return { results, resultsFor: debounced, error: '' };
          if (s.results.total === results.total && !s.error) return s;
          return {
            results: { ...results, hits: s.results.hits },
            resultsFor: debounced,
            error: '',
          };
        });
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
