/**
 * The painter: what a page with claims needs at load, and nothing more. Injected by the background
 * into one frame when its always-on script (entrypoints/page-start) asks — the page has claims, or
 * the reader started a capture — it picks up what that script learnt (settings, the `page:load`
 * answer: utils/page/handoff.ts), anchors and paints the claims, follows the settings and SPA
 * navigation, and answers the side panel. The page UI (entrypoints/page-ui: toolbar, card,
 * Readability, suggestions) is injected only when the reader selects text, clicks a highlight, or
 * a command needs it (utils/page/ui-handoff.ts); until then these listeners ask for it.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { createClient, type Message } from '../../utils/protocol/to-background';
import { HIGHLIGHT_ATTRIBUTE } from '../../utils/page/highlight';
import { createPageSession } from '../../utils/page/session';
import { loadOnCapture } from '../../utils/page/capture-start';
import { parseSettings, type Settings } from '../../utils/store/settings';
import { handoffOf, type Handoff, type PageUi } from '../../utils/page/handoff';
import { lazyContentApi, LISTEN_KEY, requestPart } from '../../utils/protocol/load-ui';
import { PAINTER_KEY, type PageUiPart, type Painter } from '../../utils/page/ui-handoff';
import { uuidV4 } from '../../utils/core/uuid';
import { answerHere } from './answer';

export default defineUnlistedScript(() => {
  const handoff = handoffOf(globalThis);
  // Injected twice (a retried request), or without the always-on script: nothing to do.
  if (!handoff || handoff.ui) return;
  handoff.ui = start(handoff);
  handoff.started(handoff.ui);
});

/**
 * The extension API, looked up when first used: its first touch sets up the bindings in the
 * isolated world (~1–2 ms), which `wxt/browser` would do at module evaluation.
 */
const ext = lazyContentApi();

function start(handoff: Handoff): PageUi {
  let settings: Settings = parseSettings(handoff.settings);
  let ui: PageUiPart | undefined;

  // Messages to the page are listened for once something needs them (`listen`, below): the
  // painter's own first request, the page UI, or the background and extension pages before they
  // ask (`LISTEN_KEY`: utils/app/wake-tab.ts).
  const global = globalThis as Record<string, unknown>;
  let listening = false;
  const send = (message: unknown) => {
    listen();
    return ext().runtime.sendMessage(message);
  };
  const request = createClient((message: Message) => send(message));
  const session = createPageSession({
    doc: document,
    request,
    // Read when a page's first claim is saved, and only the page UI saves.
    extractMetadata: (doc) => {
      if (!ui) throw new Error('The page UI is not loaded.');
      return ui.extractMetadata(doc);
    },
    newId: () => uuidV4((bytes) => crypto.getRandomValues(bytes)),
    urls: handoff.urls,
  });
  session.setVisible(!settings.hideHighlights);
  // The marker tells tests (and curious readers) that claims are loaded and painted: `loading`
  // while the painter loads them (the always-on script alone only ever sets `ready`).
  const ready = (busy: Promise<unknown>) => {
    document.documentElement.dataset.claimmark = 'loading';
    void busy.finally(() => {
      document.documentElement.dataset.claimmark = 'ready';
    });
  };
  ready(handoff.loaded.then((answer) => session.load(answer)));

  // The background sends every tab the settings when they change (`content:settings`): no
  // `storage` listener here (its API costs ~0.4 ms to set up on every page load).
  const settingsChanged = (stored: unknown) => {
    settings = parseSettings(stored);
    session.setVisible(!settings.hideHighlights);
  };

  // SPA navigation: the background reports URL changes of this tab; popstate covers back/forward.
  let locationTimer: number | undefined;
  const onLocation = () => {
    window.clearTimeout(locationTimer);
    locationTimer = window.setTimeout(() => ready(session.locationChanged()), 150);
  };
  window.addEventListener('popstate', onLocation);
  const reload = () => {
    const loading = session.load();
    ready(loading);
    return loading;
  };

  let loading: Promise<PageUiPart> | undefined;
  let started: (part: PageUiPart) => void = () => {};
  const painter: Painter = {
    session,
    request,
    defaultType: () => settings.defaultType,
    reload,
    onLocation,
    settingsChanged,
    started(part) {
      painter.ui = ui = part;
      listen(); // the page UI is what the reader talks to: the popup and panel may ask it now
      started(part);
    },
  };
  (globalThis as Record<string, unknown>)[PAINTER_KEY] = painter;

  /** Ask the background to inject the page UI (once; again after a failure). */
  function loadUi(): Promise<PageUiPart> {
    if (ui) return Promise.resolve(ui);
    loading ??= new Promise<PageUiPart>((resolve, reject) => {
      started = resolve;
      // Injected together with the page UI (a capture): wait for that injection rather than
      // asking for the page UI a second time; ask only if it did not start.
      void (handoff.injecting ?? Promise.resolve('not injected with the painter'))
        .then((error) => (error === null && ui ? null : requestPart(send, 'ui')))
        .then((error) => {
          if (error === null) return;
          loading = undefined;
          reject(new Error(error));
        });
    });
    return loading;
  }
  const noUi = () => {}; // the background could not inject it (the extension was updated)

  // Loaded for a capture rather than for claims (a selection under way, a command): the reader
  // needs the page UI now. (Not by asking for the selection: after painting, that forces a
  // layout of the whole page, ~6 ms on guardian-1. A selection under way on a page with claims
  // loads it with its next selectionchange.)
  void handoff.loaded.then((answer) => {
    if (!answer.ok || answer.value.annotations.length === 0) loadUi().catch(noUi);
  });

  // Until the page UI runs (it registers its own listeners): what needs it loads it. A selection
  // being made starts loading it, so the toolbar shows at once on mouse-up.
  loadOnCapture(document, { running: () => !!ui, load: loadUi });
  document.addEventListener('click', (event) => {
    if (ui || !event.isTrusted) return;
    const mark = (event.target as Element).closest?.(`mark[${HIGHLIGHT_ATTRIBUTE}]`);
    const id = mark?.getAttribute(HIGHLIGHT_ATTRIBUTE);
    if (!mark || !id || !document.getSelection()?.isCollapsed) return;
    void loadUi().then((part) => part.openCard(id, mark), noUi);
  });

  /** A content message: the painter answers what it can, the page UI the rest. */
  const handle = async (message: unknown) => {
    if (!ui) {
      const here = answerHere(message, { session, onLocation, reload, settingsChanged });
      if (here) return here;
    }
    try {
      return await (await loadUi()).handle(message);
    } catch (error) {
      return { ok: false as const, error: error instanceof Error ? error.message : String(error) };
    }
  };
  function listen() {
    if (listening) return;
    listening = true;
    delete global[LISTEN_KEY];
    ext().runtime.onMessage.addListener((message, sender, sendResponse) => {
      if (sender.id !== ext().runtime.id) return false;
      void handle(message).then(sendResponse);
      return true;
    });
  }
  // Started for a capture or by the awake part (which listened until now): listen at once.
  if (handoff.seeded) global[LISTEN_KEY] = listen;
  else listen();

  return {
    selectionEnded: (event) => void loadUi().then((part) => part.selectionEnded(event), noUi),
    handle,
  };
}
