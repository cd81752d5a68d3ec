/**
 * The keyboard command and the context-menu item: both ask the tab's content script to save
 * the current selection with the type it suggests. Pure routing over an injected sender.
 */
import type { ContentMessage } from './to-content';

export const SAVE_COMMAND = 'save-claim';
export const SAVE_MENU_ITEM = 'claimmark-save-claim';

export type SendToTab = (tabId: number, message: ContentMessage) => Promise<unknown>;

export function createCommandRouter(send: SendToTab) {
  const saveSelection = async (tabId: number | undefined): Promise<boolean> => {
    if (tabId === undefined || tabId < 0) return false;
    try {
      const answer = (await send(tabId, { type: 'content:save-selection', payload: {} })) as
        | { ok: boolean }
        | undefined;
      return answer?.ok === true;
    } catch {
      return false; // no content script on this tab (browser pages, blocked sites)
    }
  };
  return {
    onCommand: (command: string, tabId: number | undefined) =>
      command === SAVE_COMMAND ? saveSelection(tabId) : Promise.resolve(false),
    onMenuClick: (menuItemId: string | number, tabId: number | undefined) =>
      menuItemId === SAVE_MENU_ITEM ? saveSelection(tabId) : Promise.resolve(false),
  };
}
