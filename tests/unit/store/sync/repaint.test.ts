import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { storedPage } from '../../../support/records';
import { openDatabase } from '../../../../utils/store/db';
import { repaintTabs } from '../../../../utils/store/sync/repaint';
import { parseContentMessage } from '../../../../utils/protocol/to-content';

describe('repaintTabs', () => {
  it('tells the tabs showing a changed page to reload its claims, in the protocol’s shape', async () => {
    const db = openDatabase(`repaint-${crypto.randomUUID()}`);
    await db.pages.put(storedPage('https://news.example/a', ['https://news.example/amp/a']));
    const sent: [number, unknown][] = [];
    const told = await repaintTabs(
      db,
      {
        query: async () => [
          { id: 1, url: 'https://news.example/a?utm_source=x' },
          { id: 2, url: 'https://news.example/amp/a' },
          { id: 3, url: 'https://other.example/' },
        ],
        sendMessage: async (tabId, message) => {
          sent.push([tabId, message]);
          return { ok: true, value: { count: 1 } };
        },
      },
      ['https://news.example/a'],
    );
    expect(told).toBe(2);
    expect(sent.map(([id]) => id)).toEqual([1, 2]);
    for (const [, message] of sent) expect(parseContentMessage(message).ok).toBe(true);
    db.close();
  });
});
