/**
 * Start the always-on content script of a tab's top frame (README "Lazy page UI"): at load it
 * only listens on `window`, so the background (a page on a site with claims, a command) and
 * extension pages (the side panel) wake it before they talk to it: `wakePage` stops its listening
 * and, the first time, the awake part (`page-awake.js`) is injected into the same frame. Waking an
 * awake page does nothing; false when the tab has no always-on script (an extension page, a PDF
 * viewer, a page opened before the extension was installed, a page not allowed to scripts).
 */
import { browser } from 'wxt/browser';
import {
  describePage,
  hasWake,
  LISTEN_KEY,
  startListening,
  PAGE_AWAKE_FILE,
  PAGE_PAINT_FILE,
  seedPainter,
  WAKE_KEY,
  wakePage,
  PAGE_KEYS,
  type PageLoadResult,
} from '../protocol/load-ui';
import { urlsOfAddress, type PageUrls } from '../core/url';

export async function wakeTab(tabId: number): Promise<boolean> {
  const target = { tabId, frameIds: [0] };
  try {
    const [found] = await browser.scripting.executeScript({
      target,
      func: wakePage,
      args: [WAKE_KEY, LISTEN_KEY],
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

/**
 * Open a tab's page the background has found on a site with claims (`tabs.onUpdated`): rather
 * than waking it to ask for its claims (the awake part, then its `page:load`), look them up here
 * — `describePage` reads the document's address and canonical link, `load` is the background's
 * own `page:load` handler — and, when the page has claims, leave them in the hand-off
 * (`seedPainter`) and inject the painter at once: the page runs neither the awake part nor a
 * message of its own before it is painted (README "Lazy page UI"). A page without claims, or one
 * the reader is already waking, is woken as before (`wakeTab`). True when the page is awake.
 */
export async function openTab(
  tabId: number,
  load: (urls: PageUrls) => Promise<PageLoadResult>,
): Promise<boolean> {
  const target = { tabId, frameIds: [0] };
  try {
    const [found] = await browser.scripting.executeScript({
      target,
      func: describePage,
      args: [PAGE_KEYS],
    });
    const page = found?.result;
    if (!page || page.state === 'absent') return false;
    if (page.state === 'awake') return true;
    const urls = urlsOfAddress(page);
    const answer = await load(urls);
    if (answer.ok && answer.value.annotations.length > 0) {
      const [seeded] = await browser.scripting.executeScript({
        target,
        func: seedPainter,
        args: [PAGE_KEYS, JSON.stringify(answer), urls],
      });
      if (seeded?.result === true) {
        await browser.scripting.executeScript({ target, files: [PAGE_PAINT_FILE] });
        return true;
      }
    }
  } catch {
    return false;
  }
  return wakeTab(tabId);
}

/**
 * Make a painter that does not listen for messages yet listen (`startListening`): before a
 * message to a tab that must not be woken for it (the settings, a URL change). False when the
 * frame has no such painter (asleep, awake and listening, or no script at all).
 */
export async function listenTab(tabId: number): Promise<boolean> {
  try {
    const [result] = await browser.scripting.executeScript({
      target: { tabId, frameIds: [0] },
      func: startListening,
      args: [LISTEN_KEY],
    });
    return result?.result === true;
  } catch {
    return false;
  }
}
