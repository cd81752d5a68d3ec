/**
 * The always-on content script, on every page: it must cost the reader nothing. It asks the
 * background whether the page has claims (one `page:load` message, whose answer carries the
 * settings) and waits
 * for the reader's own selection, the keyboard command or the context menu. Only then — or when
 * the page has claims — does it ask the background to inject the page UI (entrypoints/page-ui),
 * hand it what it learnt (utils/page/handoff.ts) and step aside.
 *
 * It is declared in the manifest as a plain content script (wxt.config.ts), not through WXT's
 * defineContentScript: that wrapper adds 3 KB and posts a window message naming the extension id
 * to every page. Messages are parsed by the page UI; only their type is read here.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { browser } from 'wxt/browser';
import { createClient, type Message } from '../../utils/protocol/to-background';
import type { ContentMessage } from '../../utils/protocol/to-content';
import { requestPart } from '../../utils/protocol/load-ui';
import { pageUrlsOf } from '../../utils/page/page-url';
import { selectedRange } from '../../utils/page/selection';
import { endsSelection } from '../../utils/page/selection-end';
import {
  HANDOFF_KEY,
  type Handoff,
  type PageLoadAnswer,
  type PageUi,
} from '../../utils/page/handoff';
import { blockedSitesIn, isBlocked } from '../../utils/store/settings';

export default defineUnlistedScript({
  globalName: false,
  // Synchronous on purpose: everything below runs in the one evaluation of this script (an
  // `await` would resume in a microtask, which costs a task of its own). What it touches on load:
  // the `runtime` API (one message, one listener), the canonical link, four DOM listeners.
  main() {
    const request = createClient((message: Message) => browser.runtime.sendMessage(message));
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
      const send = (message: unknown) => browser.runtime.sendMessage(message);
      if (!forCapture) return requestPart(send);
      const injecting = requestPart(send, 'both');
      handoff.injecting = injecting;
      void injecting.then(() => {
        if (handoff.injecting === injecting) delete handoff.injecting;
      });
      return injecting;
    }

    // The reader's own selection (mouse, or Shift+arrows) loads the UI and opens the toolbar.
    const onSelectionEnd = (event: Event) => {
      if (handoff.ui || !endsSelection(event)) return;
      setTimeout(() => {
        if (!selectedRange(document)) return;
        void loadUi().then((pageUi) => pageUi.selectionEnded(event), noUi);
      }, 0);
    };
    // A selection being made (mouse still down, Shift still held): start loading the page UI
    // now, so the toolbar shows at once on mouse-up. Loading acts on nothing by itself; only the
    // reader's own mouse-up or key opens the toolbar.
    const onSelectionChange = () => {
      if (!handoff.ui && !ui && document.getSelection()?.isCollapsed === false)
        void loadUi().catch(noUi);
    };
    document.addEventListener('mouseup', onSelectionEnd);
    document.addEventListener('keyup', onSelectionEnd);
    document.addEventListener('selectionchange', onSelectionChange);

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
      if (sender.id !== browser.runtime.id || handoff.ui) return false;
      const type = (message as { type?: unknown } | null)?.type;
      if (typeof type !== 'string' || !type.startsWith('content:')) return false;
      void answer(message as ContentMessage).then(sendResponse);
      return true;
    };
    browser.runtime.onMessage.addListener(onMessage);

    /** A blocked site: every listener goes, nothing is ever loaded. */
    function stop() {
      document.removeEventListener('mouseup', onSelectionEnd);
      document.removeEventListener('keyup', onSelectionEnd);
      document.removeEventListener('selectionchange', onSelectionChange);
      window.removeEventListener('popstate', onLocation);
      browser.runtime.onMessage.removeListener(onMessage);
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
  },
});

function noUi(): void {
  // The background could not inject the page UI (the extension was updated under this page).
}
