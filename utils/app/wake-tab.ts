/**
 * Start the always-on content script of a tab's top frame (README "Lazy page UI"): at load it
 * only listens on `window`, so the background (a page on a site with claims, a command) and
 * extension pages (the side panel) wake it before they talk to it: `wakePage` stops its listening
 * and, the first time, the awake part (`page-awake.js`) is injected into the same frame. Waking an
 * awake page does nothing; false when the tab has no always-on script (an extension page, a PDF
 * viewer, a page opened before the extension was installed, a page not allowed to scripts).
 */
import { browser } from 'wxt/browser';
import { hasWake, PAGE_AWAKE_FILE, WAKE_KEY, wakePage } from '../protocol/load-ui';

export async function wakeTab(tabId: number): Promise<boolean> {
  const target = { tabId, frameIds: [0] };
  try {
    const [found] = await browser.scripting.executeScript({
      target,
      func: wakePage,
      args: [WAKE_KEY],
    });
    const state = found?.result;
    if (state === 'start')
      await browser.scripting.executeScript({ target, files: [PAGE_AWAKE_FILE] });
    return state === 'start' || state === 'awake';
  } catch {
    return false;
  }
}

/**
 * Whether a tab's top frame runs the always-on script, asked without waking it (the side panel
 * following tabs: README "Side panel"). False where it does not run: an extension page, a page
 * opened before the extension was installed (or updated), a page not allowed to scripts.
 */
export async function hasAlwaysOnScript(tabId: number): Promise<boolean> {
  try {
    const [result] = await browser.scripting.executeScript({
      target: { tabId, frameIds: [0] },
      func: hasWake,
      args: [WAKE_KEY],
    });
    return result?.result === true;
  } catch {
    return false;
  }
}
