/**
 * `npm run bench:pageload`: what Claimmark costs a page, in real Chromium with the built
 * extension. A page without claims should cost the reader ~nothing (one message); a page with
 * 200 claims is anchored and painted once. Measures, from navigation start: DOMContentLoaded,
 * the moment the content script has loaded and painted the page's claims (the `data-claimmark`
 * marker), the longest main-thread task, and the highlights painted. Median of RUNS loads.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM, VirtualConsole } from 'jsdom';
import { chromium, type BrowserContext } from 'playwright-core';
import { generateClaims } from './bench/claims';
import { createRng } from '../support/random';
import {
  CHROMIUM_ARGS,
  findChromium,
  launchExtension,
  PAGES_DIR,
  startFixtureServer,
} from '../e2e/harness';
import { collapseWhitespace } from '../../utils/core/model';
import { normalizeUrl } from '../../utils/core/url';

const RUNS = Math.max(1, Number(process.env.BENCH_REPEATS ?? 5) || 5);
const CLAIMS = 200;

interface Sample {
  dcl: number;
  ready: number;
  longest: number;
  marks: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** Records long tasks and the ready marker from the first moment of the page. */
const PROBE = `(() => {
  const probe = (window.__probe = { longest: 0, ready: -1 });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) probe.longest = Math.max(probe.longest, e.duration);
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  new MutationObserver(() => {
    if (probe.ready < 0 && document.documentElement.dataset.claimmark === 'ready') probe.ready = performance.now();
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-claimmark'] });
})();`;

async function measure(
  context: BrowserContext,
  url: string,
  withExtension: boolean,
): Promise<Sample> {
  const page = await context.newPage();
  await page.addInitScript(PROBE);
  await page.goto(url, { waitUntil: 'load' });
  if (withExtension) {
    await page.waitForFunction(
      () => (window as unknown as { __probe: { ready: number } }).__probe.ready >= 0,
      undefined,
      {
        timeout: 30_000,
      },
    );
  }
  await page.waitForTimeout(300); // let trailing long tasks be reported
  const sample = await page.evaluate(() => {
    const probe = (window as unknown as { __probe: { longest: number; ready: number } }).__probe;
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return {
      dcl: nav.domContentLoadedEventEnd,
      ready: probe.ready,
      longest: probe.longest,
      marks: new Set(
        [...document.querySelectorAll('mark[data-annotation-id]')].map((m) =>
          m.getAttribute('data-annotation-id'),
        ),
      ).size,
    };
  });
  await page.close();
  return sample;
}

async function main(): Promise<void> {
  const executablePath = findChromium();
  if (!executablePath)
    throw new Error('No Chromium: apt-get install -y chromium, or set CHROMIUM_PATH.');
  const server = await startFixtureServer();
  const html = readFileSync(join(PAGES_DIR, 'guardian-1', 'source.html'), 'utf8');
  // The page's scripts would reach the network: serve it with scripts off, like a reader with a blocker.
  const csp = { 'content-security-policy': "script-src 'none'" };
  server.set('/with-claims/', html, csp);
  server.set('/no-claims/', html, csp);

  const dom = new JSDOM(html, { virtualConsole: new VirtualConsole() });
  const { claims } = generateClaims(dom.window.document, createRng(20190103), CLAIMS, 0);
  const url = normalizeUrl(`${server.origin}/with-claims/`);

  const extension = await launchExtension();
  const popup = await extension.context.newPage();
  await popup.goto(extension.popupUrl);
  const saved = await popup.evaluate(
    async ({ claims, url }) => {
      const api = (
        globalThis as unknown as {
          chrome: { runtime: { sendMessage: (m: unknown) => Promise<{ ok: boolean }> } };
        }
      ).chrome;
      let ok = 0;
      for (const c of claims) {
        const answer = await api.runtime.sendMessage({
          type: 'annotation:save',
          payload: {
            annotation: {
              id: c.id,
              url,
              quote: c.quote,
              selectors: c.selectors,
              type: 'claim',
              tags: [],
              note: '',
            },
            metadata: {
              title: 'guardian-1',
              byline: '',
              siteName: '',
              publishedTime: '',
              lang: 'en',
              excerpt: '',
            },
          },
        });
        if (answer.ok) ok++;
      }
      return ok;
    },
    {
      url,
      claims: claims.map((c) => ({
        id: crypto.randomUUID(),
        quote: collapseWhitespace(c.exact),
        selectors: c.selectors,
      })),
    },
  );
  if (saved !== CLAIMS) throw new Error(`only ${saved} of ${CLAIMS} claims saved`);
  await popup.close();

  const rows: [string, Sample[]][] = [];
  const plain = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  const plainContext = await plain.newContext();
  const runs = async (label: string, ctx: BrowserContext, path: string, ext: boolean) => {
    const samples: Sample[] = [];
    for (let i = 0; i < RUNS; i++) samples.push(await measure(ctx, `${server.origin}${path}`, ext));
    rows.push([label, samples]);
  };
  await runs('no extension', plainContext, '/no-claims/', false);
  await runs('Claimmark, page without claims', extension.context, '/no-claims/', true);
  await runs(`Claimmark, page with ${CLAIMS} claims`, extension.context, '/with-claims/', true);
  await plain.close();
  await extension.close();
  await server.close();

  const fmt = (n: number) => (n < 0 || Number.isNaN(n) ? '–' : n.toFixed(0));
  const lines = [
    `## Page load: guardian-1 (1.1 MB), Chromium headless, median of ${RUNS} loads`,
    '',
    '| page | DOMContentLoaded (ms) | claims painted at (ms) | ready − DCL (ms) | longest task (ms) | highlights |',
    '|---|--:|--:|--:|--:|--:|',
    ...rows.map(([label, s]) => {
      const ready = median(s.map((x) => x.ready));
      const dcl = median(s.map((x) => x.dcl));
      return `| ${label} | ${fmt(dcl)} | ${fmt(ready)} | ${ready < 0 ? '–' : fmt(median(s.map((x) => x.ready - x.dcl)))} | ${fmt(median(s.map((x) => x.longest)))} | ${median(s.map((x) => x.marks))} |`;
    }),
  ];
  console.log(lines.join('\n'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
