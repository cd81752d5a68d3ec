import { defineBackground } from 'wxt/utils/define-background';
import { browser } from 'wxt/browser';
import { openDatabase } from '../utils/store/db';
import { createCommandRouter, SAVE_MENU_ITEM } from '../utils/protocol/commands';
import { askAwake, askListening, sendToTab } from '../utils/app/send-to-tab';
import { createTabClient, isViewerRelay } from '../utils/protocol/to-content';
import { createHandlers, dispatch, recordRedirect } from '../utils/store/handlers';
import { normalizeUrl, type PageUrls } from '../utils/core/url';
import { createUiLoader, isLoadUi } from '../utils/protocol/load-ui';
import { OPEN_PDF_MENU_ITEM, PDF_LINK_PATTERNS, viewerPath } from '../utils/pdf/url';
import PouchDB from 'pouchdb-browser';
import { liveQuery } from 'dexie';
import { createSyncEngine } from '../utils/store/sync/engine';
import { parseSyncConfig, SYNC_CONFIG_KEY } from '../utils/store/sync/config';
import { repaintTabs } from '../utils/store/sync/repaint';
import { isBlocked, watchSettings, type Settings } from '../utils/store/settings';
import { tellTabsSettings } from '../utils/app/settings-to-tabs';
import { createSiteIndex } from '../utils/store/site-index';
import { openTab } from '../utils/app/wake-tab';
import type { PageLoadResult } from '../utils/protocol/load-ui';

const SYNC_ALARM = 'claimmark-sync';

export default defineBackground(() => {
  const db = openDatabase();
  // The settings, read once and kept current: every page:load answer carries them (the
  // always-on content script reads no storage), and every navigation checks the blocked sites.
  // A change also reaches the open pages in a message: their content scripts read no storage.
  let settings = new Promise<Settings>((first) =>
    watchSettings(browser.storage, (next, changed) => {
      first(next);
      settings = Promise.resolve(next);
      const tabs = { query: browser.tabs.query, sendMessage: askListening };
      if (changed) void tellTabsSettings(tabs, next).catch(() => {});
    }),
  );
  const handlers = createHandlers(db, undefined, () => settings);
  // The page UI is injected into a frame only when its always-on content script asks (README).
  const loadUi = createUiLoader((tabId, frameId, files) =>
    browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files }),
  );
  // "Sites where Claimmark never runs": no page UI there, whoever asks.
  const blockedUrl = async (url: string | undefined) =>
    url !== undefined && isBlocked(url, (await settings).blockedSites);
  // Which sites have stored pages: the page of a tab is woken only there (README "Lazy page UI").
  const sites = createSiteIndex(db);
  const mayHaveClaims = async (url: string) => (await sites.holds(url)) && !(await blockedUrl(url));
  // For the end-to-end tests and benchmarks (worker.evaluate): what the next navigation decides.
  (globalThis as Record<string, unknown>).__claimmarkMayHaveClaims = mayHaveClaims;

  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    // Only our own content scripts and pages; web pages cannot reach this listener at all.
    if (sender.id !== browser.runtime.id) return false;
    if (isLoadUi(message)) {
      void blockedUrl(sender.url ?? sender.tab?.url).then((blocked) =>
        blocked
          ? sendResponse({ ok: false, error: 'Claimmark does not run on this site' })
          : loadUi(sender, message).then(sendResponse),
      );
      return true;
    }
    if (isViewerRelay(message)) return false; // for a PDF viewer page, which answers it
    void dispatch(handlers, message).then(sendResponse);
    return true; // answer asynchronously
  });

  // Sync with CouchDB (README "Team library"): off until the reader connects in the options.
  // Claims arrived for an open tab whose page was never woken: wake it, then ask it to reload.
  const tabsWaking = { query: browser.tabs.query, sendMessage: askAwake };
  const sync = createSyncEngine({
    db,
    storage: browser.storage.local,
    PouchDB,
    fetch: (input, init) => fetch(input, init),
    onApplied: (urls) => void repaintTabs(db, tabsWaking, urls).catch(() => {}),
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

  // A tab loaded or moved to another URL (history.pushState included). Its always-on script only
  // listens on `window` until woken: open it when a stored page is on the URL's site. On any
  // other site nothing runs after load.
  const notifyTab = createTabClient((tabId, message) => browser.tabs.sendMessage(tabId, message));
  // On a site with claims the tab may hold a painter that does not listen yet: it listens first.
  const notifyPainter = createTabClient(askListening);
  // The background looks the page's claims up itself and injects the painter with them
  // (utils/app/wake-tab.ts `openTab`): no awake part, no message from the page.
  const loadPage = (urls: PageUrls) =>
    dispatch(handlers, { type: 'page:load', payload: urls }) as Promise<PageLoadResult>;
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (!change.url && change.status !== 'loading' && change.status !== 'complete') return;
    const url = change.url ?? tab.url;
    if (url === undefined) return;
    const may = mayHaveClaims(url);
    if (change.url) {
      // An awake page follows the new URL; a sleeping one has no listener (answers nothing).
      void may.then((yes) =>
        (yes ? notifyPainter : notifyTab)(tabId, 'content:location-changed', {}),
      );
    }
    void may.then((yes) => yes && openTab(tabId, loadPage));
  });
});
