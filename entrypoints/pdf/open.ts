/**
 * Opening one PDF in the viewer: PDF.js with eval disabled and its worker bundled with the
 * extension (no remote code), the document's text, the claims session and the lazy pages, wired
 * together. A URL is fetched with the extension's host permissions; a local file is read as bytes.
 * A protected PDF asks the reader for its password (`askPassword`, again after a wrong one); the
 * password goes to PDF.js alone and is kept nowhere.
 */
import {
  getDocument,
  GlobalWorkerOptions,
  PasswordResponses,
  type PDFDocumentProxy,
} from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { browser } from 'wxt/browser';
import { EMPTY_METADATA, collapseWhitespace } from '../../utils/core/model';
import { normalizeUrl } from '../../utils/core/url';
import { uuidV4 } from '../../utils/core/uuid';
import { createClient, type Message } from '../../utils/protocol/to-background';
import { createPdfText, type PdfText } from '../../utils/page/pdf/document';
import { createPdfSession, type PdfSession } from '../../utils/page/pdf/session';
import { fingerprintUrn } from '../../utils/pdf/url';
import { createPdfViewer, type PdfViewer } from '../../utils/page/pdf/viewer';

GlobalWorkerOptions.workerSrc = workerUrl;

export type PdfSource = { url: string } | { data: ArrayBuffer; name: string };

/** Why a password is asked for; the answer is the password, or null when the reader gave up. */
export type AskPassword = (reason: 'needed' | 'wrong') => Promise<string | null>;

export interface OpenPdf {
  pdf: PDFDocumentProxy;
  text: PdfText;
  session: PdfSession;
  viewer: PdfViewer;
  title: string;
  close(): Promise<void>;
}

const request = createClient((message: Message) => browser.runtime.sendMessage(message));

export async function openPdf(
  source: PdfSource,
  container: HTMLElement,
  scale: number,
  askPassword: AskPassword,
): Promise<OpenPdf> {
  const task = getDocument({
    ...('url' in source ? { url: source.url } : { data: new Uint8Array(source.data) }),
    isEvalSupported: false,
    enableXfa: false,
  });
  let gaveUp = false;
  task.onPassword = (answer: (password: string) => void, reason: number) => {
    void askPassword(reason === PasswordResponses.INCORRECT_PASSWORD ? 'wrong' : 'needed').then(
      (password) => {
        if (password !== null) return answer(password);
        gaveUp = true;
        void task.destroy();
      },
    );
  };
  const pdf = await task.promise.catch((error: unknown) => {
    throw gaveUp
      ? Object.assign(new Error('no password given'), { name: 'PasswordException' })
      : error;
  });
  const [labels, info] = await Promise.all([
    pdf.getPageLabels().catch(() => null),
    pdf.getMetadata().catch(() => null),
  ]);
  const fingerprint = pdf.fingerprints[0];
  const urn = fingerprint ? fingerprintUrn(fingerprint) : null;
  const infoTitle = (info?.info as { Title?: unknown } | undefined)?.Title;
  const fallback =
    'url' in source
      ? decodeURIComponent(source.url.split(/[?#]/)[0]!.split('/').pop() ?? '')
      : source.name;
  const title = collapseWhitespace(
    typeof infoTitle === 'string' && infoTitle.trim() ? infoTitle : fallback,
  ).slice(0, 1000);
  const url = 'url' in source ? normalizeUrl(source.url) : urn;
  if (!url) throw new Error('This PDF has no fingerprint and no address to keep its claims under.');
  const text = createPdfText(pdf);
  const session = createPdfSession({
    doc: container.ownerDocument,
    request,
    text,
    url,
    aliases: urn && urn !== url ? [urn] : [],
    metadata: { ...EMPTY_METADATA, title },
    labels,
    newId: () => uuidV4((bytes) => crypto.getRandomValues(bytes)),
  });
  const loading = session.load();
  const viewer = await createPdfViewer({
    doc: container.ownerDocument,
    container,
    pdf,
    text,
    scale,
    labels,
    onPageRendered(index, layer) {
      const start = performance.now();
      session.pageRendered(index, layer);
      // Read by `npm run bench:pdf`: when each page was shown and how long painting its claims took.
      const claims = new Set(
        [...layer.querySelectorAll('mark[data-annotation-id]')].map((m) =>
          m.getAttribute('data-annotation-id'),
        ),
      ).size;
      performance.mark('claimmark:pdf-page', {
        detail: { index, claims, paintMs: performance.now() - start },
      });
    },
    onPageCleared: (index) => session.pageCleared(index),
  });
  // Every page's text, fetched once the first pages are shown: positions of new claims, claims
  // that moved to another page, suggestions.
  setTimeout(() => void text.all().catch(() => undefined), 1_000);
  const loaded = await loading;
  if (!loaded.ok) throw new Error(`Claimmark could not load this PDF's claims: ${loaded.error}`);
  return {
    pdf,
    text,
    session,
    viewer,
    title,
    async close() {
      viewer.destroy();
      await pdf.destroy();
    },
  };
}
