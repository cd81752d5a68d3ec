import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { watchSettings, type Settings } from '../../utils/store/settings';

/** The reader's settings (null until read), kept current when they change anywhere. */
export function useSettings(): Settings | null {
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => watchSettings(browser.storage, setSettings), []);
  return settings;
}
