/**
 * The reader's settings in an extension page (options, side panel): null until read, then kept
 * current when they change anywhere (utils/store/settings.ts watches storage.local).
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { watchSettings, type Settings } from '../store/settings';

export function useSettings(): Settings | null {
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => watchSettings(browser.storage, setSettings), []);
  return settings;
}
