import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ClaimList } from '../../components/ClaimList';
import { FilterChips, type FilterChip } from '../../components/FilterChips';
import { OrphanList } from '../../components/OrphanList';
import { SearchBox } from '../../components/SearchBox';
import type { ClaimSummary, ContentResponse } from '../../utils/content-messages';
import { openDatabase } from '../../utils/db';
import { downloadText, exportFilename } from '../../utils/download';
import type { Annotation, Page } from '../../utils/model';
import { isEmptyQuery } from '../../utils/search';
import { createSearchEngine } from '../../utils/search/engine';
import { toggleFilter } from '../../utils/search/query';
import { openClaim } from './open-claim';
import { countLine, filterChips, listItems } from './results-view';
import { useSearch } from './use-search';

const db = openDatabase();
const engine = createSearchEngine(db);
/** Results shown at first, and added by "Show more". */
const PAGE_SIZE = 25;

/** The claims of the active tab as its content script sees them ([] where there is none). */
async function currentPageClaims(): Promise<ClaimSummary[]> {
  try {
    // `?tab=ID` opens the popup for a given tab (the popup opened as a page, e.g. in tests).
    const requested = Number(new URLSearchParams(location.search).get('tab'));
    const [active] = await browser.tabs.query({ active: true, currentWindow: true });
    const tabId = Number.isSafeInteger(requested) && requested > 0 ? requested : active?.id;
    if (tabId === undefined) return [];
    const answer = (await browser.tabs.sendMessage(tabId, { type: 'content:claims' })) as
      | { ok: true; value: ContentResponse<'content:claims'> }
      | undefined;
    return answer?.ok ? answer.value.claims : [];
  } catch {
    return [];
  }
}

export function App() {
  const [query, setQuery] = useState('');
  const [limit, setLimit] = useState(PAGE_SIZE);
  const [active, setActive] = useState(-1);
  const [orphans, setOrphans] = useState<ClaimSummary[]>([]);
  const [actionError, setActionError] = useState('');
  const { results, resultsFor, error } = useSearch(db, engine, query, limit);
  /** Enter pressed before the results of the query arrived: open the first when they do. */
  const pendingEnter = useRef(false);

  const items = useMemo(() => listItems(results), [results]);
  const chips = useMemo(() => filterChips(results), [results]);

  useEffect(() => {
    void currentPageClaims().then((claims) =>
      setOrphans(claims.filter((c) => c.status === 'orphan')),
    );
  }, []);

  useEffect(() => {
    setActive(-1);
    if (pendingEnter.current && resultsFor === query) {
      pendingEnter.current = false;
      if (items[0]) void open(items[0].annotation);
    }
    // Read by the benchmark (tests/tools/search/bench.ts): results on screen for a query.
    if (results) performance.mark('claimmark:results', { detail: { query: resultsFor } });
  }, [results]);

  function changeQuery(value: string): void {
    setQuery(value);
    setLimit(PAGE_SIZE);
  }

  function open(annotation: Annotation): Promise<void> {
    return openClaim(annotation).catch((e: unknown) => setActionError(String(e)));
  }

  function onKeyDown(event: KeyboardEvent): void {
    if (event.key === 'ArrowDown' && items.length > 0) {
      event.preventDefault();
      setActive((a) => Math.min(a + 1, items.length - 1));
    } else if (event.key === 'ArrowUp' && items.length > 0) {
      event.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (resultsFor !== query) pendingEnter.current = true;
      else {
        const item = items[Math.max(active, 0)];
        if (item) void open(item.annotation);
      }
    }
  }

  function toggle(chip: FilterChip): void {
    changeQuery(toggleFilter(query, chip.kind, chip.value));
  }

  async function exportMarkdown(): Promise<void> {
    try {
      // Loaded on demand: the popup opens faster without it.
      const [{ toMarkdown }, hits] = await Promise.all([
        import('../../utils/export/markdown'),
        engine.all(query),
      ]);
      const annotations = hits.map((h) => h.annotation);
      const pages = new Map<string, Page>();
      for (const { page } of hits) if (page) pages.set(page.url, page);
      downloadText(
        document,
        exportFilename(new Date(), 'md'),
        toMarkdown([...pages.values()], annotations),
        'text/markdown',
      );
    } catch (e) {
      setActionError(String(e));
    }
  }

  const libraryEmpty = results !== null && isEmptyQuery(results.query) && results.total === 0;
  const message = error || actionError;
  return (
    <main class="popup">
      <header class="bar">
        <SearchBox
          value={query}
          onInput={changeQuery}
          onKeyDown={onKeyDown}
          controls="claims"
          activeId={active >= 0 ? `claims-${active}` : undefined}
        />
        <button
          type="button"
          class="export"
          onClick={() => void exportMarkdown()}
          disabled={!results || results.total === 0}
        >
          Export Markdown
        </button>
      </header>
      {message ? <p role="alert">{message}</p> : null}
      <OrphanList orphans={orphans} />
      {libraryEmpty ? null : <FilterChips chips={chips} onToggle={toggle} />}
      <p class="count" aria-live="polite" data-query={resultsFor}>
        {countLine(results)}
      </p>
      {libraryEmpty ? (
        <p class="empty">
          No claims yet. Select text in an article and press <strong>Save claim</strong>; your
          claims appear here, searchable by words, tags, page title and site.
        </p>
      ) : null}
      <ClaimList id="claims" items={items} active={active} onOpen={(a) => void open(a)} />
      {results && results.hits.length < (results.total ?? 0) ? (
        <button type="button" class="more" onClick={() => setLimit((l) => l + PAGE_SIZE)}>
          Show more
        </button>
      ) : null}
    </main>
  );
}
