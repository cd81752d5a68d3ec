/**
 * The always-on content script, on every page: it must cost the reader nothing. At load it only
 * registers three listeners on `window` (capture phase: `selectionchange` is fired at the
 * document, `mouseup`/`keyup` may be stopped by the page) and leaves its `wake` on the isolated
 * world's global (`WAKE_KEY`): no `browser.*` API, no document node, no DOM query — each of those
 * costs its first use in the isolated world (README "Performance → Page load"). It wakes when
 * - the reader starts selecting text (a non-collapsed `selectionchange`) or ends a selection with
 *   a trusted mouseup or Shift/arrow keyup, or
 * - the background finds a stored page on the tab's site (`tabs.onUpdated`), or a command, the
 *   context menu, the popup or the side panel needs the page: they call `wake` through
 *   `scripting.executeScript` (utils/app/wake-tab.ts).
 * Awake, it does what it always did: one `page:load` (whose answer carries the settings), the
 * painter injected when the page has claims or a capture started (utils/protocol/load-ui.ts), the
 * hand-off (utils/page/handoff.ts), and a message listener until the painter takes over.
 *
 * It is declared in the manifest as a plain content script (wxt.config.ts), not through WXT's
 * defineContentScript: that wrapper adds 3 KB and posts a window message naming the extension id
 * to every page. Messages are parsed by the page UI; only their type is read here.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { createClient, type Message } from '../../utils/protocol/to-background';
import type { ContentMessage } from '../../utils/protocol/to-content';
import { requestPart, WAKE_KEY } from '../../utils/protocol/load-ui';
import { pageUrlsOf } from '../../utils/page/page-url';
import { loadOnCapture } from '../../utils/page/capture-start';
import { endsSelection } from '../../utils/page/selection-end';
import {
  HANDOFF_KEY,
  type Handoff,
  type PageLoadAnswer,
  type PageUi,
} from '../../utils/page/handoff';
import { blockedSitesIn, isBlocked } from '../../utils/store/settings';

/** The part of the extension API this script uses (wxt/browser is not imported: see `ext`). */
interface Browser {
  runtime: {
    id: string;
    sendMessage(message: unknown): Promise<unknown>;
    onMessage: {
      addListener(listener: OnMessage): void;
      removeListener(listener: OnMessage): void;
    };
  };
}
type OnMessage = (
  message: unknown,
  sender: { id?: string },
  sendResponse: (answer: unknown) => void,
) => boolean;

const QUIET_EVENTS = ['selectionchange', 'mouseup', 'keyup'] as const;

/**
 * The extension API, looked up only once awake: `wxt/browser` reads `globalThis.chrome` when the
 * module is evaluated, and the first touch of `chrome` sets up its bindings in the isolated
 * world (~0.6–1 ms on guardian-1, the `get app` of the CPU profile).
 */
let api: Browser | undefined;
function ext(): Browser {
  const global = globalThis as unknown as { browser?: Browser; chrome: Browser };
  return (api ??= global.browser?.runtime?.id ? global.browser : global.chrome);
}

export default defineUnlistedScript({
  globalName: false,
  // Synchronous, and touching nothing but `window` (see above).
  main() {
    const global = globalThis as Record<string, unknown>;
    let awake = false;
    const wake = (trigger?: Event) => {
      if (awake) return;
      awake = true;
      for (const type of QUIET_EVENTS) window.removeEventListener(type, onQuietEvent, true);
      start(trigger);
    };
    const onQuietEvent = (event: Event) => {
      if (!event.isTrusted) return;
      if (event.type === 'selectionchange') {
        if (document.getSelection()?.isCollapsed !== false) return;
      } else if (!endsSelection(event)) return;
      wake(event);
    };
    for (const type of QUIET_EVENTS) window.addEventListener(type, onQuietEvent, true);
    global[WAKE_KEY] = () => wake();
  },
});

/** Awake: ask for the page's claims, listen for the reader and for messages (as before). */
function start(trigger: Event | undefined): void {
  const request = createClient((message: Message) => ext().runtime.sendMessage(message));
  const root = document.documentElement;
  let urls = pageUrlsOf(document);
  let blocked = false;
  const ask = (): Promise<PageLoadAnswer> => {
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
