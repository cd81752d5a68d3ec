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

/** `tabs.sendMessage`, waking the tab's page and asking again when nothing answers it. */
export async function askAwake(tabId: number, message: unknown): Promise<unknown> {
  const ask = () => browser.tabs.sendMessage(tabId, message).catch(() => undefined);
  const answer: unknown = await ask();
  return !isResult(answer) && (await wakeTab(tabId)) ? ask() : answer;
}

export const sendToTab = createTabClient(async (tabId, message) => {
  const answer = await askAwake(tabId, message);
  return isResult(answer) ? answer : browser.runtime.sendMessage(viewerRelay(tabId, message));
});
