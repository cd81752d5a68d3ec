/**
 * Which sites have stored pages, in memory, for the background's "may this page have claims?"
 * (README "Lazy page UI"): asked on every navigation of every tab, it must answer without a
 * database read. A site (`siteKeyOf`: the host without `www.`, `m.`, `amp.`, `mobile.`) counts
 * when any stored page's URL or alias is on it — the canonical rule's own notion of a site, so a
 * page visited at a URL never seen, whose claims were saved under its canonical, is still found.
 *
 * Built from Dexie the first time it is asked about (not at worker start: a worker woken for
 * anything else, or for an extension page's navigation, opens no database) and kept current by a `liveQuery` over the pages' keys
 * and aliases (key-only reads), which Dexie re-runs after any write to `pages`: this worker's
 * saves, sync arrivals, and an extension page's import (Dexie broadcasts those to other contexts).
 * A site is never removed while the worker lives: a page whose claims were all deleted costs one
 * `page:load`, never a missed one.
 */
import { liveQuery } from 'dexie';
import { normalizeUrl, siteKeyOf } from '../core/url';
import type { ClaimmarkDB } from './db';

export interface SiteIndex {
  /** Resolves once the index was built from the database (reading it starts the build). */
  ready: Promise<void>;
  /** Whether a stored page's URL or alias is on `url`'s site (false for non-http(s)). */
  has(url: string): boolean;
  /**
   * Whether a tab's `url` (normalized here) is on a site with a stored page, once the index is
   * built; false at once, reading nothing, for a URL that is not a web page.
   */
  holds(url: string): Promise<boolean>;
  /** Called after each rebuild with the sites that were not there before. */
  onAdded(listener: (sites: ReadonlySet<string>) => void): void;
  stop(): void;
}

export function createSiteIndex(db: ClaimmarkDB): SiteIndex {
  const sites = new Set<string>();
  const listeners: ((sites: ReadonlySet<string>) => void)[] = [];
  let built: () => void = () => {};
  const ready = new Promise<void>((resolve) => (built = resolve));
  let failed = false;
  let subscription: { unsubscribe(): void } | undefined;
  const start = () => {
    subscription ??= subscribe();
  };
  const subscribe = () =>
    liveQuery(async () => {
      const [urls, aliases] = await Promise.all([
        db.pages.toCollection().primaryKeys(),
        db.pages.orderBy('aliases').uniqueKeys(),
      ]);
      return [...urls, ...aliases].filter((u): u is string => typeof u === 'string');
    }).subscribe({
      next: (urls) => {
        const added = new Set<string>();
        for (const url of urls) {
          const site = siteKeyOf(url);
          if (site === null || sites.has(site)) continue;
          sites.add(site);
          added.add(site);
        }
        built();
        if (added.size > 0) for (const listener of listeners) listener(added);
      },
      // A closed or failed database: every page may have claims (ask, as before this index).
      error: () => {
        failed = true;
        built();
      },
    });
  return {
    get ready() {
      start();
      return ready;
    },
    has: (url) => {
      start();
      const site = siteKeyOf(url);
      return site !== null && (failed || sites.has(site));
    },
    async holds(url) {
      const normal = normalizeUrl(url);
      if (siteKeyOf(normal) === null) return false; // not a web page: no database read
      start();
      await ready;
      return failed || sites.has(siteKeyOf(normal)!);
    },
    onAdded: (listener) => void listeners.push(listener),
    stop: () => subscription?.unsubscribe(),
  };
}
