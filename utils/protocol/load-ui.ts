/**
 * The one message of the always-on content script that is not in the data protocol: "inject the
 * page UI into my frame". The background answers it by running `PAGE_UI_FILE` in the sender's
 * frame with `scripting.executeScript` (no `web_accessible_resources`: a page can neither load nor
 * probe the file). Injecting twice is harmless: the page UI starts only once per frame.
 * Pure routing over an injected `execute`.
 */
import type { Result } from './to-background';

export const LOAD_UI = 'ui:load';
/** The page UI bundle (entrypoints/page-ui), as WXT writes an unlisted script. */
export const PAGE_UI_FILE = '/page-ui.js' as const;

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

export type ExecuteInFrame = (
  tabId: number,
  frameId: number,
  file: typeof PAGE_UI_FILE,
) => Promise<unknown>;

/** The background's handler for `ui:load`: injects the page UI into the sender's frame. */
export function createUiLoader(execute: ExecuteInFrame) {
  return async (sender: UiSender): Promise<Result<{ injected: true }>> => {
    const tabId = sender.tab?.id;
    if (tabId === undefined || tabId < 0) return { ok: false, error: 'not sent from a tab' };
    try {
      await execute(tabId, sender.frameId ?? 0, PAGE_UI_FILE);
      return { ok: true, value: { injected: true } };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  };
}
