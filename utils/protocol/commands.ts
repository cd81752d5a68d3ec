/**
 * The keyboard command and the context-menu item: both ask the tab's content script to save
 * the current selection with the type it suggests. Pure routing over the typed tab client.
 */
import type { TabClient } from './to-content';

export const SAVE_COMMAND = 'save-claim';
export const SAVE_MENU_ITEM = 'claimmark-save-claim';

export function createCommandRouter(sendToTab: TabClient) {
  const saveSelection = async (tabId: number | undefined): Promise<boolean> => {
    if (tabId === undefined || tabId < 0) return false;
    // A tab without a content script (browser pages, blocked sites) answers { ok: false }.
    return (await sendToTab(tabId, 'content:save-selection', {})).ok;
  };
  return {
    onCommand: (command: string, tabId: number | undefined) =>
      command === SAVE_COMMAND ? saveSelection(tabId) : Promise.resolve(false),
    onMenuClick: (menuItemId: string | number, tabId: number | undefined) =>
      menuItemId === SAVE_MENU_ITEM ? saveSelection(tabId) : Promise.resolve(false),
  };
}
