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
  if (type === 'annotation:reanchor') {
    const { id, quote, selectors, pdfPage } = payload as Annotation;
    const claim = stored.find((a) => a.id === id)!;
    return {
      ok: true,
      value: { ...claim, quote, selectors, pdfPage, reattached: { at: '', quote: claim.quote } },
    };
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

describe('new words for a claim in a PDF', () => {
  it('knows a claim is nowhere in the PDF once its text is read, before its page renders', async () => {
    stored = [claimAt(0, 'words that were cut', 1)];
    const s = session();
    await s.load();
    await Promise.resolve();
    await s.settled();
    expect(s.claims()[0]).toMatchObject({ status: 'orphan', page: -1 });
    // …while a claim whose words are on its page waits for it, and one elsewhere moves there.
    const moved = claimAt(0, 'Revenue grew', 1);
    moved.id = moved.id.replace(/.$/, '7');
    moved.selectors = [
      {
        type: 'TextQuoteSelector',
        exact: 'Revenue grew',
        prefix: 'Quarterly results\n',
        suffix: ' 12% to',
      },
    ];
    stored = [claimAt(5, '$17\nbillion', 1), moved];
    const t = session();
    await t.load();
    await Promise.resolve();
    await t.settled();
    expect(t.claims().map((c) => [c.annotation.quote, c.status, c.page])).toEqual([
      ['Revenue grew', 'pending', 0],
      ['$17 billion', 'pending', 1],
    ]);
  });

  it('re-attaches an orphan to the reader’s selection: stored with its new page, painted there', async () => {
    stored = [claimAt(0, 'words that were cut', 1)];
    const s = session();
    await s.load();
    const layer = layerFor(0);
    s.pageRendered(0, layer);
    await s.settled();
    const id = stored[0]!.id;
    expect(s.get(id)?.status).toBe('orphan');
    const result = await s.reanchor(id, select(layer, 'Revenue grew'), 'reattach');
    expect(result.ok).toBe(true);
    const sent = requests.find((r) => r.type === 'annotation:reanchor')!.payload as Annotation & {
      reason: string;
    };
    expect(sent).toMatchObject({
      id,
      quote: 'Revenue grew',
      reason: 'reattach',
      pdfPage: { index: 0, label: 'i' },
    });
    expect(sent.selectors[1]).toEqual({ type: 'TextPositionSelector', start: 18, end: 30 });
    expect(marksOf(layer)).toBe('Revenue grew');
    expect(s.get(id)).toMatchObject({ page: 0, status: 'exact' });

    // Undo of an adjustment: the old extent's page follows from its position.
    const back = await s.setExtent(
      id,
      { quote: '$17 billion', selectors: claimAt(50, '$17\nbillion', 0).selectors },
      'adjust',
    );
    expect(back.ok).toBe(true);
    expect(requests.at(-1)!.payload).toMatchObject({ pdfPage: { index: 1, label: '1' } });
    expect(s.get(id)?.page).toBe(1);
    expect(marksOf(layer)).toBe('');
  });

  it('refuses a selection across two pages', async () => {
    stored = [claimAt(0, 'words that were cut', 1)];
    const s = session();
    await s.load();
    const first = layerFor(0);
    const second = layerFor(1);
    const range = document.createRange();
    range.setStart(first.firstChild!.firstChild!, 0);
    range.setEnd(second.firstChild!.firstChild!, 3);
    const result = await s.reanchor(stored[0]!.id, range, 'reattach');
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/one page/) });
    expect(requests.some((r) => r.type === 'annotation:reanchor')).toBe(false);
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
