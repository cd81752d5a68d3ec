/**
 * Chromium side of the bench: the page bundle (esbuild, in memory), a 127.0.0.1 server for the
 * two page variants, and a headless Chromium (system binary via playwright-core; nothing is
 * downloaded) where a Content-Security-Policy keeps the page's own scripts from running, so the
 * DOM is the parsed HTML as in jsdom, and every request off 127.0.0.1 is aborted. The bench code
 * runs through page.evaluate.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import type { BenchApi } from './page-entry';

export { findChromium } from '../../e2e/harness';

export async function buildPageBundle(): Promise<string> {
  const result = await build({
    entryPoints: [join(import.meta.dirname, 'page-entry.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    minify: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

export interface PageServer {
  origin: string;
  close(): Promise<void>;
}

export async function servePages(pages: Record<string, string>): Promise<PageServer> {
  const server = createServer((req, res) => {
    const body = pages[new URL(req.url ?? '/', 'http://127.0.0.1').pathname];
    if (body === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      // The page's own scripts stay off (the DOM is the parsed HTML, as in jsdom); the bench's
      // code, evaluated through the DevTools protocol, may run.
      'content-security-policy': "script-src 'unsafe-eval'; object-src 'none'",
    });
    res.end(body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

export interface BenchPage {
  page: Page;
  /** Call a bench API function inside the page with JSON-serializable arguments. */
  call<K extends keyof BenchApi>(
    name: K,
    ...args: Parameters<BenchApi[K]>
  ): Promise<ReturnType<BenchApi[K]>>;
  open(url: string): Promise<void>;
}

export async function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function benchPage(
  browser: Browser,
  origin: string,
  bundle: string,
): Promise<BenchPage> {
  // Not javaScriptEnabled: false: Chromium then refuses to call a TreeWalker filter callback.
  const context = await browser.newContext();
  await context.route('**/*', (route) =>
    route.request().url().startsWith(`${origin}/`) ? route.continue() : route.abort(),
  );
  const page = await context.newPage();
  return {
    page,
    // A string expression, not a function: nothing of tsx's transform reaches the page.
    call: (name, ...args) =>
      page.evaluate(
        `globalThis.__claimmarkBench.${name}(...${JSON.stringify(args)})`,
      ) as Promise<never>,
    open: async (url) => {
      await page.goto(url, { waitUntil: 'load' });
      await page.evaluate(bundle);
    },
  };
}
