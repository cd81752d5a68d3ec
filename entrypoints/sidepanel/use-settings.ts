import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import {
  DEFAULT_SETTINGS,
  loadSettings,
  parseSettings,
  SETTINGS_KEY,
  type Settings,
} from '../../utils/settings';

/** The reader's settings, kept current as the options page (or anything else) changes them. */
export function useSettings(): Settings {
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
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
