/**
 * `npm run bench:pdf`: Claimmark's PDF viewer on a 100-page PDF (the guardian article printed
 * five times by Chromium, A6) with a claim on every page, in real Chromium with the built
 * extension. Measures, from navigation start of the viewer: the first page shown (canvas and
 * text layer in the document) and its claims painted, then, scrolling page by page to the end,
 * the time to anchor and paint each page's claims as it renders, and how many pages are rendered
 * at once (lazy rendering). Median of RUNS openings.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Page } from 'playwright-core';
import { launchExtension } from '../e2e/harness';
import { LONG_PDF, makePdf, startPdfServer } from '../e2e/pdf-fixtures';
import { prefixBefore, suffixAfter } from '../../utils/page/anchoring/describe';
import { documentText, pageStarts, pageTextOf } from '../../utils/pdf/text';
import { collapseWhitespace } from '../../utils/core/model';

const RUNS = Math.max(1, Number(process.env.BENCH_REPEATS ?? 5) || 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? NaN;

interface PageMark {
  index: number;
  claims: number;
  paintMs: number;
  at: number;
}

async function marks(page: Page): Promise<PageMark[]> {
  return page.evaluate(() =>
    performance.getEntriesByName('claimmark:pdf-page').map((e) => ({
      ...(e as PerformanceMark).detail,
      at: e.startTime,
    })),
  );
}

async function main(): Promise<void> {
  const bytes = await makePdf({ ...LONG_PDF, repeat: 5 });
  const pdf = await getDocument({ data: new Uint8Array(bytes) }).promise;
  const texts: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    texts.push(pageTextOf((await (await pdf.getPage(i)).getTextContent()).items));
  }
  const all = documentText(texts);
  const starts = pageStarts(texts);
  const server = await startPdfServer();
  server.set('/bench/report.pdf', bytes);
  const url = `${server.origin}/bench/report.pdf`;
  const browser = await launchExtension();
  try {
    // A claim on every page: the first run of 4+ words of the page, saved through the protocol.
    const seeder = await browser.context.newPage();
    await seeder.goto(`chrome-extension://${browser.extensionId}/pdf.html`);
    const requests = texts.flatMap((text, index) => {
      const match = /\S+ \S+ \S+ \S+/.exec(text.replace(/\n/g, ' '));
      if (!match) return [];
      const start = starts[index]! + match.index;
      const end = start + match[0].length;
      const exact = all.slice(start, end);
      return [
        {
          annotation: {
            id: crypto.randomUUID(),
            url,
            quote: collapseWhitespace(exact),
            selectors: [
              {
                type: 'TextQuoteSelector',
                exact,
                prefix: prefixBefore(all, start),
                suffix: suffixAfter(all, end),
              },
              { type: 'TextPositionSelector', start, end },
            ],
            type: 'claim',
            tags: [],
            note: '',
            pdfPage: { index, label: String(index + 1) },
          },
          aliases: [`urn:x-pdf:${pdf.fingerprints[0]}`],
        },
      ];
    });
    const saved = await seeder.evaluate(async (requests) => {
      const api = (
        globalThis as unknown as {
          chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean }> } };
        }
      ).chrome;
      let ok = 0;
      for (const payload of requests) {
        const answer = await api.runtime.sendMessage({ type: 'annotation:save', payload });
        if (answer.ok) ok++;
      }
      return ok;
    }, requests);
    await seeder.close();

    const first: number[] = [];
    const firstPainted: number[] = [];
    const paint: number[] = [];
    let maxRendered = 0;
    let paintedPages = 0;
    for (let run = 0; run < RUNS; run++) {
      const page = await browser.context.newPage();
      await page.goto(
        `chrome-extension://${browser.extensionId}/pdf.html?file=${encodeURIComponent(url)}`,
      );
      await page.waitForFunction(
        () => document.documentElement.dataset.claimmark === 'ready',
        undefined,
        {
          timeout: 60_000,
        },
      );
      await page.waitForFunction(
        () => performance.getEntriesByName('claimmark:pdf-page').length > 0,
      );
      const [head] = await marks(page);
      first.push(head!.at);
      if (head!.claims > 0) firstPainted.push(head!.at);
      if (run === 0) {
        // Scroll to the end, a page at a time, waiting for each to render.
        for (let i = 0; i < pdf.numPages; i++) {
          await page.evaluate((i) => {
            const el = document.querySelector(`[data-page-index="${i}"]`) as HTMLElement;
            el.scrollIntoView();
          }, i);
          await page.waitForSelector(`[data-page-index="${i}"][data-rendered]`, {
            timeout: 20_000,
          });
          maxRendered = Math.max(
            maxRendered,
            await page.locator('[data-page-index][data-rendered]').count(),
          );
        }
        const all = await marks(page);
        paint.push(...all.map((m) => m.paintMs));
        paintedPages = new Set(all.filter((m) => m.claims > 0).map((m) => m.index)).size;
      }
      await page.close();
    }
    const ms = (x: number) => `${Math.round(x)} ms`;
    console.log(
      `\nPDF viewer — ${pdf.numPages} pages, ${bytes.length.toLocaleString('en')} bytes, ${saved} claims (one on each page with four words in a row); ${RUNS} openings\n`,
    );
    console.log('| measure | value |');
    console.log('|---|--:|');
    console.log(`| first page shown (from navigation start, median) | ${ms(median(first))} |`);
    console.log(`| first page's claim painted (median) | ${ms(median(firstPainted))} |`);
    console.log(
      `| anchoring + painting a page's claims as it renders: p50 / p95 | ${median(paint).toFixed(1)} / ${pct(paint, 0.95).toFixed(1)} ms |`,
    );
    console.log(
      `| pages whose claim was painted, scrolling to the end | ${paintedPages} of ${requests.length} with a claim |`,
    );
    console.log(`| pages rendered at once at most (lazy rendering) | ${maxRendered} |`);
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
