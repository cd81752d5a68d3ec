// @vitest-environment happy-dom
/**
 * The always-on script at load (entrypoints/page-start): three capture listeners on `window` and
 * its `wake` on the global — no `browser.*` call, no document listener, no message — until the
 * reader's own selection or the background (`wakePage`) wakes it; then one `page:load`.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import pageStart from '../../../../entrypoints/page-start';
import { WAKE_KEY, wakePage } from '../../../../utils/protocol/load-ui';

let sent: unknown[];

beforeEach(() => {
  fakeBrowser.reset();
  sent = [];
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async (message: unknown) => {
    sent.push(message);
    return { ok: true, value: { page: null, annotations: [], settings: {} } };
  });
  delete (globalThis as Record<string, unknown>)[WAKE_KEY];
});
afterEach(() => vi.restoreAllMocks());

function load() {
  const onWindow = vi.spyOn(window, 'addEventListener');
  const onDocument = vi.spyOn(document, 'addEventListener');
  const onMessage = vi.spyOn(fakeBrowser.runtime.onMessage, 'addListener');
  void pageStart.main();
  return { onWindow, onDocument, onMessage };
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
    expect(typeof (globalThis as Record<string, unknown>)[WAKE_KEY]).toBe('function');
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
  });

  it('woken by the background: asks for the page once, listens for messages, stops listening on window', async () => {
    const { onMessage } = load();
    const removed = vi.spyOn(window, 'removeEventListener');
    expect(wakePage(WAKE_KEY)).toBe(true);
    expect(wakePage(WAKE_KEY)).toBe(true); // awake already: nothing more
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({ type: 'page:load' });
    expect(onMessage).toHaveBeenCalledTimes(1);
    expect(removed.mock.calls.map(([type]) => type)).toEqual([
      'selectionchange',
      'mouseup',
      'keyup',
    ]);
    await vi.waitFor(() => expect(document.documentElement.dataset.claimmark).toBe('ready'));
  });

  it('wakePage finds nothing to wake where the always-on script does not run', () => {
    expect(wakePage(WAKE_KEY)).toBe(false);
  });
});

describe('the built always-on script', () => {
  it('reads no extension API at load: no top-level `globalThis.chrome` (wxt.config.ts)', async () => {
    const { existsSync, readFileSync } = await import('node:fs');
    const built = '.output/chrome-mv3/page-start.js';
    if (!existsSync(built)) return; // not built in this checkout: nothing to check
    expect(readFileSync(built, 'utf8')).not.toMatch(/globalThis\.chrome/);
  });
});
