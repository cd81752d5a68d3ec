/**
 * The reader's settings changed: every open tab hears it (`content:settings`), so that a page's
 * content scripts follow them (hide highlights, the default type) without a `storage` listener
 * of their own. A tab without a content script, or asleep, answers nothing: that is fine, it
 * gets the settings with its next `page:load`. The tabs API is passed in (`browser.tabs`).
 */
import { createTabClient, type ContentMessage } from '../protocol/to-content';

export interface SettingsTabs {
  query(query: Record<string, unknown>): Promise<{ id?: number }[]>;
  sendMessage(tabId: number, message: ContentMessage): Promise<unknown>;
}

/** Send `settings` to every tab (each page parses them again: a message is data); resolves with how many answered. */
export async function tellTabsSettings(tabs: SettingsTabs, settings: unknown): Promise<number> {
  const send = createTabClient((tabId, message) => tabs.sendMessage(tabId, message));
  const answers = await Promise.all(
    (await tabs.query({})).map((tab) =>
      tab.id === undefined ? null : send(tab.id, 'content:settings', { settings }),
    ),
  );
  return answers.filter((answer) => answer?.ok).length;
}
