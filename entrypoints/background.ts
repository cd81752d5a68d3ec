import { defineBackground } from 'wxt/utils/define-background';
import { browser } from 'wxt/browser';
import { openDatabase } from '../utils/db';
import { createHandlers, dispatch, recordRedirect } from '../utils/handlers';
import { normalizeUrl } from '../utils/url';

export default defineBackground(() => {
  const db = openDatabase();
  const handlers = createHandlers(db);

  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    // Only our own content scripts and pages; web pages cannot reach this listener at all.
    if (sender.id !== browser.runtime.id) return false;
    void dispatch(handlers, message).then(sendResponse);
    return true; // answer asynchronously
  });

  // A page that moved (301/302) keeps its claims: the new URL becomes an alias of the old page.
  browser.webRequest.onBeforeRedirect.addListener(
    (details) => {
      void recordRedirect(db, normalizeUrl(details.url), normalizeUrl(details.redirectUrl)).catch(
        () => {},
      );
    },
    { urls: ['http://*/*', 'https://*/*'], types: ['main_frame'] },
  );

  // SPA navigation (history.pushState) changes a tab's URL without a new page: tell the page.
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (!change.url) return;
    browser.tabs.sendMessage(tabId, { type: 'content:location-changed' }).catch(() => {
      // No content script there (yet): a full page load runs one anyway.
    });
  });
});
