/**
 * What the hostile-input e2e tests watch in every page of a browser context: dialogs, uncaught
 * errors, console errors and requests to evil.test (the host the hostile corpus points at). Also the
 * fixture page that carries the corpus as text, and a raw read of the extension's IndexedDB.
 */
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { PWNED_FLAG } from '../fixtures/hostile';

export interface Incidents {
  dialogs: string[];
  pageErrors: string[];
  consoleErrors: string[];
  evilRequests: string[];
}

/** Console errors that are no incident: a fixture page without a favicon. */
const EXPECTED_CONSOLE = [/favicon\.ico/];

/**
 * Record every incident in `context` from now on: its pages (opened later too) and the extension's
 * service worker (restarted too).
 */
export async function watchContext(context: BrowserContext): Promise<Incidents> {
  const incidents: Incidents = { dialogs: [], pageErrors: [], consoleErrors: [], evilRequests: [] };
  const attach = (page: Page) => {
    page.on('dialog', (dialog) => {
      incidents.dialogs.push(`${page.url()}: ${dialog.type()} ${dialog.message()}`);
      void dialog.dismiss().catch(() => {});
    });
    page.on('pageerror', (error) => incidents.pageErrors.push(`${page.url()}: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const text = message.text();
      const where = message.location().url;
      if (EXPECTED_CONSOLE.some((re) => re.test(text) || re.test(where))) return;
      incidents.consoleErrors.push(`${page.url()}: ${text}`);
    });
  };
  const attachWorker = (worker: Worker) =>
    worker.on('console', (message) => {
      if (message.type() === 'error')
        incidents.consoleErrors.push(`${worker.url()}: ${message.text()}`);
    });
  context.pages().forEach(attach);
  context.on('page', attach);
  context.serviceWorkers().forEach(attachWorker);
  context.on('serviceworker', attachWorker);
  context.on('request', (request) => {
    if (/^[a-z-]+:\/\/([^/]*\.)?evil\.test([:/]|$)/i.test(request.url())) {
      incidents.evilRequests.push(request.url());
    }
  });
  // Never wait on evil.test: any request is recorded above, then refused.
  await context.route(/evil\.test/, (route) => route.abort());
  return incidents;
}

/** Whether a payload ran in `page` (main world), and any inline event handler attribute in it. */
export async function pwnedIn(
  page: Page,
): Promise<{ url: string; pwned: unknown; handlers: string[] }> {
  return page.evaluate((flag) => {
    const handlers: string[] = [];
    const roots: (Document | ShadowRoot)[] = [document];
    for (let i = 0; i < roots.length; i++) {
      for (const el of roots[i]!.querySelectorAll('*')) {
        if (el.shadowRoot) roots.push(el.shadowRoot);
        for (const attr of el.getAttributeNames()) {
          if (/^on/i.test(attr)) handlers.push(`<${el.localName} ${attr}>`);
        }
        if (el.localName === 'img' && el.getAttribute('src') === 'x') handlers.push('<img src=x>');
      }
    }
    return {
      url: location.href,
      pwned: (window as unknown as Record<string, unknown>)[flag],
      handlers,
    };
  }, PWNED_FLAG);
}

/** Escape text for HTML content or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/**
 * An article whose paragraphs `#p0`, `#p1`, … hold `texts` exactly, set with textContent by an
 * inline script (JSON with `<` escaped, so nothing in it can end the script): no text is ever
 * parsed as HTML, and lone surrogates and NUL survive, which served HTML could not carry.
 */
export function hostileArticle(texts: readonly string[], title: string, canonical: string): string {
  const json = JSON.stringify(texts)
    .replace(/</g, '\\u003c')
    .replace(/\u2028|\u2029/g, ' ');
  const paragraphs = texts.map((_, i) => `<p id="p${i}"></p>`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<link rel="canonical" href="${escapeHtml(canonical)}">
<link rel="icon" href="data:,">
</head><body><article><h1>Hostile corpus</h1>
<p>Plain lead paragraph before the corpus.</p>
${paragraphs}
<p>Plain closing paragraph after the corpus.</p>
</article>
<script>
${json}.forEach((t, i) => { document.getElementById('p' + i).textContent = t; });
</script>
</body></html>`;
}

/** Every claim and page stored by the extension, read with raw IndexedDB from one of its pages. */
export async function storedLibrary(
  extensionPage: Page,
): Promise<{ annotations: Record<string, unknown>[]; pages: Record<string, unknown>[] }> {
  return extensionPage.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('claimmark');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['annotations', 'pages'], 'readonly');
          const a = tx.objectStore('annotations').getAll();
          const p = tx.objectStore('pages').getAll();
          tx.oncomplete = () => {
            db.close();
            resolve({ annotations: a.result, pages: p.result });
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}
