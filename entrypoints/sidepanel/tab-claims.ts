/**
 * Which tab the side panel shows and what its content script reports: the active tab of the
 * panel's window (or `?tab=ID`), followed as the reader switches tabs or the tab navigates.
 *
 * Following the tabs wakes no page (README "Side panel"): the panel asks without waking
 * (`askTab`); a page that does not answer is woken only when its site has stored pages (the
 * site index the background wakes by, `utils/store/site-index.ts`, here on the panel's own
 * database connection). A page of any other site stays asleep and is shown as a page without
 * claims (`asleep`) — what waking it would have answered — until the reader asks for something
 * that needs it (`wake`: Suggest claims).
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { UnavailableReason } from '../../components/PanelEmptyState';
import type { ClaimSummary } from '../../utils/protocol/to-content';
import { askTab, sendToTab } from '../../utils/app/send-to-tab';
import { hasAlwaysOnScript } from '../../utils/app/wake-tab';
import { normalizeUrl } from '../../utils/core/url';
import { isBlocked, siteOf } from '../../utils/store/settings';
import type { SiteIndex } from '../../utils/store/site-index';

export type TabState =
  | { kind: 'loading' }
  | { kind: 'unavailable'; reason: UnavailableReason; site: string }
  /** `asleep`: the page was not woken (a site without stored pages): no claims, by the index. */
  | { kind: 'page'; url: string; claims: ClaimSummary[]; asleep?: true };

/** `?tab=ID` in the panel's address: show that tab (tests, or the panel opened as a page). */
export function requestedTab(search: string): number | null {
  const id = Number(new URLSearchParams(search).get('tab'));
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

export function useTabClaims(
  fixedTab: number | null,
  blockedSites: readonly string[],
  sites: SiteIndex,
) {
  // undefined: not known yet; null: no tab to show.
  const [tabId, setTabId] = useState<number | null | undefined>(fixedTab ?? undefined);
  const [state, setState] = useState<TabState>({ kind: 'loading' });
  const generation = useRef(0);
  const timer = useRef<number | undefined>(undefined);
  const blocked = useRef(blockedSites);
  blocked.current = blockedSites;

  // Follow the active tab of the window the panel lives in.
  useEffect(() => {
    if (fixedTab !== null) return;
    let windowId: number | undefined;
    let stopped = false;
    void (async () => {
      const current = await browser.windows.getCurrent().catch(() => undefined);
      windowId = current?.id;
      const query = windowId === undefined ? { currentWindow: true } : { windowId };
      const [active] = await browser.tabs.query({ active: true, ...query }).catch(() => []);
      if (!stopped) setTabId(active?.id ?? null);
    })();
    const onActivated = (info: { tabId: number; windowId: number }) => {
      if (windowId === undefined || info.windowId === windowId) setTabId(info.tabId);
    };
    browser.tabs.onActivated.addListener(onActivated);
    return () => {
      stopped = true;
      browser.tabs.onActivated.removeListener(onActivated);
    };
  }, [fixedTab]);

  /** `wake`: wake the page if it is asleep (else only a page of a site with claims is woken). */
  const load = useCallback(
    async (attempt = 0, wake = false): Promise<void> => {
      window.clearTimeout(timer.current);
      const mine = ++generation.current;
      const again = (ms: number) => {
        timer.current = window.setTimeout(() => void load(attempt + 1), ms);
      };
      if (tabId === undefined) return;
      if (tabId === null) return setState({ kind: 'unavailable', reason: 'no-tab', site: '' });
      const answer = await (wake ? sendToTab : askTab)(tabId, 'content:claims', {});
      if (mine !== generation.current) return;
      if (answer.ok) {
        const { url, claims } = answer.value;
        setState({ kind: 'page', url, claims });
        // Right after a page load the claims are still being fetched and painted: look again.
        const settling = claims.length === 0 || claims.some((c) => c.status === 'pending');
        if (settling && attempt < 4) again(250 * 2 ** attempt);
        return;
      }
      const tab = await browser.tabs.get(tabId).catch(() => undefined);
      if (mine !== generation.current) return;
      const url = tab?.url ?? '';
      if (!tab) {
        setState({ kind: 'unavailable', reason: 'no-tab', site: '' });
      } else if (!/^(https?|file):/i.test(url)) {
        setState({ kind: 'unavailable', reason: 'browser-page', site: '' });
      } else if (isBlocked(url, blocked.current)) {
        setState({ kind: 'unavailable', reason: 'blocked', site: siteOf(url) ?? url });
      } else if (tab.status === 'loading') {
        setState({ kind: 'loading' }); // tabs.onUpdated 'complete' loads again
      } else if (!wake && (await sites.holds(url))) {
        // A page of a site with stored pages: the background wakes those itself.
        if (mine === generation.current) return load(attempt, true);
      } else if (!wake && (await hasAlwaysOnScript(tabId))) {
        // Asleep on a site without claims: what it would answer, without waking it.
        if (mine === generation.current) {
          setState({ kind: 'page', url: normalizeUrl(url), claims: [], asleep: true });
        }
      } else if (mine !== generation.current) {
        return;
      } else if (attempt < 3) {
        again(300 * (attempt + 1)); // the content script starts a moment after the page
      } else {
        setState({ kind: 'unavailable', reason: 'not-ready', site: '' });
      }
    },
    [tabId, sites],
  );

  useEffect(() => {
    setState({ kind: 'loading' });
    void load();
    return () => {
      generation.current++;
      window.clearTimeout(timer.current);
    };
  }, [load]);

  // The tab navigated (a page load, or a URL change inside a single-page app).
  useEffect(() => {
    if (tabId === undefined || tabId === null) return;
    let later: number | undefined;
    const onUpdated = (id: number, change: { status?: string; url?: string }) => {
      if (id !== tabId) return;
      if (change.status === 'complete') void load();
      else if (change.url !== undefined) {
        void load();
        window.clearTimeout(later);
        later = window.setTimeout(() => void load(), 700); // after the page re-checked its URL
      }
    };
    const onRemoved = (id: number) => {
      if (id === tabId && fixedTab !== null) setTabId(null);
    };
    browser.tabs.onUpdated.addListener(onUpdated);
    browser.tabs.onRemoved.addListener(onRemoved);
    return () => {
      window.clearTimeout(later);
      browser.tabs.onUpdated.removeListener(onUpdated);
      browser.tabs.onRemoved.removeListener(onRemoved);
    };
  }, [tabId, load, fixedTab]);

  // A site taken off (or put on) the blocked list changes what an empty tab means.
  const blockedKey = blockedSites.join('\n');
  const latest = useRef(load);
  latest.current = load;
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    void latest.current();
  }, [blockedKey]);

  const refresh = useCallback(() => load(), [load]);
  const wakePage = useCallback(() => load(0, true), [load]);
  return { tabId: tabId ?? null, state, refresh, wake: wakePage };
}
