/**
 * PDFs made from our fixture articles with Chromium's own print to PDF (`page.pdf()`, headless
 * Debian Chromium driven by playwright-core: no browser download, no network), cached in the
 * temp directory by a hash of what made them, and a small server that serves them as
 * `application/pdf` on 127.0.0.1. Used by the PDF e2e tests and `npm run bench:pdf`.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from '@cantoo/pdf-lib';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium, PAGES_DIR } from './harness';

export interface PdfRecipe {
  /** Fixture article under tests/fixtures/pages/. */
  article: string;
  /** Paper size (`A4`, `A5`, `A6`…). */
  format: string;
  /** CSS added to the article before printing (font size sets the page count). */
  css?: string;
  /** Print the article's body this many times (a long report from one article). */
  repeat?: number;
  /** Words changed in the article before printing (a corrected edition): [old, new] pairs. */
  replace?: [string, string][];
}

/** The demo article on small pages in large type: "$17 billion" lands on page 3. */
export const DEMO_PDF: PdfRecipe = {
  article: 'tiktok-shop-us-crackdown',
  format: 'A6',
  css: 'body { font-size: 17px; line-height: 1.5; margin: 0 } img, svg, video, iframe { display: none !important }',
};

/** A long report: the guardian article twice on A6, 42 pages. */
export const LONG_PDF: PdfRecipe = {
  article: 'guardian-1',
  format: 'A6',
  repeat: 2,
  css: 'img, svg, video, iframe, picture { display: none !important } body { font-size: 15px }',
};

const CACHE = join(tmpdir(), 'claimmark-pdf-fixtures');

/** The PDF's bytes, printed once and then read from the cache. */
export async function makePdf(recipe: PdfRecipe): Promise<Buffer> {
  let source = readFileSync(join(PAGES_DIR, recipe.article, 'source.html'), 'utf8');
  for (const [from, to] of recipe.replace ?? []) {
    if (!source.includes(from)) throw new Error(`not in ${recipe.article}: ${from}`);
    source = source.replaceAll(from, to);
  }
  const key = createHash('sha256')
    .update(JSON.stringify(recipe))
    .update(source)
    .digest('hex')
    .slice(0, 16);
  const file = join(CACHE, `${recipe.article}-${key}.pdf`);
  if (existsSync(file)) return readFileSync(file);
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found to print the test PDFs.');
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false });
    await context.route('**/*', (route) =>
      route.request().resourceType() === 'document' ? route.continue() : route.abort(),
    );
    const page = await context.newPage();
    await page.setContent(source, { waitUntil: 'domcontentloaded' });
    await page.evaluate(
      ({ css, repeat }) => {
        const style = document.createElement('style');
        style.textContent = css;
        document.head.append(style);
        const body = document.body.innerHTML;
        for (let i = 1; i < repeat; i++) document.body.insertAdjacentHTML('beforeend', body);
      },
      { css: recipe.css ?? '', repeat: recipe.repeat ?? 1 },
    );
    const pdf = await page.pdf({ format: recipe.format, printBackground: false });
    mkdirSync(CACHE, { recursive: true });
    writeFileSync(file, pdf);
    return pdf;
  } finally {
    await browser.close();
  }
}

export interface PdfServer {
  origin: string;
  /** Serve `body` at `path` (as application/pdf unless a type is given). */
  set(path: string, body: Buffer | string, type?: string): void;
  close(): Promise<void>;
}

export async function startPdfServer(): Promise<PdfServer> {
  const files = new Map<string, { body: Buffer | string; type: string }>();
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const file = files.get(path);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': file.type,
      'cache-control': 'no-store',
      'access-control-allow-origin': '*',
    });
    res.end(file.body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    set: (path, body, type = 'application/pdf') => void files.set(path, { body, type }),
    close: () =>
      new Promise((done) => {
        server.close(() => done());
        server.closeAllConnections(); // Chromium keeps connections alive
      }),
  };
}

/**
 * The PDF encrypted with a user password (AES-256, the Standard security handler of PDF 2.0, as
 * a bank or a data room sends one), by @cantoo/pdf-lib: PDF.js asks for the password to open it.
 */
export async function encryptPdf(bytes: Buffer, userPassword: string): Promise<Buffer> {
  const doc = await PDFDocument.load(bytes);
  doc.encrypt({ userPassword, ownerPassword: `${userPassword}-owner` });
  return Buffer.from(await doc.save());
}
