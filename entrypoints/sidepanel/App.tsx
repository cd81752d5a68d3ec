import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { UndoBar } from '../../components/ClaimEditor';
import { UpdatedBanner } from '../../components/UpdatedBanner';
import { PageHeader } from '../../components/PageHeader';
import { PageMetadataForm, type PageMetadataValues } from '../../components/PageMetadataForm';
import { PanelEmptyState } from '../../components/PanelEmptyState';
import { SidePanelClaims } from '../../components/SidePanelClaims';
import { SuggestionList } from '../../components/SuggestionList';
import { TypeFilter, type TypeFilterValue } from '../../components/TypeFilter';
import { claimAsMarkdown } from '../../utils/export/claim-markdown';
import { copyText } from '../../utils/page/clipboard';
import { onDatabaseUpgraded, openDatabase } from '../../utils/store/db';
import { createHandlers, dispatch } from '../../utils/store/handlers';
import { createClient, type AnnotationPatch } from '../../utils/protocol/to-background';
import type { Annotation } from '../../utils/core/model';
import { UNDO_WINDOW_MS } from '../../utils/core/undo';
import { normalizeTags } from '../../utils/core/model';
import { dateInputValue, parsePageEdit, updatePageMetadata } from '../../utils/store/page-edit';
import { claimsView, unsettledEdits, withEdits, type PendingEdits } from './claims-view';
import { useKnownTags, useStoredPage } from './stored-page';
import { requestedTab, useTabClaims } from './tab-claims';
import { sendToTab } from '../../utils/app/send-to-tab';
import { useSettings } from '../../utils/app/use-settings';
import { useSuggestions } from './use-suggestions';
import { DEFAULT_SETTINGS } from '../../utils/store/settings';
import { createSiteIndex } from '../../utils/store/site-index';

const db = openDatabase();
// Edits go through the same handlers as the in-page card (validated, one transaction each,
// tags normalized, `updated` stamped), run here on the panel's own connection to the database.
const handlers = createHandlers(db);
// Which sites have stored pages: only their pages are woken by following the tabs (tab-claims.ts).
const sites = createSiteIndex(db);
const request = createClient((message) => dispatch(handlers, message));
const fixedTab = requestedTab(location.search);

export function App() {
  const [updated, setUpdated] = useState(false);
  useEffect(() => onDatabaseUpgraded(db, () => setUpdated(true)), []);
  const settings = useSettings() ?? DEFAULT_SETTINGS;
  const { tabId, state, refresh, wake } = useTabClaims(fixedTab, settings.blockedSites, sites);
  const pageUrl = state.kind === 'page' ? state.url : null;
  const shown = state.kind === 'page' ? { url: state.url, asleep: state.asleep === true } : null;
  const [filter, setFilter] = useState<TypeFilterValue>('all');
  const [editing, setEditing] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const [announcement, setAnnouncement] = useState('');
  const [undo, setUndo] = useState<Annotation | null>(null);
  const [details, setDetails] = useState({ text: '', error: false });
  const [edits, setEdits] = useState<PendingEdits>(new Map());
  const undoBox = useRef<HTMLDivElement>(null);
  const refreshLater = useRef<number | undefined>(undefined);

  const stored = useStoredPage(
    db,
    pageUrl,
    () => {
      // A claim saved or changed elsewhere: ask the page again for order and status.
      window.clearTimeout(refreshLater.current);
      refreshLater.current = window.setTimeout(() => void refresh(), 150);
    },
    setAnnouncement,
  );
  const knownTags = useKnownTags(db);
  const suggestions = useSuggestions(tabId, shown, wake, () => void refresh());
  useEffect(() => {
    setEditing(null);
    setFilter('all');
    setDetails({ text: '', error: false });
    setAnnouncement('');
    return () => window.clearTimeout(refreshLater.current);
  }, [pageUrl]);

  useEffect(() => setMessage(''), [editing]);
  useEffect(() => {
    if (!undo) return;
    undoBox.current?.querySelector<HTMLElement>('button')?.focus();
    const timer = window.setTimeout(() => setUndo(null), UNDO_WINDOW_MS);
    return () => window.clearTimeout(timer);
  }, [undo]);

  const view = useMemo(
    () =>
      claimsView(
        state.kind === 'page' ? state.claims : [],
        stored ? withEdits(stored.annotations, edits) : null,
        filter,
      ),
    [state, stored, edits, filter],
  );
  useEffect(() => {
    if (stored) setEdits((current) => unsettledEdits(stored.annotations, current));
  }, [stored]);
  const total = Object.values(view.counts).reduce((a, b) => a + b, 0);
  useEffect(() => {
    if (filter !== 'all' && view.counts[filter] === 0) setFilter('all');
  }, [filter, view.counts]);

  /** Claims changed: the page paints them again (type colours), then we read its list again. */
  async function repaint(): Promise<void> {
    if (tabId !== null) await sendToTab(tabId, 'content:reload', {});
    await refresh();
  }

  async function update(id: string, patch: AnnotationPatch): Promise<void> {
    const shown = patch.tags ? { ...patch, tags: normalizeTags(patch.tags) } : patch;
    setEdits((current) => new Map(current).set(id, { ...current.get(id), ...shown }));
    const result = await request('annotation:update', { id, patch });
    setMessage(result.ok ? 'Saved' : `Not saved: ${result.error}`);
    if (result.ok) return repaint();
    setEdits((current) => new Map([...current].filter(([key]) => key !== id)));
  }

  async function remove(id: string): Promise<void> {
    const annotation = await db.annotations.get(id);
    if (!annotation) return setMessage('Not deleted: it was deleted already.');
    const result = await request('annotation:delete', { id });
    if (!result.ok) return setMessage(`Not deleted: ${result.error}`);
    setEditing(null);
    setUndo(annotation);
    await repaint();
  }

  async function restore(): Promise<void> {
    if (!undo) return;
    const result = await request('annotation:restore', { annotation: undo });
    setUndo(null);
    setAnnouncement(result.ok ? 'Claim restored.' : `Not restored: ${result.error}`);
    await repaint();
  }

  async function show(id: string): Promise<void> {
    const result = tabId === null ? null : await sendToTab(tabId, 'content:scroll-to', { id });
    if (result?.ok && result.value.found) return setAnnouncement('');
    setAnnouncement(
      settings.hideHighlights
        ? 'Highlights are hidden: switch them on in Settings to find claims on the page.'
        : 'This claim is not painted on the page right now.',
    );
  }

  async function reattach(id: string): Promise<void> {
    const result = tabId === null ? null : await sendToTab(tabId, 'content:reattach', { id });
    setAnnouncement(
      result?.ok
        ? 'Select the words of this claim in the page.'
        : `Cannot re-attach here: ${result?.error ?? 'the page is not open'}`,
    );
  }

  async function copy(id: string): Promise<void> {
    const annotation = stored?.annotations.find((a) => a.id === id);
    if (!annotation) return;
    const text = claimAsMarkdown(annotation, stored?.page?.title ?? '');
    setMessage(
      (await copyText(document, document.body, text)) ? 'Copied as Markdown' : 'Could not copy',
    );
  }

  async function saveDetails(values: PageMetadataValues): Promise<void> {
    const page = stored?.page;
    if (!page) return;
    const parsed = parsePageEdit(page, values);
    if (!parsed.ok) return setDetails({ text: parsed.error, error: true });
    try {
      await updatePageMetadata(db, page.url, parsed.value);
      setDetails({ text: 'Saved', error: false });
    } catch (error) {
      setDetails({ text: `Not saved: ${String(error)}`, error: true });
    }
  }

  const openSettings = () => void browser.runtime.openOptionsPage();
  const page = stored?.page;

  return (
    <main class="panel">
      {updated ? <UpdatedBanner onReopen={() => location.reload()} /> : null}
      <nav class="panel-nav" aria-label="Claimmark">
        <span class="brand">Claimmark</span>
        <button type="button" class="secondary" onClick={openSettings}>
          Settings
        </button>
      </nav>
      <p class={announcement ? 'notice' : 'notice empty-notice'} role="status">
        {announcement}
      </p>
      {undo ? (
        <div ref={undoBox}>
          <UndoBar onUndo={() => void restore()} onClose={() => setUndo(null)} />
        </div>
      ) : null}
      {state.kind === 'loading' ? <p class="empty">Loading…</p> : null}
      {state.kind === 'unavailable' ? (
        <PanelEmptyState
          reason={state.reason}
          site={state.site}
          onOpenSettings={openSettings}
          onReload={() => tabId !== null && void browser.tabs.reload(tabId)}
        />
      ) : null}
      {state.kind === 'page' ? (
        <>
          <PageHeader
            title={page?.title || 'This page'}
            byline={page?.byline ?? ''}
            siteName={page?.siteName ?? ''}
            publishedTime={page?.publishedTime ?? ''}
          />
          {page ? (
            <PageMetadataForm
              key={page.url}
              initial={{
                title: page.title,
                byline: page.byline,
                siteName: page.siteName,
                published: dateInputValue(page.publishedTime),
              }}
              status={details}
              onSave={(values) => void saveDetails(values)}
            />
          ) : null}
          <h2 class="section-title">
            Claims <span class="count">({total})</span>
          </h2>
          {total > 0 ? (
            <TypeFilter value={filter} counts={view.counts} onChange={setFilter} />
          ) : null}
          <SidePanelClaims
            located={view.located}
            orphans={view.orphans}
            editing={editing}
            knownTags={knownTags}
            tagColours={settings.tagColours}
            message={message}
            emptyText={
              total === 0
                ? 'No claims on this page yet. Select text in the article and press Save claim.'
                : 'No claims of this type on this page.'
            }
            onShow={(id) => void show(id)}
            onEdit={setEditing}
            onTypeChange={(id, type) => void update(id, { type })}
            onTagsChange={(id, tags) => void update(id, { tags })}
            onNoteCommit={(id, note) => void update(id, { note })}
            onKeepNote={(id, note) => void update(id, { note, resolveOtherNotes: true })}
            onCopy={(id) => void copy(id)}
            onDelete={(id) => void remove(id)}
            onReattach={(id) => void reattach(id)}
          />
          <h2 class="section-title">Suggestions</h2>
          {suggestions.state.kind === 'idle' || suggestions.state.kind === 'error' ? (
            <>
              <p class="empty">
                Claimmark can find the figures, dates, quotes and names in this article for you.
              </p>
              <button type="button" class="primary" onClick={() => void suggestions.load()}>
                Suggest claims
              </button>
              {suggestions.state.kind === 'error' ? (
                <p class="error">{suggestions.state.error}</p>
              ) : null}
            </>
          ) : null}
          {suggestions.state.kind === 'loading' ? <p class="empty">Reading the article…</p> : null}
          {suggestions.state.kind === 'ready' ? (
            <SuggestionList
              suggestions={suggestions.visible}
              busy={suggestions.busy}
              onSave={(s) => void suggestions.save(s).then(setAnnouncement)}
              onDismiss={(s) => void suggestions.dismiss(s)}
            />
          ) : null}
        </>
      ) : null}
    </main>
  );
}
