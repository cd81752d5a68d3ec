/**
 * `npm run bench:highlight-api`: painting N highlights (50, 200) on guardian-1 in Chromium, three
 * ways, main-thread time of the paint and of the first style + layout after it (median of
 * BENCH_REPEATS, 7, fresh page each): `<mark>` elements with seven inline `!important` styles
 * each (Claimmark until issue 14), `<mark>` elements styled by one adopted sheet (now), and the
 * CSS Custom Highlight API (`CSS.highlights`, one Highlight per type; no DOM change at all — but
 * no element to carry `data-annotation-id` either). The ranges are the same for all three: N
 * phrases of 3–6 words of the article's paragraphs, chosen by a seeded random source.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium, PAGES_DIR, startFixtureServer } from '../e2e/harness';
import { highlightCss } from '../../utils/page/highlight/style';

const RUNS = Math.max(1, Number(process.env.BENCH_REPEATS ?? 7) || 7);
const COUNTS = [50, 200];
const WAYS = ['inline styles', 'adopted sheet', 'CSS.highlights'] as const;
type Way = (typeof WAYS)[number];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function main(): Promise<void> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium: set CHROMIUM_PATH.');
  const server = await startFixtureServer();
  const html = readFileSync(join(PAGES_DIR, 'guardian-1', 'source.html'), 'utf8');
  server.set('/page/', html, { 'content-security-policy': "script-src 'none'" });
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  const css = highlightCss();
  const rows: string[] = [];
  for (const n of COUNTS) {
    const results = new Map<Way, { paint: number[]; style: number[] }>();
    for (let run = 0; run < RUNS; run++) {
      for (const way of WAYS) {
        const page = await browser.newPage();
        // tsx keeps function names with a helper the page does not have.
        await page.addInitScript('globalThis.__name = (f) => f;');
        await page.goto(`${server.origin}/page/`, { waitUntil: 'load' });
        const r = await page.evaluate(
          ({ n, way, css, seed }) => {
            let s = seed;
            const random = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
            const texts = [...document.querySelectorAll('p')]
              .flatMap((p) => [...p.childNodes])
              .filter((t): t is Text => t.nodeType === 3 && (t as Text).data.length > 80);
            const ranges: Range[] = [];
            const used = new Set<Text>();
            while (ranges.length < n && used.size < texts.length) {
              const t = texts[Math.floor(random() * texts.length)]!;
              if (used.has(t)) continue;
              used.add(t);
              const start = t.data.indexOf(' ', Math.floor(random() * (t.data.length - 60))) + 1;
              const range = document.createRange();
              range.setStart(t, start);
              range.setEnd(t, Math.min(t.data.length, start + 20 + Math.floor(random() * 20)));
              ranges.push(range);
            }
            document.body.getBoundingClientRect(); // layout is clean before we start
            const base: [string, string][] = [
              ['color', 'inherit'],
              ['display', 'inline'],
              ['margin', '0'],
              ['padding', '0'],
              ['border', 'none'],
              ['background-image', 'none'],
              ['cursor', 'pointer'],
            ];
            const t0 = performance.now();
            if (way === 'CSS.highlights') {
              const sheet = new CSSStyleSheet();
              sheet.replaceSync(
                '::highlight(claimmark-claim) { background-color: rgba(255, 213, 0, 0.4); }',
              );
              document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
              CSS.highlights.set('claimmark-claim', new Highlight(...ranges));
            } else {
              if (way === 'adopted sheet') {
                const sheet = new CSSStyleSheet();
                sheet.replaceSync(css);
                document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
              }
              ranges.forEach((range, i) => {
                const text = range.startContainer as Text;
                const { startOffset, endOffset } = range;
                const middle = text.splitText(startOffset);
                middle.splitText(endOffset - startOffset);
                const mark = document.createElement('mark');
                mark.className = 'claimmark-highlight';
                mark.setAttribute('data-annotation-id', `id-${i}`);
                mark.setAttribute('data-claim-type', 'claim');
                if (way === 'inline styles') {
                  for (const [p, v] of base) mark.style.setProperty(p, v, 'important');
                  mark.style.setProperty('background-color', 'rgba(255, 213, 0, 0.4)', 'important');
                }
                middle.before(mark);
                mark.append(middle);
              });
            }
            const t1 = performance.now();
            document.body.getBoundingClientRect(); // style + layout of what changed
            const t2 = performance.now();
            return { paint: t1 - t0, style: t2 - t1 };
          },
          { n, way, css, seed: 1000 + run },
        );
        const entry = results.get(way) ?? { paint: [], style: [] };
        entry.paint.push(r.paint);
        entry.style.push(r.style);
        results.set(way, entry);
        await page.close();
      }
    }
    for (const way of WAYS) {
      const { paint, style } = results.get(way)!;
      rows.push(
        `| ${n} | ${way} | ${median(paint).toFixed(2)} | ${median(style).toFixed(2)} | ${(median(paint) + median(style)).toFixed(2)} |`,
      );
    }
  }
  await browser.close();
  await server.close();
  console.log(
    [
      `## Painting highlights on guardian-1, Chromium headless, median of ${RUNS} pages (page world)`,
      '',
      '| highlights | how | paint (ms) | style + layout after (ms) | total (ms) |',
      '|--:|---|--:|--:|--:|',
      ...rows,
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
