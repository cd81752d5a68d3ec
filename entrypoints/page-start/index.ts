/**
 * The always-on content script, on every page: it must cost the reader nothing, so it holds only
 * what runs before the page is woken (1.3 KB built; README "Performance → Page load"). At load it
 * registers three listeners on `window` (capture phase: `selectionchange` is fired at the
 * document, `mouseup`/`keyup` may be stopped by the page) and leaves its `wake` on the isolated
 * world's global (`WAKE_KEY`): no `browser.*` API, no document node, no DOM query — each of those
 * costs its first use in the isolated world. It wakes when
 * - the reader starts selecting text (a trusted non-collapsed `selectionchange`) or ends a
 *   selection with a trusted mouseup or Shift/arrow keyup: it asks the background, with one
 *   `ui:load` of `part: 'awake'`, to inject the awake part into this frame (refused on a blocked
 *   site: nothing more runs there) and, until that part runs and stops it, leaves the reader's
 *   latest such event for it (`TRIGGER_KEY`), or
 * - the background finds a stored page on the tab's site (`tabs.onUpdated`), or a command, the
 *   context menu, the popup or the side panel needs the page: they call `wake` through
 *   `scripting.executeScript` and inject the awake part themselves (utils/app/wake-tab.ts).
 * The awake part (entrypoints/page-awake) does the rest: `page:load`, the painter, the hand-off,
 * the message listener.
 *
 * It is declared in the manifest as a plain content script (wxt.config.ts), not through WXT's
 * defineContentScript: that wrapper adds 3 KB and posts a window message naming the extension id
 * to every page.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { extensionApi, requestPart, WAKE_KEY } from '../../utils/protocol/load-ui';
import { endsSelection } from '../../utils/page/selection-end';
import { HANDOFF_KEY, TRIGGER_KEY } from '../../utils/page/handoff';

/** The part of the extension API this script uses, once woken (wxt/browser is not imported). */
interface Browser {
  runtime: { id?: string; sendMessage(message: unknown): Promise<unknown> };
}

const QUIET_EVENTS = ['selectionchange', 'mouseup', 'keyup'] as const;

export default defineUnlistedScript({
  globalName: false,
  // Synchronous, and touching nothing but `window` (see above).
  main() {
    const global = globalThis as Record<string, unknown>;
    let awake = false;
    let asked = false;
    /**
     * Stop listening (the background waking the page, or the awake part once it runs); true while
     * the awake part is not running yet (the background then injects it).
     */
    const wake = (): boolean => {
      if (!awake) {
        awake = true;
        for (const type of QUIET_EVENTS) window.removeEventListener(type, onQuietEvent, true);
      }
      return !(HANDOFF_KEY in global);
    };
    const onQuietEvent = (event: Event) => {
      if (!event.isTrusted) return;
      if (event.type === 'selectionchange') {
        if (asked || document.getSelection()?.isCollapsed !== false) return;
      } else if (!endsSelection(event)) return;
      // Until the awake part runs (a round trip), it goes on with the latest of the reader's
      // events: a selection ended meanwhile opens the toolbar.
      global[TRIGGER_KEY] = event;
      if (asked) return;
      asked = true;
      // The extension API is looked up only now (`extensionApi`: its first touch costs).
      const api = extensionApi<Browser>();
      void requestPart((message) => api.runtime.sendMessage(message), 'awake');
    };
    for (const type of QUIET_EVENTS) window.addEventListener(type, onQuietEvent, true);
    global[WAKE_KEY] = wake;
  },
});
