import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { loadSettings, parseSettings, SETTINGS_KEY, type Settings } from '../../utils/settings';

/** The reader's settings (null until read), kept current when they change anywhere. */
export function useSettings(): Settings | null {
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => {
    let stopped = false;
    void loadSettings(browser.storage.local).then((s) => !stopped && setSettings(s));
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === 'local' && changes[SETTINGS_KEY]) {
        setSettings(parseSettings(changes[SETTINGS_KEY].newValue));
      }
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      stopped = true;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, []);
  return settings;
}
