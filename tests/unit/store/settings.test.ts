import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  isBlocked,
  loadSettings,
  parseSettings,
  saveSettings,
  siteOf,
  watchSettings,
  type Settings,
  type StorageArea,
  type StorageEvents,
} from '../../../utils/store/settings';

function memoryArea(): StorageArea & { data: Record<string, unknown> } {
  const data: Record<string, unknown> = {};
  return {
    data,
    get: async (key) => (key in data ? { [key]: structuredClone(data[key]) } : {}),
    set: async (items) => void Object.assign(data, structuredClone(items)),
  };
}

describe('settings', () => {
  it('fall back to defaults for missing or malformed data', () => {
    expect(parseSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(
      parseSettings({
        defaultType: 'script',
        blockedSites: [
          'ft.com',
          42,
          'javascript:alert(1)',
          'https://www.Bloomberg.com/x',
          'ft.com',
        ],
        hideHighlights: 'yes',
        tagColours: { tiktok: '#ff0000', evil: 'red;background:url(x)', '': '#000000' },
        __proto__: { hideHighlights: true },
      }),
    ).toEqual({
      defaultType: 'claim',
      blockedSites: ['ft.com', 'bloomberg.com'],
      hideHighlights: false,
      tagColours: { tiktok: '#ff0000' },
    });
  });

  it('read site names the way readers type them', () => {
    expect(siteOf('www.ft.com')).toBe('ft.com');
    expect(siteOf(' https://news.example.co.uk/story?x ')).toBe('news.example.co.uk');
    expect(siteOf('not a site')).toBeNull();
    expect(siteOf('')).toBeNull();
  });

  it('block a site and its subdomains, not look-alikes', () => {
    expect(isBlocked('https://www.ft.com/content/1', ['ft.com'])).toBe(true);
    expect(isBlocked('https://ft.com/', ['ft.com'])).toBe(true);
    expect(isBlocked('https://notft.com/', ['ft.com'])).toBe(false);
    expect(isBlocked('not a url', ['ft.com'])).toBe(false);
  });

  it('round-trip through a storage area, merging patches', async () => {
    const area = memoryArea();
    expect(await loadSettings(area)).toEqual(DEFAULT_SETTINGS);
    await saveSettings(area, { hideHighlights: true });
    const saved = await saveSettings(area, { defaultType: 'figure' });
    expect(saved).toMatchObject({ hideHighlights: true, defaultType: 'figure' });
    expect(await loadSettings(area)).toEqual(saved);
  });
});

describe('watchSettings', () => {
  function storage(area: StorageArea) {
    type Listener = Parameters<StorageEvents['onChanged']['addListener']>[0];
    const listeners = new Set<Listener>();
    const events: StorageEvents = {
      local: area,
      onChanged: {
        addListener: (l) => void listeners.add(l),
        removeListener: (l) => void listeners.delete(l),
      },
    };
    const change = (value: unknown, areaName = 'local') =>
      listeners.forEach((l) => l({ settings: { newValue: value } }, areaName));
    return { events, change, listeners };
  }

  it('reports the stored settings, then every change in storage.local, until stopped', async () => {
    const area = memoryArea();
    await saveSettings(area, { defaultType: 'figure' });
    const { events, change, listeners } = storage(area);
    const seen: Settings[] = [];
    const stop = watchSettings(events, (s) => seen.push(s));
    await new Promise((r) => setTimeout(r, 0));
    expect(seen.map((s) => s.defaultType)).toEqual(['figure']);
    change({ defaultType: 'quote' });
    change({ defaultType: 'date' }, 'sync'); // another area: not ours
    expect(seen.map((s) => s.defaultType)).toEqual(['figure', 'quote']);
    stop();
    expect(listeners.size).toBe(0);
  });

  it('keeps a change that arrives before the first read finished', async () => {
    const area = memoryArea();
    await saveSettings(area, { defaultType: 'figure' });
    const { events, change } = storage(area);
    const seen: Settings[] = [];
    watchSettings(events, (s) => seen.push(s));
    change({ defaultType: 'forecast' });
    await new Promise((r) => setTimeout(r, 0));
    expect(seen.map((s) => s.defaultType)).toEqual(['forecast']);
  });
});
