import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { DEFAULT_SETTINGS, watchSettings, type Settings } from '../../utils/store/settings';

/** The reader's settings, kept current as the options page (or anything else) changes them. */
export function useSettings(): Settings {
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  useEffect(() => watchSettings(browser.storage, setSettings), []);
  return settings;
}
