/**
 * Driving many saves at once, for tests/e2e/load.test.ts and the soak (tests/tools/soak.ts).
 *
 * Saves go the way the side panel's "Save as …" button sends them: an extension page calls
 * `chrome.tabs.sendMessage(tab, 'content:save-suggestion')`; the tab's content script finds the
 * words, paints them and sends 'annotation:save' to the background, whose handler writes the DB.
 * That is the one route into the content script's `session.save` that takes its words from the
 * message (the keyboard command and the context menu save the current selection, of which a tab
 * has one at a time), so hundreds of saves per tab can really be in flight together.
 */
import type { Page } from 'playwright-core';
import type { WxtBrowser } from 'wxt/browser';
import { LISTEN_KEY, PAGE_AWAKE_FILE, WAKE_KEY, wakePage } from '../../utils/protocol/load-ui';
import {
  tabIdOf,
  waitForContentScript,
  type ExtensionBrowser,
  type FixtureServer,
} from './harness';

const PER_PARAGRAPH = 10;

/** The figure a sentence is saved by: `$17.3 million` is never inside another sentence's. */
export const figureOf = (i: number, tab: number) => `$${i}.${tab} million`;
export const sentenceOf = (i: number, tab: number) =>
  `Item ${i} of desk ${tab} said revenue reached ${figureOf(i, tab)} in the quarter.`;

/** An article of `count` distinct sentences, ten to a paragraph, no whitespace between tags. */
export function article(tab: number, count: number): { html: string; sentences: string[] } {
  const sentences = Array.from({ length: count }, (_, i) => sentenceOf(i + 1, tab));
  const paragraphs: string[] = [];
  for (let i = 0; i < count; i += PER_PARAGRAPH) {
    paragraphs.push(`<p>${sentences.slice(i, i + PER_PARAGRAPH).join(' ')}</p>`);
  }
  const title = `Load desk ${tab}`;
  const html =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>` +
    `<body><article><h1>${title}</h1>${paragraphs.join('')}</article></body></html>`;
  return { html, sentences };
}

/** Serve `html` at `path` and open it in a new tab, once the content script is ready. */
export async function openPage(
  browser: ExtensionBrowser,
  server: FixtureServer,
  path: string,
  html: string,
): Promise<Page> {
  server.set(path, html);
  const page = await browser.context.newPage();
  await page.goto(`${server.origin}${path}`);
  await waitForContentScript(page);
  // The saves below go straight to `tabs.sendMessage`; the product's own senders wake an asleep
  // page first (utils/app/send-to-tab.ts), so wake it as they would, and wait until it is ready.
  const tabId = await tabIdOf(browser, page);
  await browser.worker.evaluate(
    `(async (target) => { const [found] = await chrome.scripting.executeScript({ target, func: ${wakePage.toString()}, args: [${JSON.stringify(WAKE_KEY)}, ${JSON.stringify(LISTEN_KEY)}] }); if (found?.result === 'start') await chrome.scripting.executeScript({ target, files: [${JSON.stringify(PAGE_AWAKE_FILE)}] }); })({ tabId: ${tabId}, frameIds: [0] })`,
  );
  await page.waitForFunction(() => document.documentElement.dataset.claimmark === 'ready');
  return page;
}

export interface LoadTab {
  page: Page;
  /** The browser's tab id. */
  id: number;
  url: string;
  /** Desk number of its article (figures are `figureOf(i, desk)`). */
  desk: number;
  sentences: string[];
}

/** `tabs` tabs, desks 1…tabs, each an article of `perTab` sentences at `${prefix}${desk}/`. */
export async function openLoadTabs(
  browser: ExtensionBrowser,
  server: FixtureServer,
  options: { tabs: number; perTab: number; prefix?: string },
): Promise<LoadTab[]> {
  const tabs: LoadTab[] = [];
  for (let desk = 1; desk <= options.tabs; desk++) {
    const { html, sentences } = article(desk, options.perTab);
    const page = await openPage(browser, server, `${options.prefix ?? '/load-'}${desk}/`, html);
    tabs.push({ page, id: await tabIdOf(browser, page), url: page.url(), desk, sentences });
  }
  return tabs;
}

export interface SaveJob {
  tab: number;
  payload: { text: string; sentence: string; type: 'figure' };
}

/** One save per sentence of every tab: its figure, as a Figure. */
export function saveJobs(tabs: readonly LoadTab[]): SaveJob[] {
  return tabs.flatMap(({ id, desk, sentences }) =>
    sentences.map((sentence, i) => ({
      tab: id,
      payload: { text: figureOf(i + 1, desk), sentence, type: 'figure' as const },
    })),
  );
}

/** `url\nquote` of every save a tab was sent. */
export function expectedPairs(tabs: readonly LoadTab[]): string[] {
  return tabs.flatMap(({ url, desk, sentences }) =>
    sentences.map((_, i) => `${url}\n${figureOf(i + 1, desk)}`),
  );
}

/** The side panel, opened as an extension page for `tabId`. */
export async function openPanel(browser: ExtensionBrowser, tabId: number): Promise<Page> {
  const panel = await browser.context.newPage();
  await panel.goto(`chrome-extension://${browser.extensionId}/sidepanel.html?tab=${tabId}`);
  return panel;
}

/** What the content script answered a save; a message that failed on its way is `ok: false`. */
export interface SaveAnswer {
  ok: boolean;
  value?: { id: string };
  error?: string;
  /** The id of a claim left painted as unsaved. */
  unsaved?: string;
}

export interface SaveRun {
  /** How many saves have answered so far. */
  answered(): Promise<number>;
  /** Every answer, in job order; when each came (ms after the first was sent); the time taken. */
  done: Promise<{ answers: SaveAnswer[]; at: number[]; ms: number }>;
}

interface PanelSaves {
  answered: number;
  result: Promise<{ answers: SaveAnswer[]; at: number[]; ms: number }>;
}

/** Start sending every job from `panel` at once, as fast as it can. */
export async function startSaves(panel: Page, jobs: readonly SaveJob[]): Promise<SaveRun> {
  await panel.evaluate((jobs) => {
    const api = (globalThis as unknown as { chrome: WxtBrowser }).chrome;
    const state = { answered: 0 } as PanelSaves;
    (globalThis as unknown as { __saves: PanelSaves }).__saves = state;
    const started = performance.now();
    const at: number[] = [];
    state.result = Promise.all(
      jobs.map((job, i) =>
        api.tabs
          .sendMessage(job.tab, { type: 'content:save-suggestion', payload: job.payload })
          .catch((error: unknown) => ({ ok: false, error: `not delivered: ${String(error)}` }))
          .finally(() => {
            at[i] = performance.now() - started;
            state.answered++;
          }),
      ),
    ).then((answers) => ({
      answers: answers as SaveAnswer[],
      at,
      ms: performance.now() - started,
    }));
  }, jobs);
  return {
    answered: () =>
      panel.evaluate(() => (globalThis as unknown as { __saves: PanelSaves }).__saves.answered),
    done: panel.evaluate(() => (globalThis as unknown as { __saves: PanelSaves }).__saves.result),
  };
}

/** Send every job from `panel` at once and wait for every answer. */
export async function sendSaves(
  panel: Page,
  jobs: readonly SaveJob[],
): Promise<{ answers: SaveAnswer[]; at: number[]; ms: number }> {
  return (await startSaves(panel, jobs)).done;
}

/** Distinct annotation ids painted on the page. */
export function paintedIds(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Set(
        [...document.querySelectorAll('mark[data-annotation-id]')].map((m) =>
          m.getAttribute('data-annotation-id'),
        ),
      ).size,
  );
}

/** Distinct annotation ids painted on the page flagged unsaved (`data-unsaved`). */
export function unsavedIds(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Set(
        [...document.querySelectorAll('mark[data-annotation-id][data-unsaved]')].map((m) =>
          m.getAttribute('data-annotation-id'),
        ),
      ).size,
  );
}

export interface StoredClaim {
  id: string;
  url: string;
  quote: string;
  anchor?: { status: string };
}

/** Every claim and page in the extension's database, read from an extension page. */
export async function storedRecords(
  browser: ExtensionBrowser,
): Promise<{ claims: StoredClaim[]; pages: string[] }> {
  const popup = await browser.context.newPage();
  await popup.goto(browser.popupUrl);
  const records = await popup.evaluate(
    () =>
      new Promise<{ claims: StoredClaim[]; pages: string[] }>((resolve, reject) => {
        const open = indexedDB.open('claimmark');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['annotations', 'pages'], 'readonly');
          const claims = tx.objectStore('annotations').getAll();
          const pages = tx.objectStore('pages').getAllKeys();
          tx.oncomplete = () => {
            open.result.close();
            resolve({ claims: claims.result as StoredClaim[], pages: pages.result as string[] });
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
  await popup.close();
  return records;
}

/** Stops Claimmark's service worker on demand, as Chrome stops an idle one, and counts. */
export interface WorkerStopper {
  /**
   * Stop the worker if it is running: true once DevTools reported it stopped (a real stop);
   * false when it was not running or did not stop within 5 s.
   */
  stop(): Promise<boolean>;
  /** How many DevTools targets the worker has: 0 while it is stopped, 1 while it runs. */
  targets(): Promise<number>;
  /** Times the worker started again after it stopped: a message woke a fresh one. */
  restarts(): number;
  close(): Promise<void>;
}

/**
 * Through the DevTools ServiceWorker domain of `page` (any tab of the profile): it reports every
 * version's running status, and `ServiceWorker.stopWorker` stops one exactly as Chrome stops an
 * idle worker — its globals are gone and the next message starts it again from the top.
 * (`Target.closeTarget` on the worker's target stops it too; this domain also says when.)
 */
export async function workerStopper(browser: ExtensionBrowser, page: Page): Promise<WorkerStopper> {
  const cdp = await browser.context.newCDPSession(page);
  const script = `chrome-extension://${browser.extensionId}/background.js`;
  const status = new Map<string, string>();
  let restarts = 0;
  const waiters = new Set<() => void>();
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const version of versions) {
      if (version.scriptURL !== script) continue;
      const was = status.get(version.versionId);
      status.set(version.versionId, version.runningStatus);
      if (version.runningStatus === 'running' && was !== undefined && was !== 'running') restarts++;
    }
    for (const wake of waiters) wake();
  });
  const changed = (ms: number) =>
    new Promise<void>((done) => {
      const wake = () => {
        waiters.delete(wake);
        clearTimeout(timer);
        done();
      };
      const timer = setTimeout(wake, ms);
      waiters.add(wake);
    });
  await cdp.send('ServiceWorker.enable');
  // The domain reports every known version right after `enable`.
  for (const deadline = Date.now() + 5_000; status.size === 0 && Date.now() < deadline; ) {
    await changed(250);
  }
  if (status.size === 0) throw new Error(`DevTools reported no service worker for ${script}`);
  const workerTargets = async () =>
    (await cdp.send('Target.getTargets')).targetInfos.filter(
      (t) => t.type === 'service_worker' && t.url === script,
    ).length;
  return {
    async stop() {
      const running = [...status].find(([, s]) => s === 'running')?.[0];
      if (running === undefined) return false;
      await cdp.send('ServiceWorker.stopWorker', { versionId: running });
      const deadline = Date.now() + 5_000;
      while (status.get(running) !== 'stopped' && Date.now() < deadline) await changed(250);
      if (status.get(running) !== 'stopped') return false;
      return true;
    },
    targets: workerTargets,
    restarts: () => restarts,
    close: () => cdp.detach(),
  };
}
