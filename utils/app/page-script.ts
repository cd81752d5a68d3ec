/**
 * Whether a tab's top frame runs our always-on content script, asleep or awake, asked without
 * waking it (README "Lazy page UI"): its `wake` is on the isolated world's global (`WAKE_KEY`),
 * which `scripting.executeScript` shares. Reading that property touches neither the page's DOM
 * nor its messages. False where it does not run: an extension page, a page opened before the
 * extension was installed (or updated), a page not allowed to scripts.
 */
import { browser } from 'wxt/browser';
import { WAKE_KEY } from '../protocol/load-ui';

/** Run in the page's isolated world (serialized: no closure). */
function hasWake(key: string): boolean {
  return typeof (globalThis as Record<string, unknown>)[key] === 'function';
}

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
