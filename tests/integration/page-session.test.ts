// @vitest-environment node
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type ClaimmarkDB } from '../../utils/store/db';
import { createHandlers, dispatch } from '../../utils/store/handlers';
import { createClient, type Message } from '../../utils/protocol/to-background';
import type { PageMetadata } from '../../utils/core/model';
import { createPageSession, type PageSession } from '../../utils/page/session';

const HTML = readFileSync('tests/fixtures/pages/tiktok-shop-us-crackdown/source.html', 'utf8');
const URL_DEMO = 'http://127.0.0.1:8000/tiktok-shop-us-crackdown/';
const FIGURE = '$17 billion';
const QUOTE = 'There’s literally no time in a day to fulfill the goals they’re asking for.';

let db: ClaimmarkDB;
let sent: Message[];
let extract: ReturnType<typeof vi.fn<(doc: Document) => PageMetadata>>;
const sessions: { dom: JSDOM; session: PageSession }[] = [];

beforeEach(() => {
  db = openDatabase(`session-${crypto.randomUUID()}`);
  sent = [];
  extract = vi.fn(() => ({
    title: 'TikTok',
    byline: '',
    siteName: '',
    publishedTime: '',
    lang: 'en',
    excerpt: '',
  }));
});

afterEach(async () => {
  sessions.splice(0).forEach(({ dom }) => dom.window.close());
  await db.delete();
});

/** Open `html` at `url` in a fresh jsdom with a session wired to real handlers over the DB. */
async function open(html = HTML, url = URL_DEMO) {
  const dom = new JSDOM(html, { url });
  const handlers = createHandlers(db);
  const request = createClient(async (message) => {
    sent.push(message);
    // Through JSON, as the real message channel does.
    return dispatch(handlers, JSON.parse(JSON.stringify(message)));
  });
  const session = createPageSession({
    doc: dom.window.document,
    request,
    extractMetadata: extract,
    newId: () => crypto.randomUUID(),
  });
  sessions.push({ dom, session });
  expect(await session.load()).toMatchObject({ ok: true });
  return { dom, doc: dom.window.document, session };
}

function rangeOf(doc: Document, text: string): Range {
  const walker = doc.createTreeWalker(doc.body, 4);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = (node as Text).data.indexOf(text);
    if (at >= 0) {
      const range = doc.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + text.length);
      return range;
    }
  }
  throw new Error(`not on page: ${text}`);
}

function painted(doc: Document): string[] {
  const byId = new Map<string, string>();
  for (const mark of doc.querySelectorAll('mark[data-annotation-id]')) {
    const id = mark.getAttribute('data-annotation-id')!;
    byId.set(id, (byId.get(id) ?? '') + mark.textContent);
  }
  return [...byId.values()];
}

const settle = () => new Promise((done) => setTimeout(done, 400));

describe('page session', () => {
  it('tells when a save under way has its answer', async () => {
    const { doc, session } = await open();
    const saving = session.save(rangeOf(doc, FIGURE), { type: 'figure', tags: [], note: '' });
    const id = doc.querySelector('mark[data-annotation-id]')!.getAttribute('data-annotation-id')!;
    expect(session.unsaved(id)).toMatchObject({ saving: true, error: '' });
    await session.whenSettled(id);
    expect(session.unsaved(id)).toBeUndefined();
    expect(session.get(id)?.status).toBe('exact');
    expect(await saving).toMatchObject({ ok: true, value: { id } });
    await session.whenSettled(id); // nothing under way: at once
  });

  it('refuses a claim the background would refuse, without painting it or offering a retry', async () => {
    const long = 'x'.repeat(100_001);
    const { doc, session } = await open(
      `<!doctype html><html><head><title>Long</title></head><body><p>${long}</p></body></html>`,
    );
    const range = doc.createRange();
    range.selectNodeContents(doc.querySelector('p')!);
    sent = [];
    const answer = await session.save(range, { type: 'claim', tags: [], note: '' });
    expect(answer).toEqual({ ok: false, error: expect.stringMatching(/quote.*100000/) });
    expect(painted(doc)).toEqual([]);
    expect(sent).toEqual([]);
    expect(await db.annotations.count()).toBe(0);
  });

  it('costs one message on a page without claims: no Readability, no painting', async () => {
    const { doc } = await open();
    expect(sent.map((m) => m.type)).toEqual(['page:load']);
    expect(extract).not.toHaveBeenCalled();
    expect(painted(doc)).toEqual([]);
  });

  it('saves claims, runs Readability once for the page, and paints them again on the next visit', async () => {
    const first = await open();
    const saved = await first.session.save(rangeOf(first.doc, FIGURE), {
      type: 'figure',
      tags: ['tiktok'],
      note: '',
    });
    expect(saved).toMatchObject({ ok: true, value: { quote: FIGURE, type: 'figure' } });
    await first.session.save(rangeOf(first.doc, QUOTE), {
      type: 'quote',
      tags: [],
      note: 'employee',
    });
    expect(extract).toHaveBeenCalledTimes(1);
    expect(painted(first.doc)).toEqual([FIGURE, QUOTE]);

    const again = await open(HTML, `${URL_DEMO}?utm_source=x#top`);
    expect(painted(again.doc)).toEqual([FIGURE, QUOTE]);
    expect(again.session.claims().map((c) => c.status)).toEqual(['exact', 'exact']);
    expect(extract).toHaveBeenCalledTimes(1);
  });

  it('keeps a claim whose text is gone as an orphan, stored as such, and attaches it when the text comes back', async () => {
    const first = await open();
    await first.session.save(rangeOf(first.doc, QUOTE), { type: 'quote', tags: [], note: '' });
    const edited = HTML.replace(
      /<blockquote[^>]*><p>“There’s literally[^<]*<\/p><\/blockquote>/,
      '',
    );
    expect(edited).not.toContain('literally');
    const later = await open(edited);
    expect(painted(later.doc)).toEqual([]);
    expect(later.session.claims().map((c) => c.status)).toEqual(['orphan']);
    await vi.waitFor(async () =>
      expect((await db.annotations.toArray())[0]?.anchor?.status).toBe('orphan'),
    );
    expect(await db.annotations.count()).toBe(1);

    // The paragraph arrives late (lazy loading, "read more"): the claim is painted, once.
    const p = later.doc.createElement('p');
    p.textContent = `As another insider put it, “${QUOTE}”`;
    later.doc.querySelector('article')!.append(p);
    await settle();
    expect(painted(later.doc)).toEqual([QUOTE]);
    await settle();
    expect(later.doc.querySelectorAll('mark[data-annotation-id]')).toHaveLength(1);
  });

  it('paints a highlight again when the page re-renders its paragraph, without loops', async () => {
    const first = await open();
    await first.session.save(rangeOf(first.doc, FIGURE), { type: 'figure', tags: [], note: '' });
    const paragraph = first.doc.querySelector('mark')!.closest('p')!;
    const text = paragraph.textContent!;
    paragraph.replaceChildren(first.doc.createTextNode(text)); // the page's own re-render
    expect(painted(first.doc)).toEqual([]);
    await settle();
    expect(painted(first.doc)).toEqual([FIGURE]);
    const loads = sent.length;
    await settle();
    expect(sent.length).toBe(loads); // nothing more happened: no repaint loop
  });

  it('follows SPA navigation: unpaints the old page and paints the new one', async () => {
    const first = await open();
    await first.session.save(rangeOf(first.doc, FIGURE), { type: 'figure', tags: [], note: '' });
    first.dom.window.history.pushState({}, '', '/another-story/');
    first.doc.querySelector('link[rel=canonical]')?.remove();
    await first.session.locationChanged();
    expect(first.session.url()).toBe('http://127.0.0.1:8000/another-story/');
    expect(painted(first.doc)).toEqual([]);
    first.dom.window.history.pushState({}, '', '/tiktok-shop-us-crackdown/');
    await first.session.locationChanged();
    expect(painted(first.doc)).toEqual([FIGURE]);
  });
});
