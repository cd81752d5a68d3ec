/**
 * The one message of the content script that is not in the data protocol: "inject the next part
 * of the content script into my frame". The always-on script asks for the painter
 * (`PAGE_PAINT_FILE`: session, anchoring, painting) when the page has claims or the reader starts
 * a capture; the painter asks for the page UI (`PAGE_UI_FILE`: toolbar, card, Readability,
 * suggestions, `part: 'ui'`) only when the reader needs it. The background answers by running the
 * file in the sender's frame with `scripting.executeScript` (no `web_accessible_resources`: a page
 * can neither load nor probe the files). Injecting twice is harmless: each part starts only once
 * per frame. Pure routing over an injected `execute`.
 */
import type { Result } from './to-background';

export const LOAD_UI = 'ui:load';
/** The painter (entrypoints/page-paint), as WXT writes an unlisted script. */
export const PAGE_PAINT_FILE = '/page-paint.js' as const;
/** The page UI bundle (entrypoints/page-ui), as WXT writes an unlisted script. */
export const PAGE_UI_FILE = '/page-ui.js' as const;
/** What a `ui:load` may ask for: the painter by default, the page UI with `part: 'ui'`. */
export type PageFile = typeof PAGE_PAINT_FILE | typeof PAGE_UI_FILE;

/** The file a `ui:load` message asks for (anything but `part: 'ui'` is the painter). */
export function fileOf(message: unknown): PageFile {
  return (message as { part?: unknown } | null)?.part === 'ui' ? PAGE_UI_FILE : PAGE_PAINT_FILE;
}

/**
 * The property of the isolated world's global where the always-on script leaves its `wake`: the
 * background (a page on a site with claims) and extension pages (a command, the side panel) call
 * it with `scripting.executeScript({ func: wakePage, args: [WAKE_KEY] })` to start it — ask for
 * the page's claims, listen for messages — since at load it only listens on `window`.
 */
export const WAKE_KEY = '__claimmarkWake';

/** Run in the page's isolated world (serialized: no closure): true if the always-on script woke. */
export function wakePage(key: string): boolean {
  const wake = (globalThis as Record<string, unknown>)[key];
  if (typeof wake !== 'function') return false;
  (wake as () => void)();
  return true;
}

export function isLoadUi(message: unknown): boolean {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { type?: unknown }).type === LOAD_UI
  );
}

export interface UiSender {
  tab?: { id?: number };
  frameId?: number;
}

export type ExecuteInFrame = (tabId: number, frameId: number, file: PageFile) => Promise<unknown>;

/** The background's handler for `ui:load`: injects the part asked for into the sender's frame. */
export function createUiLoader(execute: ExecuteInFrame) {
  return async (sender: UiSender, message?: unknown): Promise<Result<{ injected: true }>> => {
    const tabId = sender.tab?.id;
    if (tabId === undefined || tabId < 0) return { ok: false, error: 'not sent from a tab' };
    try {
      await execute(tabId, sender.frameId ?? 0, fileOf(message));
      return { ok: true, value: { injected: true } };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  };
}
