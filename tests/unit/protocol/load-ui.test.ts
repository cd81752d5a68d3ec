import { describe, expect, it } from 'vitest';
import {
  createUiLoader,
  requestPart,
  filesOf,
  PAGE_AWAKE_FILE,
  isLoadUi,
  LOAD_UI,
  PAGE_PAINT_FILE,
  PAGE_UI_FILE,
  type PageFile,
} from '../../../utils/protocol/load-ui';

describe('ui:load', () => {
  it('asks for the painter by default, the page UI with part "ui", both in order with "both"', () => {
    expect(filesOf({ type: LOAD_UI })).toEqual([PAGE_PAINT_FILE]);
    expect(filesOf({ type: LOAD_UI, part: 'ui' })).toEqual([PAGE_UI_FILE]);
    expect(filesOf({ type: LOAD_UI, part: 'both' })).toEqual([PAGE_PAINT_FILE, PAGE_UI_FILE]);
    expect(filesOf({ type: LOAD_UI, part: 'awake' })).toEqual([PAGE_AWAKE_FILE]);
    // Anything else is the painter: a message names no file of its own.
    expect(filesOf({ type: LOAD_UI, part: '../background.js' })).toEqual([PAGE_PAINT_FILE]);
    expect(filesOf({ type: LOAD_UI, part: ['/background.js'] })).toEqual([PAGE_PAINT_FILE]);
    expect(filesOf(null)).toEqual([PAGE_PAINT_FILE]);
    expect(isLoadUi({ type: LOAD_UI, part: 'ui' })).toBe(true);
    expect(isLoadUi({ type: 'page:load' })).toBe(false);
  });

  it("injects the part asked for into the sender's frame, and says why not", async () => {
    const calls: [number, number, PageFile[]][] = [];
    const load = createUiLoader(async (tab, frame, files) => void calls.push([tab, frame, files]));
    expect(await load({ tab: { id: 3 }, frameId: 2 }, { type: LOAD_UI })).toEqual({
      ok: true,
      value: { injected: true },
    });
    await load({ tab: { id: 3 } }, { type: LOAD_UI, part: 'ui' });
    expect(calls).toEqual([
      [3, 2, [PAGE_PAINT_FILE]],
      [3, 0, [PAGE_UI_FILE]],
    ]);
    expect(await load({}, { type: LOAD_UI })).toEqual({ ok: false, error: 'not sent from a tab' });
    const failing = createUiLoader(async () => {
      throw new Error('Cannot access contents of the page');
    });
    expect(await failing({ tab: { id: 1 } }, { type: LOAD_UI })).toEqual({
      ok: false,
      error: 'Cannot access contents of the page',
    });
  });

  it('asks again while the worker does not answer, and says why the background refused', async () => {
    const sent: unknown[] = [];
    let calls = 0;
    const flaky = async (message: unknown) => {
      sent.push(message);
      if (++calls < 3)
        throw new Error('Could not establish connection. Receiving end does not exist.');
      return { ok: true };
    };
    expect(await requestPart(flaky, 'both')).toBeNull();
    expect(sent).toEqual([
      { type: LOAD_UI, part: 'both' },
      { type: LOAD_UI, part: 'both' },
      { type: LOAD_UI, part: 'both' },
    ]);
    expect(await requestPart(async () => ({ ok: false, error: 'no such tab' }))).toBe(
      'no such tab',
    );
    const gone = async () => {
      throw new Error('Extension context invalidated.');
    };
    expect(await requestPart(gone, 'ui')).toBe('Extension context invalidated.');
  });
});
