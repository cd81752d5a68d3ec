/**
 * What `bench:pageload` and `profile:pageload` share: guardian-1 served three times (no claims,
 * 50, 200 claims) with the page's own scripts off, and the claims saved through the extension's
 * real protocol from its popup page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM, VirtualConsole } from 'jsdom';
import { generateClaims, type Claim } from './claims';
import { createRng } from '../../support/random';
import { PAGES_DIR, type ExtensionBrowser, type FixtureServer } from '../../e2e/harness';
import { collapseWhitespace } from '../../../utils/core/model';
import { normalizeUrl } from '../../../utils/core/url';

export const COUNTS = [50, 200];

/** Serve `/no-claims/` and `/with-N/` (guardian-1, scripts off); returns the HTML. */
export function serveGuardian(server: FixtureServer): string {
  const html = readFileSync(join(PAGES_DIR, 'guardian-1', 'source.html'), 'utf8');
  // The page's scripts would reach the network: serve it with scripts off, like a reader with a blocker.
  const csp = { 'content-security-policy': "script-src 'none'" };
  server.set('/no-claims/', html, csp);
  for (const n of COUNTS) server.set(`/with-${n}/`, html, csp);
  return html;
}

/** The claims the bench saves on guardian-1, in order (seeded): the first `n` of them. */
export function benchClaims(html: string, n: number): Claim[] {
  const dom = new JSDOM(html, { virtualConsole: new VirtualConsole() });
  return generateClaims(dom.window.document, createRng(20190103), n, 0).claims;
}

/**
 * Save the first `n` of `claims` (`benchClaims`, at least the largest count) for `/with-N/` of
 * each count, through the popup page.
 */
export async function seedClaims(
  extension: ExtensionBrowser,
  server: FixtureServer,
  claims: readonly Claim[],
  counts: readonly number[] = COUNTS,
): Promise<void> {
  if (claims.length < Math.max(...counts)) throw new Error('seedClaims: too few claims');
  const popup = await extension.context.newPage();
  await popup.goto(extension.popupUrl);
  for (const n of counts) {
    const url = normalizeUrl(`${server.origin}/with-${n}/`);
    const saved = await popup.evaluate(
      async ({ claims, url }) => {
        const api = (
          globalThis as unknown as {
            chrome: { runtime: { sendMessage: (m: unknown) => Promise<{ ok: boolean }> } };
          }
        ).chrome;
        let ok = 0;
        for (const c of claims) {
          const annotation = { ...c, url, type: 'claim', tags: [], note: '' };
          const metadata = {
            title: 'guardian-1',
            byline: '',
            siteName: '',
            publishedTime: '',
            lang: 'en',
            excerpt: '',
          };
          const answer = await api.runtime.sendMessage({
            type: 'annotation:save',
            payload: { annotation, metadata },
          });
          if (answer.ok) ok++;
        }
        return ok;
      },
      {
        url,
        claims: claims.slice(0, n).map((c) => ({
          id: crypto.randomUUID(),
          quote: collapseWhitespace(c.exact),
          selectors: c.selectors,
        })),
      },
    );
    if (saved !== n) throw new Error(`only ${saved} of ${n} claims saved`);
  }
  await popup.close();
}
