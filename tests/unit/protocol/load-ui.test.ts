import { describe, expect, it } from 'vitest';
import {
  createUiLoader,
  fileOf,
  isLoadUi,
  LOAD_UI,
  PAGE_PAINT_FILE,
  PAGE_UI_FILE,
  type PageFile,
} from '../../../utils/protocol/load-ui';

describe('ui:load', () => {
  it('asks for the painter by default and for the page UI only with part "ui"', () => {
    expect(fileOf({ type: LOAD_UI })).toBe(PAGE_PAINT_FILE);
    expect(fileOf({ type: LOAD_UI, part: 'ui' })).toBe(PAGE_UI_FILE);
    // Anything else is the painter: a message names no file of its own.
    expect(fileOf({ type: LOAD_UI, part: '../background.js' })).toBe(PAGE_PAINT_FILE);
    expect(fileOf(null)).toBe(PAGE_PAINT_FILE);
    expect(isLoadUi({ type: LOAD_UI, part: 'ui' })).toBe(true);
    expect(isLoadUi({ type: 'page:load' })).toBe(false);
  });

  it("injects the part asked for into the sender's frame, and says why not", async () => {
    const calls: [number, number, PageFile][] = [];
    const load = createUiLoader(async (tab, frame, file) => void calls.push([tab, frame, file]));
    expect(await load({ tab: { id: 3 }, frameId: 2 }, { type: LOAD_UI })).toEqual({
      ok: true,
      value: { injected: true },
    });
    await load({ tab: { id: 3 } }, { type: LOAD_UI, part: 'ui' });
    expect(calls).toEqual([
      [3, 2, PAGE_PAINT_FILE],
      [3, 0, PAGE_UI_FILE],
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
});
