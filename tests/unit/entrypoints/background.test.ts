/**
 * The background answers only its own extension: entrypoints/background.ts drops a message whose
 * sender is not this extension (another extension, or a web page should one ever get a channel)
 * before it is parsed, and answers its own content scripts and pages. Run on WXT's fakeBrowser
 * with fake IndexedDB; the APIs fakeBrowser does not implement are stubbed.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import background from '../../../entrypoints/background';
import { storedPage } from '../../support/records';
import { openDatabase } from '../../../utils/store/db';
import { describePage, seedPainter, wakePage } from '../../../utils/protocol/load-ui';

type Listener = (message: unknown, sender: object, respond: (answer: unknown) => void) => unknown;

const stubEvent = () => ({ addListener: vi.fn(), removeListener: vi.fn(), hasListener: vi.fn() });

/** The background's onMessage listener, registered by its main(). */
let listener: Listener;
/** Its tabs.onUpdated listener. */
let onUpdated: (
  tabId: number,
  change: { url?: string; status?: string; title?: string },
  tab: object,
) => void;
// Each tab's document address, as `describePage` reads it in the page.
const tabUrls = new Map<number, string>();
// A page's always-on script, asleep: `describePage` finds it asleep, `wakePage` says its awake
// part must be injected, `seedPainter` leaves the hand-off.
const executeScript = vi.fn(async (injection: unknown) => {
  const { func, target } = injection as { func?: unknown; target: { tabId: number } };
  if (func === describePage)
    return [{ result: { state: 'asleep', url: tabUrls.get(target.tabId) ?? '', canonical: null } }];
  if (func === seedPainter) return [{ result: true }];
  if (func === wakePage) return [{ result: 'start' }];
  return [{}];
});

beforeAll(async () => {
  const apis = fakeBrowser as unknown as Record<string, Record<string, unknown>>;
  apis.webRequest = { onBeforeRedirect: stubEvent() };
  apis.contextMenus = { create: vi.fn(), onClicked: stubEvent() };
  apis.commands = { onCommand: stubEvent() };
  apis.scripting = { executeScript };
  await fakeBrowser.storage.local.set({ settings: { blockedSites: ['blocked.example'] } });
  const add = vi.spyOn(fakeBrowser.runtime.onMessage, 'addListener');
  const addUpdated = vi.spyOn(fakeBrowser.tabs.onUpdated, 'addListener');
  void background.main();
  expect(add).toHaveBeenCalledTimes(1);
  listener = add.mock.calls[0]![0] as unknown as Listener;
  onUpdated = addUpdated.mock.calls[0]![0] as unknown as typeof onUpdated;
});

const claimId = (n: number) => `6f1b1d2e-0c4a-4c55-8a3e-00000000000${n}`;

function save(n: number) {
  return {
    type: 'annotation:save',
    payload: {
      annotation: {
        id: claimId(n),
        url: 'https://news.example/article',
        quote: '$17 billion',
        selectors: [{ type: 'TextQuoteSelector', exact: '$17 billion', prefix: '', suffix: '' }],
        type: 'figure',
        tags: [],
        note: '',
      },
    },
  };
}

/** Deliver `message` from `sender`; the answer, or 'dropped' when the listener declined it. */
async function deliver(message: unknown, sender: object): Promise<unknown> {
  let answered!: (answer: unknown) => void;
  const answer = new Promise((done) => (answered = done));
  const keepsChannel = listener(message, sender, answered);
  if (keepsChannel !== true) return 'dropped';
  return answer;
}

const stored = async (n: number) => (await openDatabase().annotations.get(claimId(n))) ?? null;

describe('background: message senders', () => {
  it('answers its own content scripts and pages', async () => {
    const ownContentScript = {
      id: fakeBrowser.runtime.id,
      tab: { id: 7 },
      url: 'https://news.example/article',
    };
    const answer = await deliver(save(1), ownContentScript);
    expect(answer).toMatchObject({ ok: true, value: { id: claimId(1) } });
    expect(await stored(1)).not.toBeNull();
    const ownPage = { id: fakeBrowser.runtime.id, url: 'chrome-extension://x/popup.html' };
    expect(await deliver({ type: 'tags:list', payload: {} }, ownPage)).toEqual({
      ok: true,
      value: { tags: [] },
    });
  });

  it.each([
    ['another extension', { id: 'abcdefghijklmnopabcdefghijklmnop', url: 'https://evil.example/' }],
    [
      'a web page (no extension id)',
      { url: 'https://evil.example/', origin: 'https://evil.example' },
    ],
    ['an empty sender', {}],
  ])('drops a save from %s before reading it', async (_name, sender) => {
    expect(await deliver(save(2), sender)).toBe('dropped');
    expect(await stored(2)).toBeNull();
  });

  it('drops a delete from another extension: the claim stays', async () => {
    await deliver(save(3), { id: fakeBrowser.runtime.id });
    const del = { type: 'annotation:delete', payload: { id: claimId(3) } };
    expect(await deliver(del, { id: 'abcdefghijklmnopabcdefghijklmnop' })).toBe('dropped');
    expect(await stored(3)).not.toBeNull();
    expect(await deliver(del, { id: fakeBrowser.runtime.id })).toEqual({
      ok: true,
      value: { deleted: true },
    });
    expect(await stored(3)).toBeNull();
  });
});

describe('background: waking pages and injecting the page UI', () => {
  const injected = () =>
    executeScript.mock.calls.map(([injection]) => {
      const { target, files, func } = injection as {
        target: { tabId: number };
        files?: string[];
        func?: unknown;
      };
      const name = func === describePage ? 'describe' : func === seedPainter ? 'seed' : 'wake';
      return { tabId: target.tabId, what: files ? files[0] : name };
    });

  it('wakes a tab only on a site with a stored page, and never on a blocked site', async () => {
    await deliver(save(4), { id: fakeBrowser.runtime.id, tab: { id: 7 } });
    await openDatabase().pages.put(storedPage('https://blocked.example/story'));
    executeScript.mockClear();
    tabUrls.set(11, 'https://www.news.example/never-seen');
    tabUrls.set(15, 'https://news.example/article?utm_source=x');
    onUpdated(11, { status: 'loading', url: 'https://www.news.example/never-seen' }, {});
    onUpdated(12, { url: 'https://quiet.example/story' }, {});
    onUpdated(13, { status: 'complete' }, { url: 'https://blocked.example/story' });
    onUpdated(14, { title: 'x' }, { url: 'https://news.example/article' });
    // A page without claims on the site is woken (its awake part asks for its claims itself);
    // one with claims gets them from the background and the painter at once.
    const woken = [
      { tabId: 11, what: 'describe' },
      { tabId: 11, what: 'wake' },
      { tabId: 11, what: '/page-awake.js' },
    ];
    await vi.waitFor(() => expect(injected()).toEqual(woken));
    await new Promise((done) => setTimeout(done, 50));
    expect(injected()).toEqual(woken);
  });

  it('gives a page with claims its claims and the painter, without the awake part or a message', async () => {
    executeScript.mockClear();
    onUpdated(15, { status: 'loading', url: 'https://news.example/article?utm_source=x' }, {});
    const opened = [
      { tabId: 15, what: 'describe' },
      { tabId: 15, what: 'seed' },
      { tabId: 15, what: '/page-paint.js' },
    ];
    await vi.waitFor(() => expect(injected()).toEqual(opened));
    const seed = executeScript.mock.calls[1]![0] as { args: [unknown, string, unknown] };
    // The key it was looked up by goes with it: the painter does not read the address again.
    expect(seed.args[2]).toEqual({ url: 'https://news.example/article', aliases: [] });
    expect(JSON.parse(seed.args[1])).toMatchObject({
      ok: true,
      value: {
        page: { url: 'https://news.example/article' },
        annotations: expect.arrayContaining([expect.objectContaining({ id: claimId(4) })]),
        settings: { blockedSites: ['blocked.example'] },
      },
    });
    // Not asleep any more (the reader woke it, or it is awake): woken the usual way, or left.
    executeScript.mockImplementationOnce(async () => [
      { result: { state: 'awake', url: 'https://news.example/article', canonical: null } },
    ]);
    executeScript.mockClear();
    onUpdated(15, { status: 'complete' }, { url: 'https://news.example/article' });
    await vi.waitFor(() => expect(injected()).toEqual([{ tabId: 15, what: 'describe' }]));
    await new Promise((done) => setTimeout(done, 50));
    expect(injected()).toEqual([{ tabId: 15, what: 'describe' }]);
  });

  it('injects the page UI for ui:load, except into a page of a blocked site', async () => {
    executeScript.mockClear();
    const ui = { type: 'ui:load' };
    const from = (url: string, tab: number) => ({
      id: fakeBrowser.runtime.id,
      tab: { id: tab },
      url,
    });
    expect(await deliver(ui, from('https://blocked.example/story', 21))).toEqual({
      ok: false,
      error: 'Claimmark does not run on this site',
    });
    expect(await deliver(ui, from('https://news.example/article', 22))).toMatchObject({ ok: true });
    expect(injected()).toEqual([{ tabId: 22, what: '/page-paint.js' }]);
  });

  it("injects the always-on script's awake part when the reader wakes it, never on a blocked site", async () => {
    executeScript.mockClear();
    const awake = { type: 'ui:load', part: 'awake' };
    const from = (url: string, tab: number) => ({
      id: fakeBrowser.runtime.id,
      tab: { id: tab },
      url,
    });
    expect(await deliver(awake, from('https://blocked.example/story', 23))).toEqual({
      ok: false,
      error: 'Claimmark does not run on this site',
    });
    expect(await deliver(awake, from('https://quiet.example/story', 24))).toMatchObject({
      ok: true,
    });
    expect(injected()).toEqual([{ tabId: 24, what: '/page-awake.js' }]);
  });
});
