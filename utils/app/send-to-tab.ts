/**
 * The typed clients of messages to a tab's content script (utils/protocol/to-content.ts) over
 * `browser.tabs.sendMessage`: what the popup, the side panel and the background call. A page's
 * always-on script listens for messages only once woken (README "Lazy page UI"): `sendToTab`
 * wakes the tab (`wakeTab`) and asks again when nothing answers; `askTab` never wakes it (the
 * side panel following the tabs, which must not wake a page of a site without claims). A tab
 * without a content script may show Claimmark's PDF viewer, an extension page that
 * `tabs.sendMessage` does not reach: the message goes to it over `runtime.sendMessage`, wrapped
 * for that tab (`ViewerRelay`).
 */
import { browser } from 'wxt/browser';
import { isResult } from '../protocol/rpc';
import { createTabClient, viewerRelay } from '../protocol/to-content';
import { listenTab, wakeTab } from './wake-tab';

const ask = (tabId: number, message: unknown): Promise<unknown> =>
  browser.tabs.sendMessage(tabId, message).catch(() => undefined);

/** `tabs.sendMessage`, waking the tab's page and asking again when nothing answers it. */
export async function askAwake(tabId: number, message: unknown): Promise<unknown> {
  const answer: unknown = await ask(tabId, message);
  return !isResult(answer) && (await wakeTab(tabId)) ? ask(tabId, message) : answer;
}

/**
 * `tabs.sendMessage` that wakes no page but reaches a painter that does not listen yet (it
 * listens, then the message is sent again): the settings and URL changes the background tells
 * every tab.
 */
export async function askListening(tabId: number, message: unknown): Promise<unknown> {
  const answer: unknown = await ask(tabId, message);
  return !isResult(answer) && (await listenTab(tabId)) ? ask(tabId, message) : answer;
}

const orViewer =
  (send: (tabId: number, message: unknown) => Promise<unknown>) =>
  async (tabId: number, message: unknown): Promise<unknown> => {
    const answer = await send(tabId, message);
    return isResult(answer) ? answer : browser.runtime.sendMessage(viewerRelay(tabId, message));
  };

export const sendToTab = createTabClient(orViewer(askAwake));

/** The same, but an asleep page stays asleep: "The page did not answer." */
export const askTab = createTabClient(orViewer(ask));
