/**
 * The typed client of messages to a tab's content script (utils/protocol/to-content.ts) over
 * `browser.tabs.sendMessage`: what the popup, the side panel and the background call. A tab
 * without a content script may show Claimmark's PDF viewer, an extension page that
 * `tabs.sendMessage` does not reach: the message goes to it over `runtime.sendMessage`, wrapped
 * for that tab (`ViewerRelay`).
 */
import { browser } from 'wxt/browser';
import { isResult } from '../protocol/rpc';
import { createTabClient, viewerRelay } from '../protocol/to-content';

export const sendToTab = createTabClient(async (tabId, message) => {
  const answer: unknown = await browser.tabs.sendMessage(tabId, message).catch(() => undefined);
  return isResult(answer) ? answer : browser.runtime.sendMessage(viewerRelay(tabId, message));
});
