/**
 * The page UI: the toolbar and card (Preact), Readability and suggestions — what the reader needs
 * to capture, read and edit claims, and nothing a page needs to show them. Injected by the
 * background into one frame when the painter (entrypoints/page-paint) asks: the reader selects
 * text, clicks a highlight, or a command or the side panel needs it. It works on the painter's
 * session (utils/page/ui-handoff.ts), registers its own listeners and from then on answers every
 * content message the painter receives.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { anchor } from '../../utils/page/anchoring/anchor';
import { CONTENT_VALIDATORS, type SuggestionSummary } from '../../utils/protocol/to-content';
import { serveMessage } from '../../utils/protocol/rpc';
import { articleOf } from '../../utils/suggest/from-document';
import { suggestClaims } from '../../utils/suggest';
import { selectorFor, summarize } from '../../utils/suggest/summary';
import { createContentHandlers } from '../../utils/page/handlers';
import { extractMetadata } from '../../utils/page/extract';
import { HIGHLIGHT_ATTRIBUTE } from '../../utils/page/highlight';
import { selectedRange } from '../../utils/page/selection';
import { painterOf, type PageUiPart, type Painter } from '../../utils/page/ui-handoff';
import { claimTypeFor, warmClaimTypes } from '../../utils/suggest/claim-type';
import { createInPageUi } from '../../components/InPageUi';

export default defineUnlistedScript(() => {
  const painter = painterOf(globalThis);
  // Injected twice (a retried request), or without the painter: nothing to do.
  if (!painter || painter.ui) return;
  painter.started(start(painter));
});

function start(painter: Painter): PageUiPart {
  const { session, request } = painter;
  let tags: Promise<string[]> | undefined;
  const knownTags = () =>
    (tags ??= request('tags:list', {}).then((r) => (r.ok ? r.value.tags : [])));
  const ui = createInPageUi(document, session, knownTags);
  const typeFor = (range: Range) => claimTypeFor(range.toString()) ?? painter.defaultType();

  // Suggestions run Readability and the detector: only when the reader asks, once per page.
  let suggestions: { url: string; list: SuggestionSummary[] } | undefined;
  const handlers = createContentHandlers({
    session,
    onLocation: painter.onLocation,
    settingsChanged: painter.settingsChanged,
    selectionType: () => {
      const range = selectedRange(document);
      return range ? { range, type: typeFor(range) } : null;
    },
    suggest: () => {
      if (suggestions?.url !== session.url())
        suggestions = {
          url: session.url(),
          list: summarize(suggestClaims(articleOf(document))),
        };
      return suggestions.list;
    },
    locate: (text, sentence) => anchor(document.body, [selectorFor(text, sentence)])?.range ?? null,
    pick: (id) => ui.pick(id, 'reattach'),
    reload: () => {
      tags = undefined;
      return painter.reload();
    },
  });

  // The first toolbar of a page would wait ~50 ms for the type detector's patterns to compile:
  // compile them, one step per task, while the reader is still selecting.
  const warm = () => {
    if (document.getSelection()?.isCollapsed !== false) return;
    document.removeEventListener('selectionchange', warm);
    warmClaimTypes((step) => setTimeout(step, 0));
  };
  document.addEventListener('selectionchange', warm);
  warm();

  // Selecting text opens the toolbar; clicking a highlight opens its card.
  // Only the reader's own input counts: the page's script can dispatch any event it likes.
  const onSelectionEnd = (event: Event) => {
    // (A forwarded event has finished its dispatch: its composed path is empty.)
    if (!event.isTrusted || ui.contains(event.composedPath())) return;
    // Let the browser settle the selection (a click inside it collapses it after mouseup).
    setTimeout(() => {
      const range = selectedRange(document);
      if (range) ui.openToolbar(range, typeFor(range));
    }, 0);
  };
  document.addEventListener('mouseup', onSelectionEnd);
  document.addEventListener('keyup', (event) => {
    // Choosing a claim's new words with the keyboard ends with Enter, not with each key.
    if (ui.picking()) return;
    if (event.shiftKey || event.key.startsWith('Arrow')) onSelectionEnd(event);
  });
  document.addEventListener(
    'keydown',
    (event) => {
      if (!event.isTrusted || ui.contains(event.composedPath())) return;
      if (ui.picking()) {
        if (event.key === 'Escape') ui.close();
        const range = event.key === 'Enter' ? selectedRange(document) : null;
        if (range) {
          event.preventDefault();
          ui.openToolbar(range, typeFor(range)); // takes the words for the claim
        }
        return;
      }
      if (!ui.toolbarOpen()) return;
      if (event.key === 'Escape') ui.close();
      else if (
        event.key === 'Enter' &&
        !(event.target as Element).closest?.('input, textarea, [contenteditable]')
      ) {
        event.preventDefault();
        void ui.saveFromToolbar();
      }
    },
    true,
  );
  document.addEventListener('mousedown', (event) => {
    // Selecting a claim's new words starts with a mousedown in the page: the bar stays.
    if (event.isTrusted && !ui.contains(event.composedPath()) && !ui.picking()) ui.close();
  });
  document.addEventListener('click', (event) => {
    if (!event.isTrusted) return;
    const mark = (event.target as Element).closest?.(`mark[${HIGHLIGHT_ATTRIBUTE}]`);
    const id = mark?.getAttribute(HIGHLIGHT_ATTRIBUTE);
    if (!mark || !id || !document.getSelection()?.isCollapsed || ui.picking()) return;
    ui.openCard(id, mark);
  });

  return {
    selectionEnded: onSelectionEnd,
    openCard: (id, mark) => {
      if (mark.isConnected && !ui.picking()) ui.openCard(id, mark);
    },
    handle: (message) => serveMessage(CONTENT_VALIDATORS, handlers, message),
    extractMetadata,
  };
}
