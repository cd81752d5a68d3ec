/**
 * Reader settings, kept in the extension's `storage.local` (readable by content scripts without
 * a message, and by every extension page). Pure helpers plus functions over an injected storage
 * area (`browser.storage.local` in the extension, a fake in tests): no DOM, no Dexie.
 */
import type { ClaimType } from '../core/model';
import { isClaimType } from '../core/model';

export interface Settings {
  /** The type the toolbar selects when the selection itself suggests none. */
  defaultType: ClaimType;
  /** Sites where Claimmark never runs: host names (`example.com` also covers `www.example.com`). */
  blockedSites: string[];
  /** Keep claims but paint no highlights. */
  hideHighlights: boolean;
  /** Tag → CSS colour (`#rrggbb`), shown in the toolbar, cards, side panel and popup. */
  tagColours: Record<string, string>;
}

export const SETTINGS_KEY = 'settings';

export const DEFAULT_SETTINGS: Settings = {
  defaultType: 'claim',
  blockedSites: [],
  hideHighlights: false,
  tagColours: {},
};

/** The part of `browser.storage.local` used here (so tests can pass a fake). */
export interface StorageArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

const COLOUR = /^#[0-9a-f]{6}$/i;

/** Settings from untrusted stored data: unknown or malformed fields fall back to defaults. */
export function parseSettings(value: unknown): Settings {
  const record =
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const sites = Array.isArray(record.blockedSites) ? record.blockedSites : [];
  const colours =
    typeof record.tagColours === 'object' && record.tagColours !== null ? record.tagColours : {};
  return {
    defaultType: isClaimType(record.defaultType)
      ? record.defaultType
      : DEFAULT_SETTINGS.defaultType,
    blockedSites: [...new Set(sites.map(siteOf).filter((s): s is string => s !== null))].slice(
      0,
      1000,
    ),
    hideHighlights: record.hideHighlights === true,
    tagColours: Object.fromEntries(
      Object.entries(colours as Record<string, unknown>)
        .filter(
          (entry): entry is [string, string] =>
            typeof entry[1] === 'string' && COLOUR.test(entry[1]),
        )
        .filter(([tag]) => tag.length > 0 && tag.length <= 100)
        .slice(0, 1000),
    ),
  };
}

/** A host name from what a reader typed: `https://www.ft.com/x` → `ft.com`; null if none. */
export function siteOf(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  const trimmed = input.trim().toLowerCase();
  if (!trimmed) return null;
  let host = trimmed;
  try {
    host = new URL(trimmed.includes('://') ? trimmed : `https://${trimmed}`).hostname;
  } catch {
    return null;
  }
  host = host.replace(/^www\./, '');
  return /^[a-z0-9.-]+$/.test(host) && host.includes('.')
    ? host
    : host === 'localhost'
      ? host
      : null;
}

/** Whether a page URL is on a blocked site (the site itself or any subdomain of it). */
export function isBlocked(url: string, blockedSites: readonly string[]): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  return blockedSites.some((site) => host === site || host.endsWith(`.${site}`));
}

/** The blocked sites of stored settings, unparsed (cheap: for the always-on content script). */
export function blockedSitesIn(stored: unknown): string[] {
  const sites = (stored as { blockedSites?: unknown } | undefined)?.blockedSites;
  return Array.isArray(sites) ? sites.filter((s): s is string => typeof s === 'string') : [];
}

export async function loadSettings(area: StorageArea): Promise<Settings> {
  const stored = await area.get(SETTINGS_KEY);
  return parseSettings(stored[SETTINGS_KEY]);
}

export async function saveSettings(area: StorageArea, patch: Partial<Settings>): Promise<Settings> {
  const next = parseSettings({ ...(await loadSettings(area)), ...patch });
  await area.set({ [SETTINGS_KEY]: next });
  return next;
}

type ChangeListener = (changes: Record<string, { newValue?: unknown }>, area: string) => void;

/** The part of `browser.storage` that reports changes (so tests can pass a fake). */
export interface StorageEvents {
  local: StorageArea;
  onChanged: {
    addListener(listener: ChangeListener): void;
    removeListener(listener: ChangeListener): void;
  };
}

/**
 * The settings now and whenever they change anywhere (options page, another window): `onSettings`
 * gets the stored settings once read (`changed` false), then each change (`changed` true).
 * Returns a function that stops watching.
 */
export function watchSettings(
  storage: StorageEvents,
  onSettings: (settings: Settings, changed: boolean) => void,
): () => void {
  let stopped = false;
  let changed = false;
  const listener: ChangeListener = (changes, area) => {
    if (stopped || area !== 'local' || !changes[SETTINGS_KEY]) return;
    changed = true;
    onSettings(parseSettings(changes[SETTINGS_KEY].newValue), true);
  };
  storage.onChanged.addListener(listener);
  void loadSettings(storage.local).then((settings) => {
    // A change reported before the first read finished is newer: keep it.
    if (!stopped && !changed) onSettings(settings, false);
  });
  return () => {
    stopped = true;
    storage.onChanged.removeListener(listener);
  };
}
