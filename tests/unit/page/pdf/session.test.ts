// @vitest-environment jsdom
/**
 * The PDF claims session over text layers built like PDF.js builds them (a span per text item,
 * a <br> after a line, our line-break text node before it), with a fake document text and a
 * fake background: what it saves, when it paints, and where a moved claim goes.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Annotation } from '../../../../utils/core/model';
import type { Client } from '../../../../utils/protocol/to-background';
import type { PdfText } from '../../../../utils/page/pdf/document';
import { createPdfSession } from '../../../../utils/page/pdf/session';
import { addLineBreaks } from '../../../../utils/page/pdf/text-layer';
import { documentText, pageStarts, pageTextOf } from '../../../../utils/pdf/text';

const URL = 'https://ir.example.com/q3.pdf';
type Item = { str: string; hasEOL: boolean };
const line = (str: string): Item => ({ str, hasEOL: true });

let pages: Item[][];
let requests: { type: string; payload: unknown }[];
let stored: Annotation[];
let ids: number;

function fakeText(): PdfText {
  const texts = () => pages.map(pageTextOf);
  return {
    pageCount: pages.length,
    content: async () => ({ items: [], styles: {}, lang: null }),
    page: async (i) => texts()[i]!,
    pageNow: (i) => texts()[i],
    all: async () => texts(),
    document: async () => ({ text: documentText(texts()), starts: pageStarts(texts()) }),
  };
}

const request = (async (type: string, payload: unknown) => {
  requests.push({ type, payload });
  if (type === 'page:load') return { ok: true, value: { page: null, annotations: stored } };
  if (type === 'annotation:save') {
    const { annotation } = payload as { annotation: Annotation };
    const time = '2026-12-01T00:00:00.000Z';
    return { ok: true, value: { ...annotation, created: time, updated: time } };
  }
  return { ok: true, value: { changed: 0 } };
}) as Client;

/** A page's text layer, as PDF.js and addLineBreaks leave it, in a page element. */
function layerFor(index: number): HTMLElement {
  const page = document.createElement('div');
  page.setAttribute('data-page-index', String(index));
  const layer = document.createElement('div');
  layer.className = 'textLayer';
  for (const item of pages[index]!) {
    const span = document.createElement('span');
    span.textContent = item.str;
    layer.append(span);
    if (item.hasEOL) layer.append(document.createElement('br'));
  }
  addLineBreaks(layer);
  page.append(layer);
  document.body.append(page);
  return layer;
}

function session() {
  return createPdfSession({
    doc: document,
    request,
    text: fakeText(),
    url: URL,
    aliases: ['urn:x-pdf:abc'],
    metadata: { title: 'Q3', byline: '', siteName: '', publishedTime: '', lang: '', excerpt: '' },
    labels: ['i', '1'],
    newId: () => `0b1f6c1e-9a4b-4f6e-8d2a-1c2b3d4e5f6${ids++}`,
  });
}

function select(layer: HTMLElement, text: string): Range {
  const model = [...layer.childNodes].flatMap((n) =>
    n.nodeType === 3 ? [n as Text] : n.firstChild?.nodeType === 3 ? [n.firstChild as Text] : [],
  );
  const all = model.map((t) => t.data).join('');
  const at = all.indexOf(text);
  const locate = (offset: number) => {
    let k = 0;
    for (const node of model) {
      if (offset <= k + node.data.length) return { node, offset: offset - k };
      k += node.data.length;
    }
    throw new Error('out of text');
  };
  const range = document.createRange();
  const start = locate(at);
  const end = locate(at + text.length);
  range.setStart(start.node, start.offset);
  range.setEnd(end.node, end.offset);
  return range;
}

const marksOf = (root: ParentNode) =>
  [...root.querySelectorAll('mark[data-annotation-id]')].map((m) => m.textContent).join(' ');

beforeEach(() => {
  document.body.replaceChildren();
  pages = [
    [line('Quarterly results'), line('Revenue grew 12% to')],
    [line('the team missed its goal of $17'), line('billion in sales. Now the U.S.')],
  ];
  requests = [];
  stored = [];
  ids = 0;
});

describe('PDF claims session', () => {
  it('saves a selection across two lines with its page and positions over the document', async () => {
    const s = session();
    await s.load();
    const layer = layerFor(1);
    s.pageRendered(1, layer);
    const saved = await s.save(select(layer, '$17\nbillion'), {
      type: 'figure',
      tags: [],
      note: '',
    });
    expect(saved.ok).toBe(true);
    const save = requests.find((r) => r.type === 'annotation:save')!.payload as {
      annotation: Annotation;
      aliases: string[];
    };
    expect(save.annotation.pdfPage).toEqual({ index: 1, label: '1' });
    expect(save.annotation.quote).toBe('$17 billion');
    expect(save.aliases).toEqual(['urn:x-pdf:abc']);
    const all = documentText(pages.map(pageTextOf));
    const [quote, position] = save.annotation.selectors as unknown as [
      { exact: string; prefix: string },
      { start: number; end: number },
    ];
    expect(all.slice(position.start, position.end)).toBe('$17\nbillion');
    // The context runs across the page break, over the document's text.
    expect(quote.prefix).toBe(' to the team missed its goal of ');
    expect(marksOf(layer)).toBe('$17 billion');
  });

  it('refuses a selection across two pages', async () => {
    const s = session();
    await s.load();
    const first = layerFor(0);
    const second = layerFor(1);
    const range = document.createRange();
    range.setStart(first.querySelector('span')!.firstChild!, 0);
    range.setEnd(second.querySelector('span')!.firstChild!, 3);
    const saved = await s.save(range, { type: 'claim', tags: [], note: '' });
    expect(saved).toMatchObject({ ok: false, error: expect.stringMatching(/one page/) });
  });

  it('paints a stored claim when its page renders, and again after the page is cleared', async () => {
    const all = documentText(pages.map(pageTextOf));
    const start = all.indexOf('$17');
    stored = [claimAt(start, '$17\nbillion', 1)];
    const s = session();
    await s.load();
    expect(s.claims()[0]!.status).toBe('pending');
    s.pageRendered(0, layerFor(0));
    expect(marksOf(document)).toBe('');
    const layer = layerFor(1);
    s.pageRendered(1, layer);
    expect(marksOf(layer)).toBe('$17 billion');
    expect(s.claims()[0]).toMatchObject({ status: 'exact', page: 1 });
    layer.closest('[data-page-index]')!.remove();
    s.pageCleared(1);
    const again = layerFor(1);
    s.pageRendered(1, again);
    expect(marksOf(again)).toBe('$17 billion');
  });

  it('hides and shows every highlight (Options → Hide highlights)', async () => {
    const all = documentText(pages.map(pageTextOf));
    stored = [claimAt(all.indexOf('$17'), '$17\nbillion', 1)];
    const s = session();
    await s.load();
    const layer = layerFor(1);
    s.setVisible(false);
    s.pageRendered(1, layer);
    expect(marksOf(layer)).toBe('');
    s.setVisible(true);
    expect(marksOf(layer)).toBe('$17 billion');
    s.setVisible(false);
    expect(marksOf(layer)).toBe('');
  });

  it('moves a claim its page no longer has to the page where its quote now stands', async () => {
    // Stored on page 0 (an earlier edition); the words are on page 1 now.
    stored = [claimAt(5, '$17\nbillion', 0)];
    const s = session();
    await s.load();
    s.pageRendered(0, layerFor(0));
    await s.settled();
    expect(s.claims()[0]!.page).toBe(1);
    const layer = layerFor(1);
    s.pageRendered(1, layer);
    expect(marksOf(layer)).toBe('$17 billion');
  });

  it('makes an orphan of a claim whose words are nowhere in the PDF', async () => {
    stored = [claimAt(0, 'words that were cut', 0)];
    const s = session();
    await s.load();
    s.pageRendered(0, layerFor(0));
    await s.settled();
    expect(s.claims()[0]).toMatchObject({ status: 'orphan', page: -1 });
  });
});

function claimAt(start: number, exact: string, page: number): Annotation {
  return {
    id: `0b1f6c1e-9a4b-4f6e-8d2a-1c2b3d4e5f9${page}`,
    url: URL,
    quote: exact.replace(/\s+/g, ' '),
    selectors: [
      { type: 'TextQuoteSelector', exact, prefix: 'missed its goal of ', suffix: ' in sales.' },
      { type: 'TextPositionSelector', start, end: start + exact.length },
    ],
    type: 'figure',
    tags: [],
    note: '',
    created: '2026-11-01T00:00:00.000Z',
    updated: '2026-11-01T00:00:00.000Z',
    pdfPage: { index: page, label: String(page) },
  };
}
