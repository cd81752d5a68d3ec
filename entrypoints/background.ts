import { defineBackground } from 'wxt/utils/define-background';
import { browser } from 'wxt/browser';
import { openDatabase } from '../utils/store/db';
import { createCommandRouter, SAVE_MENU_ITEM } from '../utils/protocol/commands';
import { sendToTab } from '../utils/app/send-to-tab';
import { isViewerRelay } from '../utils/protocol/to-content';
import { createHandlers, dispatch, recordRedirect } from '../utils/store/handlers';
import { normalizeUrl } from '../utils/core/url';
import { createUiLoader, isLoadUi } from '../utils/protocol/load-ui';
import { OPEN_PDF_MENU_ITEM, PDF_LINK_PATTERNS, viewerPath } from '../utils/pdf/url';
import PouchDB from 'pouchdb-browser';
import { liveQuery } from 'dexie';
import { createSyncEngine } from '../utils/store/sync/engine';
import { parseSyncConfig, SYNC_CONFIG_KEY } from '../utils/store/sync/config';
import { repaintTabs } from '../utils/store/sync/repaint';
import { SETTINGS_KEY } from '../utils/store/settings';

const SYNC_ALARM = 'claimmark-sync';

export default defineBackground(() => {
  const db = openDatabase();
  // Every page:load answer carries the settings: the always-on content script reads no storage.
  const handlers = createHandlers(db, undefined, () =>
    browser.storage.local.get(SETTINGS_KEY).then((items) => items[SETTINGS_KEY]),
  );
  // The page UI is injected into a frame only when its always-on content script asks (README).
  const loadUi = createUiLoader((tabId, frameId, files) =>
    browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files }),
  );

  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    // Only our own content scripts and pages; web pages cannot reach this listener at all.
    if (sender.id !== browser.runtime.id) return false;
    if (isLoadUi(message)) {
      void loadUi(sender, message).then(sendResponse);
      return true;
    }
    if (isViewerRelay(message)) return false; // for a PDF viewer page, which answers it
    void dispatch(handlers, message).then(sendResponse);
    return true; // answer asynchronously
  });

  // Sync with CouchDB (README "Team library"): off until the reader connects in the options.
  const sync = createSyncEngine({
    db,
    storage: browser.storage.local,
    PouchDB,
    fetch: (input, init) => fetch(input, init),
    onApplied: (urls) => void repaintTabs(db, browser.tabs, urls).catch(() => {}),
  });
  // Any write, from this worker or an extension page, leaves an outbox entry: push it — watched
  // only while sync is set up, so with sync off the worker neither opens the database at start
  // nor re-counts the outbox after every write.
  let outbox: { unsubscribe(): void } | undefined;
  const follow = (config: unknown) => {
    const configured = parseSyncConfig(config) !== null;
    if (configured && !outbox) {
      outbox = liveQuery(() => db.syncOutbox.count()).subscribe({
        next: (pending) => pending > 0 && sync.kick(),
        error: () => {},
      });
    } else if (!configured && outbox) {
      outbox.unsubscribe();
      outbox = undefined;
    }
  };
  void sync.start();
  void browser.storage.local.get(SYNC_CONFIG_KEY).then((items) => follow(items[SYNC_CONFIG_KEY]));
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local' || !changes[SYNC_CONFIG_KEY]) return;
    follow(changes[SYNC_CONFIG_KEY].newValue);
    void sync.start();
  });
  // Catch up after Chrome stopped the worker (alarms wake it; 1 minute is the shortest period).
  void browser.alarms.create(SYNC_ALARM, { periodInMinutes: 1 });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void sync.catchUp();
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

  // "Save as claim" from the keyboard command and the selection's context menu.
  const router = createCommandRouter(sendToTab);
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({
      id: SAVE_MENU_ITEM,
      title: 'Save as claim',
      contexts: ['selection'],
    });
    browser.contextMenus.create({
      id: OPEN_PDF_MENU_ITEM,
      title: 'Annotate PDF in Claimmark',
      contexts: ['link'],
      targetUrlPatterns: PDF_LINK_PATTERNS,
    });
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === OPEN_PDF_MENU_ITEM && info.linkUrl) {
      const url = browser.runtime.getURL(viewerPath(info.linkUrl));
      void browser.tabs.create({ url, ...(tab ? { index: tab.index + 1 } : {}) });
      return;
    }
    void router.onMenuClick(info.menuItemId, tab?.id);
  });
  browser.commands.onCommand.addListener((command, tab) => {
    void (async () => {
      const target = tab ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0];
      await router.onCommand(command, target?.id);
    })();
  });

  // SPA navigation (history.pushState) changes a tab's URL without a new page: tell the page.
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (!change.url) return;
    // No content script there (yet) answers { ok: false }: a full page load runs one anyway.
    void sendToTab(tabId, 'content:location-changed', {});
  });
});
