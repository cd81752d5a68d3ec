// @vitest-environment node
/**
 * Storage full: the database refuses writes with a QuotaExceededError, as Chromium does when an
 * origin is over its quota (the transaction aborts at commit, Dexie rejects with an AbortError
 * whose `inner` is the quota error). The reader gets a clear message; the claim stays painted as
 * unsaved — never dropped, never shown as saved — and a retry with the same id stores it once.
 */
import { readFileSync } from 'node:fs';
import { Dexie } from 'dexie';
import { JSDOM } from 'jsdom';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type ClaimmarkDB } from '../../utils/store/db';
import { errorMessage, isQuotaError, STORAGE_FULL_MESSAGE } from '../../utils/core/errors';
import { createHandlers, dispatch } from '../../utils/store/handlers';
import { createClient, type Message } from '../../utils/protocol/to-background';
import { createPageSession } from '../../utils/page/session';

const HTML = readFileSync('tests/fixtures/pages/tiktok-shop-us-crackdown/source.html', 'utf8');
const URL_DEMO = 'http://127.0.0.1:8000/tiktok-shop-us-crackdown/';
const FIGURE = '$17 billion';
const ID = '0b7a6f1e-3c2d-4e5f-8a9b-0c1d2e3f4a5b';

const quotaError = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

/**
 * A database on a full disk while `disk.full`: every write fails with a QuotaExceededError and
 * aborts its transaction with it, as Firefox does (Chromium refuses at commit instead: Dexie
 * then rejects with an AbortError whose `inner` is the quota error — see isQuotaError below and
 * tests/e2e/quota.test.ts, where Chromium's own storage is full).
 */
function openFullDatabase(name: string, disk: { full: boolean }): ClaimmarkDB {
  const db = openDatabase(name);
  db.use({
    stack: 'dbcore',
    name: 'full-disk',
    create: (down) => ({
      ...down,
      table: (tableName) => {
        const table = down.table(tableName);
        return {
          ...table,
          mutate: (req) => {
            if (!disk.full) return table.mutate(req);
            const trans = req.trans as unknown as IDBTransaction & { error: DOMException | null };
            trans.error = quotaError();
            trans.abort();
            return Promise.reject(quotaError());
          },
        };
      },
    }),
  });
  return db;
}

describe('isQuotaError', () => {
  it('recognises the quota error however it is wrapped', () => {
    const dom = quotaError();
    expect(isQuotaError(dom)).toBe(true);
    expect(isQuotaError(new Dexie.QuotaExceededError('full', dom))).toBe(true);
    expect(isQuotaError(new Dexie.AbortError(dom))).toBe(true); // Chromium: abort at commit
    expect(isQuotaError(new Error('write failed', { cause: new Dexie.AbortError(dom) }))).toBe(
      true,
    );
    expect(isQuotaError(new Dexie.BulkError('bulkPut failed', { 3: dom }))).toBe(true);
    expect(isQuotaError(new DOMException('full', 'NS_ERROR_DOM_QUOTA_REACHED'))).toBe(true);
  });

  it('leaves other errors alone, also cyclic ones', () => {
    expect(isQuotaError(new Dexie.AbortError())).toBe(false);
    expect(isQuotaError(new Dexie.ConstraintError('Key already exists'))).toBe(false);
    expect(isQuotaError(new TypeError('x is undefined'))).toBe(false);
    expect(isQuotaError('QuotaExceededError')).toBe(false);
    expect(isQuotaError(null)).toBe(false);
    const cyclic = new Error('loop') as Error & { inner?: unknown };
    cyclic.inner = cyclic;
    expect(isQuotaError(cyclic)).toBe(false);
    expect(errorMessage(new Error('no claim with this id'))).toBe('no claim with this id');
    expect(errorMessage(new Dexie.AbortError(quotaError()))).toBe(STORAGE_FULL_MESSAGE);
  });
});

describe('storage full', () => {
  let db: ClaimmarkDB;
  const disk = { full: true };
  const windows: JSDOM[] = [];

  beforeEach(() => {
    disk.full = true;
    db = openFullDatabase(`quota-${crypto.randomUUID()}`, disk);
  });

  afterEach(async () => {
    windows.splice(0).forEach((dom) => dom.window.close());
    await db.delete();
  });

  it('the background answers with a clear message and stores nothing', async () => {
    const handlers = createHandlers(db);
    const answer = await dispatch(handlers, {
      type: 'annotation:save',
      payload: {
        annotation: {
          id: ID,
          url: 'https://example.com/story',
          quote: FIGURE,
          selectors: [{ type: 'TextQuoteSelector', exact: FIGURE, prefix: '', suffix: '' }],
          type: 'figure',
          tags: [],
          note: '',
        },
      },
    });
    expect(answer).toEqual({ ok: false, error: STORAGE_FULL_MESSAGE });
    disk.full = false;
    expect(await db.annotations.count()).toBe(0);
    expect(await db.pages.count()).toBe(0);
  });

  /** The demo page in jsdom, with a session wired to real handlers over the full database. */
  async function open() {
    const dom = new JSDOM(HTML, { url: URL_DEMO });
    windows.push(dom);
    const handlers = createHandlers(db);
    const sent: Message[] = [];
    const request = createClient(async (message) => {
      sent.push(message);
      return dispatch(handlers, JSON.parse(JSON.stringify(message)));
    });
    const doc = dom.window.document;
    const session = createPageSession({
      doc,
      request,
      extractMetadata: () => ({
        title: 'TikTok',
        byline: '',
        siteName: '',
        publishedTime: '',
        lang: 'en',
        excerpt: '',
      }),
      newId: () => crypto.randomUUID(),
    });
    expect(await session.load()).toMatchObject({ ok: true });
    const range = doc.createRange();
    const walker = doc.createTreeWalker(doc.body, 4);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = (node as Text).data.indexOf(FIGURE);
      if (at < 0) continue;
      range.setStart(node, at);
      range.setEnd(node, at + FIGURE.length);
      break;
    }
    const marks = () => [...doc.querySelectorAll<HTMLElement>('mark[data-annotation-id]')];
    const saves = () => sent.filter((m) => m.type === 'annotation:save');
    return { doc, session, range, marks, saves };
  }

  it('keeps the claim painted as unsaved, then stores it once with the same id on retry', async () => {
    const { session, range, marks, saves } = await open();
    const failed = await session.save(range, { type: 'figure', tags: ['tiktok'], note: 'n' });
    expect(failed).toMatchObject({ ok: false, error: STORAGE_FULL_MESSAGE });
    const id = !failed.ok ? failed.unsaved : undefined;
    expect(id).toBeTruthy();

    // Shown, flagged unsaved, not listed as a saved claim.
    expect(
      marks()
        .map((m) => m.textContent)
        .join(''),
    ).toBe(FIGURE);
    expect(marks().every((m) => m.dataset.annotationId === id)).toBe(true);
    expect(marks().every((m) => m.dataset.unsaved === 'true')).toBe(true);
    expect(marks()[0]!.style.getPropertyValue('outline')).toContain('dashed');
    expect(session.claims()).toEqual([]);
    expect(session.unsaved(id!)).toEqual({
      id,
      quote: FIGURE,
      error: STORAGE_FULL_MESSAGE,
      saving: false,
      stillTrying: false,
    });

    // Still full: still unsaved.
    expect(await session.retry(id!)).toMatchObject({ ok: false, unsaved: id });
    expect(marks().every((m) => m.dataset.unsaved === 'true')).toBe(true);

    disk.full = false;
    const retried = await session.retry(id!);
    expect(retried).toMatchObject({ ok: true, value: { id, quote: FIGURE, tags: ['tiktok'] } });
    expect(saves().map((m) => (m.payload as { annotation: { id: string } }).annotation.id)).toEqual(
      [id, id, id],
    );
    expect(marks().length).toBeGreaterThan(0);
    expect(marks().some((m) => m.hasAttribute('data-unsaved') || m.style.outline)).toBe(false);
    expect(session.unsaved(id!)).toBeUndefined();
    expect(session.claims().map((c) => [c.annotation.id, c.status])).toEqual([[id, 'exact']]);
    expect(await db.annotations.toArray()).toMatchObject([{ id, quote: FIGURE, note: 'n' }]);
    expect(await db.pages.count()).toBe(1);

    // A second retry of a stored claim has nothing to do and stores nothing more.
    expect(await session.retry(id!)).toMatchObject({ ok: false });
    expect(await db.annotations.count()).toBe(1);
  });

  it('discards an unsaved claim: unpainted, the page text as it was, nothing stored', async () => {
    const { doc, session, range, marks } = await open();
    const before = doc.body.innerHTML;
    const failed = await session.save(range, { type: 'figure', tags: [], note: '' });
    const id = !failed.ok ? failed.unsaved : undefined;
    expect(marks()).not.toHaveLength(0);
    expect(session.discard(id!)).toBe(true);
    expect(marks()).toHaveLength(0);
    expect(doc.body.innerHTML).toBe(before);
    expect(session.unsaved(id!)).toBeUndefined();
    expect(session.discard(id!)).toBe(false);
    disk.full = false;
    expect(await session.retry(id!)).toMatchObject({ ok: false });
    expect(await db.annotations.count()).toBe(0);
  });
});
