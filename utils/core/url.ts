/**
 * URL normalization: one page, one key. Pure (no DOM): `pageUrlOf` in `page-url.ts` feeds it
 * from a document.
 *
 * Rules, in order:
 * - Invalid input and non-http(s) URLs come back trimmed, otherwise untouched.
 * - A Google AMP cache URL (`https://www-site-com.cdn.ampproject.org/c/s/www.site.com/story/amp`)
 *   stands for the publisher's URL it caches (`https://www.site.com/story/amp`); the publisher's
 *   canonical link then leads to the article itself.
 * - Scheme and host are lower-cased and default ports dropped (the URL parser does both).
 * - The hash is dropped, except SPA routes (`#/…`, `#!/…`, `#!…` with something after them),
 *   which address different pages on hash-routed sites.
 * - Tracking parameters (see `TRACKING_PARAMS` / `TRACKING_PREFIXES`) are dropped; the rest are
 *   sorted by name (stable, so repeated names keep their order) and kept as written. An empty
 *   `?` is dropped.
 * - A `canonical` URL replaces the page's URL when it is http(s), on the same site (hosts equal
 *   after dropping a leading `www.`, `m.`, `amp.` or `mobile.`), and not a suspicious redirect to
 *   the site's home page from a deeper page. It is ignored when the page is an SPA route, since
 *   hash-routed apps usually carry one static canonical for every route.
 */

/**
 * Well-known tracking parameters, lower-case (names are matched case-insensitively), grouped by
 * who sets them. Only names that never carry content: `ref`, `source`, `cid` or `si` stay.
 */
export const TRACKING_PARAMS: ReadonlySet<string> = new Set(
  [
    // Google
    'gclid gclsrc dclid gbraid wbraid gad_source srsltid _ga _gl',
    // Microsoft / MSN
    'msclkid ocid cvid',
    // Meta
    'fbclid igshid igsh fb_action_ids fb_action_types fb_ref fb_source',
    // Twitter/X, TikTok, LinkedIn, Pinterest
    'twclid ttclid li_fat_id trk trkcampaign epik',
    // Yandex
    'yclid _openstat',
    // E-mail and marketing automation
    'mc_eid mc_cid _hsenc _hsmi __hstc __hssc __hsfp hsctatracking mkt_tok',
    'oly_anon_id oly_enc_id vero_id vero_conv rb_clickid',
    // Analytics suites
    'pk_campaign pk_kwd pk_keyword pk_source pk_medium pk_content piwik_campaign piwik_kwd',
    's_cid s_kwcid ef_id wt.mc_id',
    // Yahoo, Alibaba
    'guccounter guce_referrer guce_referrer_sig ncid soc_src soc_trk spm',
    // Publishers' share and campaign tags
    'smid smtyp sr_share cmpid cmp ito xtor ref_src ref_url',
    'at_medium at_campaign at_custom1 at_custom2 at_custom3 at_custom4',
  ]
    .join(' ')
    .split(' '),
);

/** Families of tracking parameters: any name starting with one of these (lower-case). */
export const TRACKING_PREFIXES: readonly string[] = ['utm_', 'mtm_', 'hsa_'];

export function isTrackingParam(name: string): boolean {
  const lower = name.toLowerCase();
  return TRACKING_PARAMS.has(lower) || TRACKING_PREFIXES.some((p) => lower.startsWith(p));
}

/** A page's key and the other URLs it is known by on this visit (`urlsOfAddress`). */
export interface PageUrls {
  url: string;
  aliases: string[];
}

/**
 * A page's key and the other URLs it is known by on this visit, from the address it was read at
 * and its canonical link (`describePage` reads both): the address is an alias when the key
 * differs.
 */
export function urlsOfAddress(address: { url: string; canonical: string | null }): PageUrls {
  const url = normalizeUrl(address.url, address.canonical);
  const read = normalizeUrl(address.url);
  return { url, aliases: read !== url ? [read] : [] };
}

export function normalizeUrl(url: string, canonical?: string | null): string {
  const trimmed = url.trim();
  const page = parseHttp(unwrapAmpCache(trimmed));
  if (!page) return trimmed;
  const normalized = serialize(page);
  if (canonical == null || hasSpaRoute(page)) return normalized;
  const target = parseHttp(canonical.trim(), page.href);
  if (!target || !sameSite(page, target) || isHomeRedirect(page, target)) return normalized;
  return serialize(target);
}

function parseHttp(input: string, base?: string): URL | null {
  if (input === '') return null;
  try {
    const url = new URL(input, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

function serialize(url: URL): string {
  const auth = url.username ? `${url.username}${url.password ? `:${url.password}` : ''}@` : '';
  const query = cleanQuery(url.search);
  const hash = hasSpaRoute(url) ? url.hash : '';
  return `${url.protocol}//${auth}${url.host}${url.pathname}${query ? `?${query}` : ''}${hash}`;
}

/** Filters and sorts `a=1&b=2` pairs as written (no re-encoding), by decoded name. */
function cleanQuery(search: string): string {
  return search
    .replace(/^\?/, '')
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => ({ pair, name: decodeName(pair) }))
    .filter(({ name }) => !isTrackingParam(name))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map(({ pair }) => pair)
    .join('&');
}

function decodeName(pair: string): string {
  const raw = pair.split('=', 1)[0]!.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

function hasSpaRoute(url: URL): boolean {
  return /^#(?:!\/?|\/)./s.test(url.hash);
}

/**
 * The site a normalized page URL belongs to, as the canonical rule above sees it (its host
 * without a leading `www.`, `m.`, `amp.` or `mobile.`), or null for a non-http(s) URL. A page's
 * claims are stored under its canonical only when the canonical is on this same site, so a URL
 * never seen can have claims only if some stored page has its site.
 */
export function siteKeyOf(url: string): string | null {
  const parsed = parseHttp(unwrapAmpCache(url.trim()));
  return parsed ? siteOf(parsed) : null;
}

function siteOf(url: URL): string {
  return url.hostname.replace(/^(?:www|m|amp|mobile)\./, '');
}

function sameSite(a: URL, b: URL): boolean {
  return siteOf(a) === siteOf(b);
}

/** A canonical that sends an article to the site's front page is a misconfiguration. */
function isHomeRedirect(page: URL, canonical: URL): boolean {
  return canonical.pathname === '/' && cleanQuery(canonical.search) === '' && page.pathname !== '/';
}

/** The publisher URL behind a Google AMP cache URL, or the input when it is not one. */
export function unwrapAmpCache(url: string): string {
  // Compiling the pattern costs more than the whole rest of normalizing on a page's first call
  // (the always-on content script): look for the host first.
  if (!url.toLowerCase().includes('.cdn.ampproject.org/')) return url;
  const match = /^https?:\/\/[^/?#]+\.cdn\.ampproject\.org\/[cv]\/(s\/)?([^?#]+)(\?[^#]*)?/i.exec(
    url,
  );
  if (!match) return url;
  return `${match[1] ? 'https' : 'http'}://${match[2]}${match[3] ?? ''}`;
}
