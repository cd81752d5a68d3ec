import { useEffect, useMemo, useState } from 'preact/hooks';
import { liveQuery } from 'dexie';
import { browser } from 'wxt/browser';
import { ClaimList } from '../../components/ClaimList';
import { OrphanList } from '../../components/OrphanList';
import type { ClaimSummary, ContentResponse } from '../../utils/content-messages';
import { SearchBox } from '../../components/SearchBox';
import { openDatabase } from '../../utils/db';
import { downloadText, exportFilename } from '../../utils/download';
import { toMarkdown } from '../../utils/export/markdown';
import type { Annotation, Page } from '../../utils/model';
import { searchAnnotations } from '../../utils/search';

const db = openDatabase();

interface Library {
  annotations: Annotation[];
  pages: Map<string, Page>;
}

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
  const [library, setLibrary] = useState<Library | null>(null);
  const [query, setQuery] = useState('');
  const [error, setError] = useState('');
  const [orphans, setOrphans] = useState<ClaimSummary[]>([]);

  useEffect(() => {
    void currentPageClaims().then((claims) =>
      setOrphans(claims.filter((c) => c.status === 'orphan')),
    );
  }, []);

  useEffect(() => {
    const subscription = liveQuery(async () => {
      const [annotations, pages] = await Promise.all([
        db.annotations.toArray(),
        db.pages.toArray(),
      ]);
      return { annotations, pages: new Map(pages.map((p) => [p.url, p])) };
    }).subscribe({ next: setLibrary, error: (e: unknown) => setError(String(e)) });
    return () => subscription.unsubscribe();
  }, []);

  const hits = useMemo(
    () => (library ? searchAnnotations(query, library.annotations, library.pages) : []),
    [library, query],
  );

  async function open(annotation: Annotation): Promise<void> {
    // Reuse a tab that shows the page already; a URL that is no valid match pattern finds none.
    const tabs = await browser.tabs.query({ url: annotation.url }).catch(() => []);
    const tab = tabs.find((t) => t.id !== undefined);
    if (tab?.id !== undefined) {
      await browser.tabs.update(tab.id, { active: true });
      if (tab.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true });
    } else {
      await browser.tabs.create({ url: annotation.url });
    }
  }

  function exportMarkdown(): void {
    if (!library) return;
    const annotations = hits.map((h) => h.annotation);
    const pages = [...new Set(annotations.map((a) => a.url))]
      .map((url) => library.pages.get(url))
      .filter((p): p is Page => p !== undefined);
    downloadText(
      document,
      exportFilename(new Date(), 'md'),
      toMarkdown(pages, annotations),
      'text/markdown',
    );
  }

  return (
    <main class="popup">
      <header class="bar">
        <SearchBox value={query} onInput={setQuery} />
        <button type="button" class="export" onClick={exportMarkdown} disabled={hits.length === 0}>
          Export Markdown
        </button>
      </header>
      {error ? <p role="alert">{error}</p> : null}
      <OrphanList orphans={orphans} />
      <p class="count" aria-live="polite">
        {library === null
          ? 'Loading…'
          : `${hits.length} ${hits.length === 1 ? 'claim' : 'claims'}${query ? ' found' : ''}`}
      </p>
      {library?.annotations.length === 0 ? (
        <p class="empty">
          No claims yet. Select text in an article and press <strong>Save claim</strong>; your
          claims appear here, searchable by words, tags, page title and site.
        </p>
      ) : null}
      <ClaimList items={hits} onOpen={(a) => void open(a)} />
    </main>
  );
}
