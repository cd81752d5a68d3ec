/**
 * The typed client of messages to a tab's content script (utils/protocol/to-content.ts) over
 * `browser.tabs.sendMessage`: what the popup, the side panel and the background call. A page's
 * always-on script listens for messages only once woken (README "Lazy page UI"): when nothing
 * answers, the tab is woken (`wakeTab`) and asked again. A tab without a content script may show
 * Claimmark's PDF viewer, an extension page that `tabs.sendMessage` does not reach: the message
 * goes to it over `runtime.sendMessage`, wrapped for that tab (`ViewerRelay`).
 */
import { browser } from 'wxt/browser';
import { isResult } from '../protocol/rpc';
import { createTabClient, viewerRelay } from '../protocol/to-content';
import { wakeTab } from './wake-tab';

export const sendToTab = createTabClient(async (tabId, message) => {
  const ask = () => browser.tabs.sendMessage(tabId, message).catch(() => undefined);
  let answer: unknown = await ask();
  if (!isResult(answer) && (await wakeTab(tabId))) answer = await ask();
  return isResult(answer) ? answer : browser.runtime.sendMessage(viewerRelay(tabId, message));
});
