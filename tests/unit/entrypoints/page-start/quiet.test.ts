// @vitest-environment happy-dom
/**
 * The always-on script at load (entrypoints/page-start): three capture listeners on `window` and
 * its `wake` on the global — no `browser.*` call, no document listener, no message — until the
 * reader's own selection (one `ui:load` of the awake part) or the background (`wakePage`, then
 * the awake part injected) wakes it; then the awake part (entrypoints/page-awake) sends one
 * `page:load`.
 */
import { runInNewContext } from 'node:vm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import pageStart from '../../../../entrypoints/page-start';
import pageAwake from '../../../../entrypoints/page-awake';
import pagePaint from '../../../../entrypoints/page-paint';
import {
  describePage,
  LISTEN_KEY,
  PAGE_KEYS,
  seedPainter,
  startListening,
  WAKE_KEY,
  wakePage,
} from '../../../../utils/protocol/load-ui';
import { HANDOFF_KEY, TRIGGER_KEY } from '../../../../utils/page/handoff';
import { PAINTER_KEY } from '../../../../utils/page/ui-handoff';

let sent: unknown[];
const global = globalThis as Record<string, unknown>;

beforeEach(() => {
  fakeBrowser.reset();
  sent = [];
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async (message: unknown) => {
    sent.push(message);
    if ((message as { type?: string }).type === 'ui:load') return { ok: true, value: {} };
    return { ok: true, value: { page: null, annotations: [], settings: {} } };
  });
  for (const key of [WAKE_KEY, HANDOFF_KEY, TRIGGER_KEY, LISTEN_KEY, '__claimmarkPainter'])
    delete global[key];
  delete document.documentElement.dataset.claimmark;
});
// Each test's script stops listening after it (happy-dom keeps one window for the whole file).
const loaded: (() => void)[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const wake of loaded.splice(0)) wake();
});

function load() {
  const onWindow = vi.spyOn(window, 'addEventListener');
  const onDocument = vi.spyOn(document, 'addEventListener');
  const onMessage = vi.spyOn(fakeBrowser.runtime.onMessage, 'addListener');
  void pageStart.main();
  loaded.push(global[WAKE_KEY] as () => void);
  return { onWindow, onDocument, onMessage };
}

/** An event as the reader's own input would be (happy-dom lets a test set `isTrusted`). */
function trusted<E extends Event>(event: E): E {
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
}

describe('the always-on script at load', () => {
  it('only listens on window (capture) and leaves its wake: no message, no runtime listener', async () => {
    const { onWindow, onDocument, onMessage } = load();
    expect(onWindow.mock.calls.map(([type, , capture]) => [type, capture])).toEqual([
      ['selectionchange', true],
      ['mouseup', true],
      ['keyup', true],
    ]);
    expect(onDocument).not.toHaveBeenCalled();
    expect(onMessage).not.toHaveBeenCalled();
    expect(typeof global[WAKE_KEY]).toBe('function');
    await new Promise((done) => setTimeout(done, 10));
    expect(sent).toEqual([]);
    expect(document.documentElement.dataset.claimmark).toBeUndefined();
  });

  it('ignores synthetic events: the page cannot wake it', async () => {
    load();
    window.dispatchEvent(new MouseEvent('mouseup'));
    document.dispatchEvent(new Event('selectionchange'));
    window.dispatchEvent(new KeyboardEvent('keyup', { key: 'ArrowRight', shiftKey: true }));
    await new Promise((done) => setTimeout(done, 10));
    expect(sent).toEqual([]);
    expect(global[TRIGGER_KEY]).toBeUndefined();
  });

  it("woken by the reader (Shift+arrow keyup): asks for its awake part once, leaving the reader's latest event", async () => {
    load();
    const removed = vi.spyOn(window, 'removeEventListener');
    const keyup = trusted(new KeyboardEvent('keyup', { key: 'ArrowRight', shiftKey: true }));
    window.dispatchEvent(keyup);
    await vi.waitFor(() => expect(sent).toEqual([{ type: 'ui:load', part: 'awake' }]));
    expect(global[TRIGGER_KEY]).toBe(keyup);
    // Before the awake part runs, the selection ends with a mouseup: that is what it goes on with.
    const mouseup = trusted(new MouseEvent('mouseup'));
    window.dispatchEvent(mouseup);
    expect(global[TRIGGER_KEY]).toBe(mouseup);
    expect(removed).not.toHaveBeenCalled();
    // The awake part, injected, stops page-start's listening and takes the event.
    void pageAwake.main();
    expect(removed.mock.calls.map(([type]) => type)).toEqual([
      'selectionchange',
      'mouseup',
      'keyup',
    ]);
    expect(global[TRIGGER_KEY]).toBeUndefined();
    await vi.waitFor(() =>
      expect(sent).toContainEqual(expect.objectContaining({ type: 'page:load' })),
    );
    expect(sent.filter((m) => (m as { part?: string }).part === 'awake')).toHaveLength(1);
  });

  it('a plain key does not wake it', async () => {
    load();
    window.dispatchEvent(trusted(new KeyboardEvent('keyup', { key: 'a' })));
    await new Promise((done) => setTimeout(done, 10));
    expect(sent).toEqual([]);
  });

  it('woken by the background: stops listening; the awake part, once injected, asks for the page once', async () => {
    const { onMessage } = load();
    const removed = vi.spyOn(window, 'removeEventListener');
    expect(wakePage(WAKE_KEY)).toBe('start');
    expect(removed.mock.calls.map(([type]) => type)).toEqual([
      'selectionchange',
      'mouseup',
      'keyup',
    ]);
    await new Promise((done) => setTimeout(done, 10));
    expect(sent).toEqual([]); // page-start itself sends nothing when the background wakes it
    void pageAwake.main();
    void pageAwake.main(); // injected twice (the reader and the background at once): once
    expect(wakePage(WAKE_KEY)).toBe('awake');
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({ type: 'page:load' });
    expect(onMessage).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(document.documentElement.dataset.claimmark).toBe('ready'));
  });

  it('wakePage finds nothing to wake where the always-on script does not run', () => {
    expect(wakePage(WAKE_KEY)).toBe('absent');
  });
});

describe('opened by the background with its claims (describePage, seedPainter: utils/app/wake-tab.ts)', () => {
  const answer = {
    ok: true as const,
    value: { page: null, annotations: [], settings: { hideHighlights: true } },
  };
  /** What the background looked the page up by (not this document's own address: told apart). */
  const URLS = { url: 'https://example.com/seeded-key', aliases: ['https://example.com/read-at'] };

  it('describePage reads the address and canonical link without waking; absent, asleep, awake', () => {
    const link = document.createElement('link');
    link.rel = 'Canonical';
    link.href = '/the-story?utm_source=x';
    document.head.append(link);
    try {
      expect(describePage(PAGE_KEYS)).toEqual({
        state: 'absent',
        url: document.URL,
        canonical: new URL('/the-story?utm_source=x', document.baseURI).href,
      });
      const { removed } = { removed: vi.spyOn(window, 'removeEventListener') };
      load();
      expect(describePage(PAGE_KEYS).state).toBe('asleep');
      expect(removed).not.toHaveBeenCalled(); // it did not wake it
      // The reader is waking it (its event waits for the awake part): not asleep any more.
      global[TRIGGER_KEY] = new Event('mouseup');
      expect(describePage(PAGE_KEYS).state).toBe('awake');
    } finally {
      link.remove();
    }
  });

  it('seedPainter wakes an asleep script and leaves the hand-off with the answer, once', async () => {
    load();
    const removed = vi.spyOn(window, 'removeEventListener');
    expect(seedPainter(PAGE_KEYS, JSON.stringify(answer), URLS)).toBe(true);
    expect(removed.mock.calls.map(([type]) => type)).toEqual([
      'selectionchange',
      'mouseup',
      'keyup',
    ]);
    const handoff = global[HANDOFF_KEY] as { settings: unknown; loaded: Promise<unknown> };
    expect(handoff).toMatchObject({ settings: { hideHighlights: true }, seeded: true, urls: URLS });
    expect(await handoff.loaded).toEqual(answer);
    expect(seedPainter(PAGE_KEYS, JSON.stringify(answer), URLS)).toBe(false); // awake now: nothing done twice
    expect(describePage(PAGE_KEYS).state).toBe('awake');
  });

  it('seedPainter does nothing while the reader is waking the script, or without one', () => {
    expect(seedPainter(PAGE_KEYS, JSON.stringify(answer), URLS)).toBe(false);
    load();
    global[TRIGGER_KEY] = new Event('mouseup');
    expect(seedPainter(PAGE_KEYS, JSON.stringify(answer), URLS)).toBe(false);
    expect(HANDOFF_KEY in global).toBe(false);
  });

  it('a seeded painter listens for messages only once asked (startListening, wakePage)', async () => {
    load();
    const onMessage = vi.spyOn(fakeBrowser.runtime.onMessage, 'addListener');
    // A claim whose words are not on this page, recorded so last time: nothing to report.
    const time = '2026-12-01T10:00:00.000Z';
    const claim = {
      id: '6f1b1d2e-0c4a-4c55-8a3e-000000000001',
      url: document.URL,
      quote: 'words that are not on this page',
      selectors: [{ type: 'TextQuoteSelector', exact: 'words that are not on this page' }],
      type: 'claim',
      tags: [],
      note: '',
      created: time,
      updated: time,
      anchor: { status: 'orphan', at: time },
    };
    const withClaim = { ...answer, value: { ...answer.value, annotations: [claim] } };
    expect(seedPainter(PAGE_KEYS, JSON.stringify(withClaim), URLS)).toBe(true);
    void pagePaint.main();
    await vi.waitFor(() => expect(document.documentElement.dataset.claimmark).toBe('ready'));
    expect(onMessage).not.toHaveBeenCalled();
    expect(sent).toEqual([]); // no page:load, no ui:load: the answer came with it
    // The page's key is the background's: the painter did not read the address again.
    const painter = global[PAINTER_KEY] as { session: { url(): string } };
    expect(painter.session.url()).toBe(URLS.url);
    expect(wakePage(WAKE_KEY, LISTEN_KEY)).toBe('awake');
    expect(onMessage).toHaveBeenCalledTimes(1);
    expect(startListening(LISTEN_KEY)).toBe(false); // listening: nothing left to start
    expect(onMessage).toHaveBeenCalledTimes(1);
  });

  it('startListening finds nothing where no painter waits', () => {
    load();
    expect(startListening(LISTEN_KEY)).toBe(false);
  });
});

describe('the built always-on script', () => {
  it('reads no extension API at load, only when the reader wakes it (wxt.config.ts)', async () => {
    const { existsSync, readFileSync } = await import('node:fs');
    const built = '.output/chrome-mv3/page-start.js';
    if (!existsSync(built)) return; // not built in this checkout: nothing to check
    const read: string[] = [];
    const listeners = new Map<string, (event: unknown) => void>();
    const api = { runtime: { id: 'x', sendMessage: async () => ({ ok: true }) } };
    const sandbox: Record<string, unknown> = {
      window: {
        addEventListener: (type: string, f: () => void) => listeners.set(type, f),
        removeEventListener: (type: string) => listeners.delete(type),
      },
      document: { getSelection: () => ({ isCollapsed: false }) },
    };
    for (const name of ['chrome', 'browser'])
      Object.defineProperty(sandbox, name, { get: () => (read.push(name), api) });
    runInNewContext(readFileSync(built, 'utf8'), sandbox);
    expect([...listeners.keys()]).toEqual(['selectionchange', 'mouseup', 'keyup']);
    expect(read).toEqual([]);
    expect(typeof sandbox[WAKE_KEY]).toBe('function');
    // The check can fail: the reader's selection does look the API up.
    listeners.get('selectionchange')!({ isTrusted: true, type: 'selectionchange' });
    expect(read).toContain('browser');
  });

  it('leaves no extension API lookup at the top level of the painter either (wxt.config.ts)', async () => {
    const { existsSync, readFileSync } = await import('node:fs');
    const built = '.output/chrome-mv3/page-paint.js';
    if (!existsSync(built)) return; // not built in this checkout: nothing to check
    const code = readFileSync(built, 'utf8');
    // Its own lazy lookup (`extensionApi`) stays: inside a function, returned, not a statement.
    expect(code).toMatch(/return \w+\.browser\?\.runtime\?\.id\?\w+\.browser:\w+\.chrome/);
    expect(code).not.toMatch(
      /(^|[;{}\s])globalThis\.browser\?\.runtime\?\.id\s*\?\s*globalThis\.browser\s*:\s*globalThis\.chrome\s*;/,
    );
  });
});
