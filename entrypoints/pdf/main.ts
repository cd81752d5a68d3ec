/**
 * Claimmark's PDF viewer page (`pdf.html?file=URL`, or a local file picked or dropped): wiring
 * only. The PDF is opened by open.ts; selecting text in a page's text layer opens the same
 * toolbar as on a web page, a click on a highlight its card (components/InPageUi.tsx).
 */
import { browser } from 'wxt/browser';
import { createInPageUi, type InPageUi } from '../../components/InPageUi';
import { HIGHLIGHT_ATTRIBUTE } from '../../utils/page/highlight';
import { revealMarks } from '../../utils/page/flash';
import { selectedRange } from '../../utils/page/selection';
import { pdfErrorMessage } from '../../utils/pdf/errors';
import { layerOf } from '../../utils/page/pdf/text-layer';
import { parseViewerTarget } from '../../utils/pdf/url';
import { loadSettings, parseSettings, SETTINGS_KEY } from '../../utils/store/settings';
import { claimTypeFor } from '../../utils/suggest/claim-type';
import { createClient, type Message } from '../../utils/protocol/to-background';
import { openPdf, type OpenPdf, type PdfSource } from './open';
import { createPasswordPrompt } from './password';
import { listenForRelays } from './relay';
import './style.css';

const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3];
const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const pages = byId<HTMLElement>('pages');
const message = byId<HTMLElement>('message');
const original = byId<HTMLAnchorElement>('original');
const titleEl = byId<HTMLElement>('title');
const zoomLevel = byId<HTMLOutputElement>('zoom-level');
const request = createClient((m: Message) => browser.runtime.sendMessage(m));
const settings = loadSettings(browser.storage.local);
const password = createPasswordPrompt(byId<HTMLFormElement>('password-form'));

let current: OpenPdf | undefined;
let ui: InPageUi | undefined;
let scale = 1.25;
/** Counts the PDFs opened: an older one still opening (waiting for its password) gives way. */
let opening = 0;

function showMessage(text: string): void {
  message.textContent = text;
  message.hidden = text === '';
}

async function open(source: PdfSource, target: { page: number | null; claim: string | null }) {
  const generation = ++opening;
  delete document.documentElement.dataset.claimmark;
  showMessage('');
  password.cancel();
  ui?.close();
  await current?.close();
  current = undefined;
  pages.replaceChildren();
  if ('url' in source) {
    original.href = source.url;
    original.textContent = `Back to the original: ${source.url}`;
    original.title = source.url;
    original.hidden = false;
  } else {
    original.hidden = true;
  }
  let opened: OpenPdf;
  try {
    opened = await openPdf(source, pages, scale, (reason) => {
      document.documentElement.dataset.claimmark = 'password';
      return password.ask(reason);
    });
  } catch (error) {
    if (generation !== opening) return;
    showMessage(pdfErrorMessage(error));
    document.documentElement.dataset.claimmark = 'error';
    return;
  }
  if (generation !== opening) return void opened.close();
  current = opened;
  opened.session.setVisible(!(await settings).hideHighlights);
  document.title = `${opened.title} — Claimmark`;
  titleEl.textContent = `${opened.title} · ${opened.viewer.pageCount} pages`;
  ui = createInPageUi(document, opened.session, () =>
    request('tags:list', {}).then((r) => (r.ok ? r.value.tags : [])),
  );
  const claim = target.claim ? opened.session.get(target.claim) : undefined;
  const page = claim ? (claim.annotation.pdfPage?.index ?? 0) : target.page;
  if (page !== null && page > 0) opened.viewer.scrollToPage(page);
  if (claim && page !== null) {
    await opened.viewer.whenRendered(page);
    revealMarks(opened.session.marks(claim.annotation.id));
  }
  document.documentElement.dataset.claimmark = 'ready';
}

async function setZoom(next: number): Promise<void> {
  scale = next;
  zoomLevel.textContent = `${Math.round(next * 100)}%`;
  ui?.close();
  await current?.viewer.setScale(next);
}

byId('zoom-in').addEventListener('click', () => {
  const next = ZOOMS.find((z) => z > scale);
  if (next) void setZoom(next);
});
byId('zoom-out').addEventListener('click', () => {
  const next = [...ZOOMS].reverse().find((z) => z < scale);
  if (next) void setZoom(next);
});

const openFile = (file: File | undefined) => {
  if (!file) return;
  void file
    .arrayBuffer()
    .then((data) => open({ data, name: file.name }, { page: null, claim: null }));
};
byId<HTMLInputElement>('file').addEventListener('change', (event) => {
  openFile((event.target as HTMLInputElement).files?.[0]);
});
pages.addEventListener('dragover', (event) => {
  event.preventDefault();
  pages.classList.add('dragging');
});
pages.addEventListener('dragleave', () => pages.classList.remove('dragging'));
pages.addEventListener('drop', (event) => {
  event.preventDefault();
  pages.classList.remove('dragging');
  openFile(event.dataTransfer?.files[0]);
});

// Selecting text in a page opens the toolbar; clicking a highlight opens its card. Only the
// reader's own input counts.
const typeFor = async (range: Range) =>
  claimTypeFor(range.toString()) ?? (await settings).defaultType;
const onSelectionEnd = (event: Event) => {
  if (!event.isTrusted || !ui || ui.contains(event.composedPath())) return;
  setTimeout(() => {
    const range = selectedRange(document);
    if (!range || !layerOf(range.startContainer)) return;
    void typeFor(range).then((type) => ui?.openToolbar(range, type));
  }, 0);
};
document.addEventListener('mouseup', onSelectionEnd);
document.addEventListener('keyup', (event) => {
  // Choosing a claim's new words with the keyboard ends with Enter, not with each key.
  if (ui?.picking()) return;
  if (event.shiftKey || event.key.startsWith('Arrow')) onSelectionEnd(event);
});
document.addEventListener(
  'keydown',
  (event) => {
    if (!event.isTrusted || !ui || ui.contains(event.composedPath())) return;
    if (ui.picking()) {
      if (event.key === 'Escape') ui.close();
      const range = event.key === 'Enter' ? selectedRange(document) : null;
      if (range && layerOf(range.startContainer)) {
        event.preventDefault();
        void typeFor(range).then((type) => ui?.openToolbar(range, type)); // takes the words
      }
      return;
    }
    if (!ui.toolbarOpen()) return;
    if (event.key === 'Escape') ui.close();
    else if (event.key === 'Enter') {
      event.preventDefault();
      void ui.saveFromToolbar();
    }
  },
  true,
);
document.addEventListener('mousedown', (event) => {
  // Selecting a claim's new words starts with a mousedown on a page: the bar stays.
  if (event.isTrusted && ui && !ui.contains(event.composedPath()) && !ui.picking()) ui.close();
});
document.addEventListener('click', (event) => {
  if (!event.isTrusted || !ui) return;
  const mark = (event.target as Element).closest?.(`mark[${HIGHLIGHT_ATTRIBUTE}]`);
  const id = mark?.getAttribute(HIGHLIGHT_ATTRIBUTE);
  if (!mark || !id || !document.getSelection()?.isCollapsed || ui.picking()) return;
  ui.openCard(id, mark);
});

void listenForRelays({
  current: () => current,
  pick: (id) => ui?.pick(id, 'reattach') ?? false,
  async selection() {
    const range = selectedRange(document);
    return range && layerOf(range.startContainer) ? { range, type: await typeFor(range) } : null;
  },
});

// Options → Hide highlights applies here too, at once.
browser.storage.onChanged.addListener((changes, area) => {
  if (area !== 'local' || !changes[SETTINGS_KEY]) return;
  current?.session.setVisible(!parseSettings(changes[SETTINGS_KEY].newValue).hideHighlights);
});

const target = parseViewerTarget(location.search, location.hash);
if (target.file) void open({ url: target.file }, target);
else document.documentElement.dataset.claimmark = 'ready';
