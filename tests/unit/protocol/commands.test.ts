import { describe, expect, it, vi } from 'vitest';
import {
  createCommandRouter,
  SAVE_COMMAND,
  SAVE_MENU_ITEM,
} from '../../../utils/protocol/commands';
import { createTabClient } from '../../../utils/protocol/to-content';

describe('command router', () => {
  it('asks the tab to save its selection for the command and the menu item', async () => {
    const send = vi.fn(async () => ({ ok: true, value: { id: 'x' } }));
    const router = createCommandRouter(createTabClient(send));
    expect(await router.onCommand(SAVE_COMMAND, 7)).toBe(true);
    expect(await router.onMenuClick(SAVE_MENU_ITEM, 8)).toBe(true);
    expect(send.mock.calls).toEqual([
      [7, { type: 'content:save-selection', payload: {} }],
      [8, { type: 'content:save-selection', payload: {} }],
    ]);
  });

  it('ignores other commands, missing tabs and tabs without a content script', async () => {
    const send = vi.fn(async () => {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    });
    const router = createCommandRouter(createTabClient(send));
    expect(await router.onCommand('other', 1)).toBe(false);
    expect(await router.onCommand(SAVE_COMMAND, undefined)).toBe(false);
    expect(await router.onMenuClick(SAVE_MENU_ITEM, 3)).toBe(false);
    expect(send).toHaveBeenCalledTimes(1);
  });
});
