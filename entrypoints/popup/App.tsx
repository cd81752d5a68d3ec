import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ClaimList } from '../../components/ClaimList';
import { UpdatedBanner } from '../../components/UpdatedBanner';
import { ExportMenu } from '../../components/ExportMenu';
import { FilterChips, type FilterChip } from '../../components/FilterChips';
import { OrphanList } from '../../components/OrphanList';
import { SearchBox } from '../../components/SearchBox';
import type { ClaimSummary } from '../../utils/protocol/to-content';
import { sendToTab } from '../../utils/app/send-to-tab';
import { onDatabaseUpgraded, openDatabase } from '../../utils/store/db';
import type { Annotation } from '../../utils/core/model';
import { isEmptyQuery } from '../../utils/search';
import { createSearchEngine } from '../../utils/search/engine';
import { toggleFilter } from '../../utils/search/query';
import { openClaim } from './open-claim';
import { annotatePdf, popupTab, showsPdf, viewerClaims, viewerFile, type TabInfo } from './pdf-tab';
import { useExport } from './use-export';
import { countLine, filterChips, listItems } from './results-view';
import { useSearch } from './use-search';

const db = openDatabase();
const engine = createSearchEngine(db);
/** Results shown at first, and added by "Show more". */
const PAGE_SIZE = 25;

interface CurrentPage {
  /** The page's URL as stored (its claims' `url`). */
  url: string | null;
  claims: ClaimSummary[];
  /** The tab they are on. */
  tabId?: number;
}

/** The claims of the active tab as its content script sees them (none where there is none). */
async function currentPage(): Promise<CurrentPage> {
  const none: CurrentPage = { url: null, claims: [] };
  try {
    const tab = await popupTab(location.search);
    const file = tab ? viewerFile(tab.url) : null;
    // The viewer's claims, and its tab (it answers "Re-attach" over the relay).
    if (file) {
      const claims = await viewerClaims(db, file);
      return claims ? { ...claims, tabId: tab!.id } : none;
    }
    // `?tab=ID` opens the popup for a given tab (the popup opened as a page, e.g. in tests).
    const requested = Number(new URLSearchParams(location.search).get('tab'));
    const [active] = await browser.tabs.query({ active: true, currentWindow: true });
    const tabId = Number.isSafeInteger(requested) && requested > 0 ? requested : active?.id;
    if (tabId === undefined) return none;
    const answer = await sendToTab(tabId, 'content:claims', {});
    return answer.ok ? { url: answer.value.url, claims: answer.value.claims, tabId } : none;
  } catch {
    return none;
  }
}

export function App() {
  const [updated, setUpdated] = useState(false);
  useEffect(() => onDatabaseUpgraded(db, () => setUpdated(true)), []);
  const [query, setQuery] = useState('');
  const [limit, setLimit] = useState(PAGE_SIZE);
  const [active, setActive] = useState(-1);
  const [tab, setTab] = useState<CurrentPage>({ url: null, claims: [] });
  const [libraryCount, setLibraryCount] = useState(0);
  const [exportOpen, setExportOpen] = useState(false);
  const [actionError, setActionError] = useState('');
  const { results, resultsFor, error, version } = useSearch(db, engine, query, limit);
  const exporter = useExport(db, engine, resultsFor, tab.claims.length > 0 ? tab.url : null);
  const orphans = useMemo(() => tab.claims.filter((c) => c.status === 'orphan'), [tab]);
  /** Enter pressed before the results of the query arrived: open the first when they do. */
  const pendingEnter = useRef(false);

  /** Re-attach an orphan: the reader selects its words in the page (the popup gets out of the way). */
  async function reattach(id: string): Promise<void> {
    if (tab.tabId === undefined) return;
    const answer = await sendToTab(tab.tabId, 'content:reattach', { id });
    if (answer.ok) window.close();
    else setActionError(`Cannot re-attach here: ${answer.error}`);
  }

  // Drawn again when the claims shown change, not for a refresh that found the same ones
  // (use-search keeps their `hits`; the query is the same text).
  const items = useMemo(() => listItems(results), [results?.hits, resultsFor]);
  const chips = useMemo(() => filterChips(results), [results?.hits, resultsFor]);
  // The same element while the results and the selection stay: a keystroke re-renders the popup
  // (the box) before its results come, and Preact skips an element it was given before.
  const list = useMemo(
    () => <ClaimList id="claims" items={items} active={active} onOpen={(a) => void open(a)} />,
    [items, active],
  );

  const [pdfTab, setPdfTab] = useState<TabInfo | null>(null);
  useEffect(() => {
    void currentPage().then(setTab);
    void popupTab(location.search).then(async (t) => setPdfTab((await showsPdf(t)) ? t : null));
  }, []);

  useEffect(() => {
    // The count for "Everything": read again when the library changes, not on every keystroke.
    void db.annotations.count().then(setLibraryCount);
  }, [version]);

  /** The query the shown results answer: the keyboard selection resets only when it changes. */
  const shownFor = useRef<string | null>(null);

  useEffect(() => {
    // The same query refreshed (a claim anchored or saved elsewhere) keeps the reader's place.
    if (shownFor.current !== resultsFor) setActive(-1);
    else setActive((a) => Math.min(a, items.length - 1));
    shownFor.current = resultsFor;
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

  /** A result holds what the list shows; opening it reads the whole claim (its selectors). */
  async function open(shown: Pick<Annotation, 'id'>): Promise<void> {
    try {
      const annotation = await db.annotations.get(shown.id);
      if (annotation) await openClaim(annotation);
      else setActionError('This claim was deleted.');
    } catch (e: unknown) {
      setActionError(String(e));
    }
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

  const libraryEmpty = results !== null && isEmptyQuery(results.query) && results.total === 0;
  const message = error || actionError;
  return (
    <main class="popup">
      {updated ? <UpdatedBanner onReopen={() => location.reload()} /> : null}
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
          aria-expanded={exportOpen}
          aria-controls="export-panel"
          onClick={() => setExportOpen((open) => !open)}
          disabled={libraryCount === 0}
        >
          Export
        </button>
      </header>
      {exportOpen && libraryCount > 0 ? (
        <section id="export-panel" class="export-panel" aria-label="Export">
          <ExportMenu
            counts={{
              page: tab.url ? tab.claims.length : 0,
              results: results?.total ?? libraryCount,
              all: libraryCount,
            }}
            {...exporter}
          />
        </section>
      ) : null}
      {pdfTab ? (
        <button
          type="button"
          class="annotate-pdf"
          onClick={() =>
            void annotatePdf(pdfTab).then(
              () => window.close(),
              (e: unknown) => setActionError(String(e)),
            )
          }
        >
          Annotate this PDF
        </button>
      ) : null}
      {message ? <p role="alert">{message}</p> : null}
      <OrphanList orphans={orphans} onReattach={(id) => void reattach(id)} />
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
      {list}
      {results && results.hits.length < (results.total ?? 0) ? (
        <button type="button" class="more" onClick={() => setLimit((l) => l + PAGE_SIZE)}>
          Show more
        </button>
      ) : null}
    </main>
  );
}
