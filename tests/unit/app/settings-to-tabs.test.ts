import { describe, expect, it } from 'vitest';
import { tellTabsSettings, type SettingsTabs } from '../../../utils/app/settings-to-tabs';
import { parseContentMessage } from '../../../utils/protocol/to-content';

describe('new settings reach every open tab', () => {
  it('sends them to each tab as a valid content:settings message, whoever answers', async () => {
    const sent: { tabId: number; message: unknown }[] = [];
    const tabs: SettingsTabs = {
      query: async () => [{ id: 1 }, {}, { id: 2 }, { id: 3 }],
      sendMessage: async (tabId, message) => {
        sent.push({ tabId, message });
        if (tabId === 2) throw new Error('Could not establish connection.');
        return tabId === 3 ? undefined : { ok: true, value: {} };
      },
    };
    const settings = { hideHighlights: true, defaultType: 'quote' };
    expect(await tellTabsSettings(tabs, settings)).toBe(1);
    expect(sent.map((s) => s.tabId)).toEqual([1, 2, 3]);
    for (const { message } of sent) {
      const parsed = parseContentMessage(message);
      expect(parsed.ok && parsed.value).toEqual({
        type: 'content:settings',
        payload: { settings },
      });
    }
  });
});
