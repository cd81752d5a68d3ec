/**
 * The page UI: everything of the content script beyond "does this page have claims?" — the page
 * session (anchoring, painting, saves, edits), the toolbar and card, Readability and suggestions.
 * Injected by the background into one frame when its always-on script (entrypoints/page-start) asks:
 * the page has claims, or the reader started a capture. It picks up what that script learnt
 * (settings, the `page:load` answer) from the hand-off (utils/page/handoff.ts), then takes over
 * every listener.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { browser } from 'wxt/browser';
import { anchor } from '../../utils/page/anchoring/anchor';
import { CONTENT_VALIDATORS, type SuggestionSummary } from '../../utils/protocol/to-content';
import { serveMessage } from '../../utils/protocol/rpc';
import { articleOf } from '../../utils/suggest/from-document';
import { suggestClaims } from '../../utils/suggest';
import { selectorFor, summarize } from '../../utils/suggest/summary';
import { createContentHandlers } from '../../utils/page/handlers';
import { createClient, type Message } from '../../utils/protocol/to-background';
import { extractMetadata } from '../../utils/page/extract';
import { HIGHLIGHT_ATTRIBUTE } from '../../utils/page/highlight';
import { createPageSession } from '../../utils/page/session';
import { selectedRange } from '../../utils/page/selection';
import { parseSettings, SETTINGS_KEY, type Settings } from '../../utils/store/settings';
import { handoffOf, type Handoff, type PageUi } from '../../utils/page/handoff';
import { claimTypeFor, warmClaimTypes } from '../../utils/suggest/claim-type';
import { uuidV4 } from '../../utils/core/uuid';
import { createInPageUi } from '../../components/InPageUi';

export default defineUnlistedScript(() => {
  const handoff = handoffOf(globalThis);
  // Injected twice (a retried request), or without the always-on script: nothing to do.
  if (!handoff || handoff.ui) return;
  handoff.ui = start(handoff);
  handoff.started(handoff.ui);
});

function start(handoff: Handoff): PageUi {
  let settings: Settings = parseSettings(handoff.settings);

  const request = createClient((message: Message) => browser.runtime.sendMessage(message));
  const session = createPageSession({
    doc: document,
    request,
    extractMetadata,
    newId: () => uuidV4((bytes) => crypto.getRandomValues(bytes)),
  });
  session.setVisible(!settings.hideHighlights);
  // Cheap on a page without claims: one message, no Readability, no fuzzy search.
  // The marker tells tests (and curious readers) that claims are loaded and painted: `loading`
  // while the page UI loads them (the always-on script alone only ever sets `ready`).
  const ready = (busy: Promise<unknown>) => {
    document.documentElement.dataset.claimmark = 'loading';
    void busy.finally(() => {
      document.documentElement.dataset.claimmark = 'ready';
    });
  };
  ready(handoff.loaded.then((answer) => session.load(answer)));

  let tags: Promise<string[]> | undefined;
  const knownTags = () =>
    (tags ??= request('tags:list', {}).then((r) => (r.ok ? r.value.tags : [])));
  const ui = createInPageUi(document, session, knownTags);
  const typeFor = (range: Range) => claimTypeFor(range.toString()) ?? settings.defaultType;

  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local' || !changes[SETTINGS_KEY]) return;
    settings = parseSettings(changes[SETTINGS_KEY].newValue);
    session.setVisible(!settings.hideHighlights);
  });

  // SPA navigation: the background reports URL changes of this tab; popstate covers back/forward.
  let locationTimer: number | undefined;
  const onLocation = () => {
    window.clearTimeout(locationTimer);
    locationTimer = window.setTimeout(() => {
      suggestions = undefined;
      ready(session.locationChanged());
    }, 150);
  };
  window.addEventListener('popstate', onLocation);

  // Suggestions run Readability and the detector: only when the reader asks, once per page.
  let suggestions: SuggestionSummary[] | undefined;
  const handlers = createContentHandlers({
    session,
    onLocation,
    selectionType: () => {
      const range = selectedRange(document);
      return range ? { range, type: typeFor(range) } : null;
    },
    suggest: () => (suggestions ??= summarize(suggestClaims(articleOf(document)))),
    locate: (text, sentence) => anchor(document.body, [selectorFor(text, sentence)])?.range ?? null,
    pick: (id) => ui.pick(id, 'reattach'),
    reload: () => {
      tags = undefined;
      const loading = session.load();
      ready(loading);
      return loading;
    },
  });
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (sender.id !== browser.runtime.id) return false;
    void serveMessage(CONTENT_VALIDATORS, handlers, message).then(sendResponse);
    return true;
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
    handle: (message) => serveMessage(CONTENT_VALIDATORS, handlers, message),
  };
}
