/**
 * The typed client of messages to a tab's content script (utils/protocol/to-content.ts) over
 * `browser.tabs.sendMessage`: what the popup, the side panel and the background call.
 */
import { browser } from 'wxt/browser';
import { createTabClient } from '../protocol/to-content';

export const sendToTab = createTabClient((tabId, message) =>
  browser.tabs.sendMessage(tabId, message),
);
