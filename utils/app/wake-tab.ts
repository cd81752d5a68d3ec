/**
 * Start the always-on content script of a tab's top frame (README "Lazy page UI"): at load it
 * only listens on `window`, so the background (a page on a site with claims, a command) and
 * extension pages (the side panel) wake it before they talk to it. Waking an awake page does
 * nothing; false when the tab has no always-on script (an extension page, a PDF viewer, a page
 * opened before the extension was installed, a page not allowed to scripts).
 */
import { browser } from 'wxt/browser';
import { WAKE_KEY, wakePage } from '../protocol/load-ui';

export async function wakeTab(tabId: number): Promise<boolean> {
  try {
    const [result] = await browser.scripting.executeScript({
      target: { tabId, frameIds: [0] },
      func: wakePage,
      args: [WAKE_KEY],
    });
    return result?.result === true;
  } catch {
    return false;
  }
}
