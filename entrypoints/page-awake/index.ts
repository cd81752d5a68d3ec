/**
 * The awake part of the always-on content script (README "Lazy page UI"): injected into a frame
 * by the background (`scripting.executeScript({ files })`, `PAGE_AWAKE_FILE`) once page-start
 * has been woken — by the reader's own selection (page-start's `ui:load` with `part: 'awake'`;
 * the event that woke it waits under `TRIGGER_KEY`) or by the background (a page on a site with
 * claims, a command, the side panel: utils/app/wake-tab.ts). Both run in the same isolated world.
 * It does what the always-on script used to do at wake: one `page:load` (whose answer carries the
 * settings), the painter injected when the page has claims or a capture started
 * (utils/protocol/load-ui.ts), the hand-off (utils/page/handoff.ts), the SPA watch, and a message
 * listener until the painter takes over. Messages are parsed by the page UI; only their type is
 * read here.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { createClient, type Message } from '../../utils/protocol/to-background';
import type { ContentMessage } from '../../utils/protocol/to-content';
import { lazyContentApi, requestPart, WAKE_KEY } from '../../utils/protocol/load-ui';
import { pageUrlsOf } from '../../utils/page/page-url';
import { loadOnCapture } from '../../utils/page/capture-start';
import {
  HANDOFF_KEY,
  TRIGGER_KEY,
  type Handoff,
  type PageLoadResult,
  type PageUi,
} from '../../utils/page/handoff';
import { blockedSitesIn, isBlocked } from '../../utils/store/settings';

/**
 * The extension API, looked up when first used: its first touch sets up the bindings in the
 * isolated world (~1–2 ms), which `wxt/browser` would do at module evaluation.
 */
const ext = lazyContentApi();

export default defineUnlistedScript({
  globalName: false,
  main() {
    const global = globalThis as Record<string, unknown>;
    // Injected twice (the reader's selection and the background woke it at once): start once.
    if (HANDOFF_KEY in global) return;
    // page-start stops listening: from here on this part listens for the reader itself.
    (global[WAKE_KEY] as (() => boolean) | undefined)?.();
    const trigger = global[TRIGGER_KEY] as Event | undefined;
    delete global[TRIGGER_KEY];
    start(trigger);
  },
});

/** Awake: ask for the page's claims, listen for the reader and for messages (as before). */
function start(trigger: Event | undefined): void {
  const request = createClient((message: Message) => ext().runtime.sendMessage(message));
  const root = document.documentElement;
  let urls = pageUrlsOf(document);
  let blocked = false;
  const ask = (): Promise<PageLoadResult> => {
    handoff.urls = urls;
    const answer = request('page:load', urls);
    void answer.then((loaded) => {
      if (handoff.ui) return; // the page UI took over meanwhile
      if (loaded.ok) {
        // The settings come with the answer: this script never reads `storage` itself.
        handoff.settings = loaded.value.settings;
        blocked = isBlocked(location.href, blockedSitesIn(loaded.value.settings));
        if (blocked) return stop(); // never runs on this site
      }
      if (loaded.ok && loaded.value.annotations.length > 0) void loadUi(false);
      else root.setAttribute('data-claimmark', 'ready'); // nothing to paint: ready as it is
    });
    return answer;
  };

  let ui: Promise<PageUi> | undefined;
  let started: (ui: PageUi) => void = () => {};
  const handoff: Handoff = {
    settings: undefined,
    loaded: Promise.resolve({ ok: false, error: 'not asked yet' }),
    started: (pageUi) => {
      handoff.ui = pageUi;
      started(pageUi);
    },
  };
  (globalThis as Record<string, unknown>)[HANDOFF_KEY] = handoff;
  handoff.loaded = ask();

  /**
   * Ask the background to inject the painter (once; again after a failure) — with the page UI
   * in the same injection when the reader is capturing (`forCapture`): the toolbar is then one
   * round trip away, not two.
   */
  function loadUi(forCapture = true): Promise<PageUi> {
    if (handoff.ui) return Promise.resolve(handoff.ui);
    ui ??= new Promise<PageUi>((resolve, reject) => {
      started = resolve;
      // The page UI reads the settings from the hand-off: they come with `page:load`.
      void handoff.loaded
        .then(() => (blocked ? 'Claimmark does not run on this site' : inject(forCapture)))
        .then((error) => {
          if (error === null) return;
          ui = undefined;
          reject(new Error(error));
        });
    });
    return ui;
  }

  /** One `ui:load`; for a capture the painter finds it in the hand-off and waits for it. */
  function inject(forCapture: boolean): Promise<string | null> {
    const send = (message: unknown) => ext().runtime.sendMessage(message);
    if (!forCapture) return requestPart(send);
    return (handoff.injecting = requestPart(send, 'both'));
  }

  // The reader's own selection (mouse, or Shift+arrows) loads the UI and opens the toolbar.
  const capture = loadOnCapture(document, { running: () => !!handoff.ui, load: loadUi });

  // SPA navigation before the UI is loaded: ask again for the new URL.
  let locationTimer: number | undefined;
  const onLocation = () => {
    if (handoff.ui || blocked) return;
    window.clearTimeout(locationTimer);
    locationTimer = window.setTimeout(() => {
      const now = pageUrlsOf(document);
      if (now.url === urls.url) return;
      urls = now;
      root.removeAttribute('data-claimmark');
      handoff.loaded = ask();
    }, 150);
  };
  window.addEventListener('popstate', onLocation);

  // Messages from the background and extension pages; the page UI answers them once loaded.
  const onMessage = (
    message: unknown,
    sender: { id?: string },
    sendResponse: (answer: unknown) => void,
  ) => {
    if (sender.id !== ext().runtime.id || handoff.ui) return false;
    const type = (message as { type?: unknown } | null)?.type;
    if (typeof type !== 'string' || !type.startsWith('content:')) return false;
    void answer(message as ContentMessage).then(sendResponse);
    return true;
  };
  ext().runtime.onMessage.addListener(onMessage);

  /** A blocked site: every listener goes, nothing is ever loaded. */
  function stop() {
    capture.stop();
    window.removeEventListener('popstate', onLocation);
    ext().runtime.onMessage.removeListener(onMessage);
  }

  async function answer(message: ContentMessage) {
    if (message.type === 'content:location-changed') {
      onLocation();
      return { ok: true, value: { url: urls.url } };
    }
    // New settings before the painter runs: it starts with them (and never loads for them).
    if (message.type === 'content:settings') {
      const payload: unknown = message.payload;
      if (typeof payload === 'object' && payload !== null && 'settings' in payload)
        handoff.settings = payload.settings;
      return { ok: true, value: {} };
    }
    const loaded = await handoff.loaded;
    // The side panel asks every tab it follows: a page without claims needs no UI for that.
    if (message.type === 'content:claims' && loaded.ok && !loaded.value.annotations.length) {
      return { ok: true, value: { url: loaded.value.page?.url ?? urls.url, claims: [] } };
    }
    try {
      return await (await loadUi()).handle(message);
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  }

  // What woke it: the reader's selection goes on as if it had been listened to all along.
  if (trigger?.type === 'selectionchange') capture.selectionChanged();
  else if (trigger) capture.selectionEnded(trigger);
}
