import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type ClaimmarkDB } from '../../utils/store/db';
import { createHandlers, dispatch } from '../../utils/store/handlers';
import type { Handlers } from '../../utils/protocol/rpc';
import type { Protocol } from '../../utils/protocol/to-background';
import type { NewAnnotation } from '../../utils/protocol/to-background';
import type { PageMetadata } from '../../utils/core/model';

const URL_A = 'https://example.com/story';
const ID = '0b7a6f1e-3c2d-4e5f-8a9b-0c1d2e3f4a5b';

function draft(overrides: Partial<NewAnnotation> = {}): NewAnnotation {
  return {
    id: ID,
    url: URL_A,
    quote: '$17   billion',
    selectors: [
      {
        type: 'TextQuoteSelector',
        exact: '$17   billion',
        prefix: 'goal of ',
        suffix: ' in sales',
      },
      { type: 'TextPositionSelector', start: 100, end: 113 },
    ],
    type: 'figure',
    tags: ['#TikTok', 'tiktok', ' GMV '],
    note: 'FY2024 target',
    ...overrides,
  };
}

const METADATA: PageMetadata = {
  title: 'TikTok Cracks Down',
  byline: 'Kalin Anastasov',
  siteName: 'Influencer Marketing Hub',
  publishedTime: '2025-03-05T09:12:00+00:00',
  lang: 'en-US',
  excerpt: 'TikTok’s e-commerce aspirations…',
};

let db: ClaimmarkDB;
let handlers: Handlers<Protocol>;
let clock = 0;

beforeEach(async () => {
  db = openDatabase(`test-${crypto.randomUUID()}`);
  clock = 0;
  handlers = createHandlers(db, () => new Date(Date.UTC(2026, 0, 1, 0, 0, clock++)).toISOString());
});

afterEach(async () => {
  await db.delete();
});

describe('handlers', () => {
  it('saves a claim with its page, normalizing quote and tags', async () => {
    const saved = await handlers['annotation:save']({ annotation: draft(), metadata: METADATA });
    expect(saved.quote).toBe('$17 billion');
    expect(saved.tags).toEqual(['tiktok', 'gmv']);
    expect(saved.created).toBe('2026-01-01T00:00:00.000Z');
    const loaded = await handlers['page:load']({ url: URL_A, aliases: [] });
    expect(loaded.annotations).toEqual([saved]);
    expect(loaded.page).toMatchObject({
      url: URL_A,
      title: 'TikTok Cracks Down',
      firstSeen: saved.created,
    });
  });

  it('sends the stored settings, parsed, with every page:load answer', async () => {
    const stored = { hideHighlights: true, blockedSites: ['ft.com', 5], defaultType: 'script' };
    const withSettings = createHandlers(db, undefined, async () => stored);
    const loaded = await withSettings['page:load']({ url: URL_A, aliases: [] });
    expect(loaded.settings).toEqual({
      defaultType: 'claim',
      blockedSites: ['ft.com'],
      hideHighlights: true,
      tagColours: {},
    });
    // Nothing stored yet: the defaults. No reader given: no settings in the answer.
    const empty = createHandlers(db, undefined, async () => undefined);
    expect((await empty['page:load']({ url: URL_A, aliases: [] })).settings).toMatchObject({
      hideHighlights: false,
    });
    expect(await handlers['page:load']({ url: URL_A, aliases: [] })).not.toHaveProperty('settings');
  });

  it('is idempotent by id: a retried save stores the claim once', async () => {
    await handlers['annotation:save']({ annotation: draft(), metadata: METADATA });
    await handlers['annotation:save']({ annotation: draft({ note: 'retry' }) });
    expect(await db.annotations.count()).toBe(1);
    expect((await db.annotations.get(ID))?.note).toBe('FY2024 target');
  });

  it('keeps page metadata the page already has and fills what it lacked', async () => {
    await handlers['annotation:save']({
      annotation: draft(),
      metadata: { ...METADATA, byline: '' },
    });
    const second = draft({ id: '1b7a6f1e-3c2d-4e5f-8a9b-0c1d2e3f4a5b' });
    await handlers['annotation:save']({
      annotation: second,
      metadata: { ...METADATA, title: 'Other' },
    });
    const page = await db.pages.get(URL_A);
    expect(page?.title).toBe('TikTok Cracks Down');
    expect(page?.byline).toBe('Kalin Anastasov');
    expect(page?.lastSeen).not.toBe(page?.firstSeen);
  });

  it('updates and deletes claims', async () => {
    await handlers['annotation:save']({ annotation: draft(), metadata: METADATA });
    const updated = await handlers['annotation:update']({
      id: ID,
      patch: { type: 'forecast', note: '' },
    });
    expect(updated).toMatchObject({ type: 'forecast', note: '', tags: ['tiktok', 'gmv'] });
    expect(updated.updated > updated.created).toBe(true);
    expect(await handlers['annotation:delete']({ id: ID })).toEqual({ deleted: true });
    expect(await handlers['annotation:delete']({ id: ID })).toEqual({ deleted: false });
    await expect(handlers['annotation:update']({ id: ID, patch: {} })).rejects.toThrow('no claim');
  });
});

describe('dispatch', () => {
  it('validates messages and answers errors as data', async () => {
    expect(await dispatch(handlers, null)).toEqual({
      ok: false,
      error: 'message must be an object',
    });
    expect(await dispatch(handlers, { type: 'db:drop', payload: {} })).toMatchObject({
      ok: false,
      error: 'unknown message type: db:drop',
    });
    expect(await dispatch(handlers, { type: '__proto__', payload: {} })).toMatchObject({
      ok: false,
    });
    expect(
      await dispatch(handlers, { type: 'page:load', payload: { url: 'javascript:alert(1)' } }),
    ).toEqual({
      ok: false,
      error: 'url must be an http(s) or file URL',
    });
    const bad = { ...draft(), type: 'script' };
    expect(
      await dispatch(handlers, { type: 'annotation:save', payload: { annotation: bad } }),
    ).toEqual({
      ok: false,
      error: 'type must be a claim type',
    });
    const noQuote = { ...draft(), selectors: [{ type: 'TextPositionSelector', start: 1, end: 2 }] };
    expect(
      await dispatch(handlers, { type: 'annotation:save', payload: { annotation: noQuote } }),
    ).toEqual({
      ok: false,
      error: 'selectors must include a TextQuoteSelector',
    });
    expect(await db.annotations.count()).toBe(0);
  });

  it('returns handler failures as data and copies no unknown fields', async () => {
    const answer = await dispatch(handlers, {
      type: 'annotation:save',
      payload: { annotation: { ...draft(), evil: '<script>' }, metadata: METADATA },
    });
    expect(answer.ok).toBe(true);
    expect(Object.keys((await db.annotations.get(ID)) ?? {})).not.toContain('evil');
    expect(
      await dispatch(handlers, {
        type: 'annotation:update',
        payload: { id: crypto.randomUUID(), patch: {} },
      }),
    ).toEqual({
      ok: false,
      error: 'no claim with this id',
    });
  });
});

describe('moved pages', () => {
  it('follow a redirect: the new URL becomes an alias and finds the claims', async () => {
    await handlers['annotation:save']({ annotation: draft(), metadata: METADATA });
    const { recordRedirect } = await import('../../utils/store/handlers');
    expect(await recordRedirect(db, URL_A, 'https://example.com/2025/story')).toBe(true);
    expect(await recordRedirect(db, 'https://unknown.example/x', 'https://example.com/y')).toBe(
      false,
    );
    const loaded = await handlers['page:load']({
      url: 'https://example.com/2025/story',
      aliases: [],
    });
    expect(loaded.page?.url).toBe(URL_A);
    expect(loaded.annotations.map((a) => a.id)).toEqual([ID]);
  });

  it('learn the URL they were read at when the canonical differs', async () => {
    await handlers['annotation:save']({
      annotation: draft(),
      metadata: METADATA,
      aliases: ['https://m.example.com/story'],
    });
    expect((await db.pages.get(URL_A))?.aliases).toEqual(['https://m.example.com/story']);
    // Later the canonical changed: the page is found through the old address and learns the new.
    const loaded = await handlers['page:load']({
      url: 'https://example.com/news/story',
      aliases: ['https://m.example.com/story'],
    });
    expect(loaded.page?.url).toBe(URL_A);
    expect(loaded.annotations).toHaveLength(1);
    expect((await db.pages.get(URL_A))?.aliases).toEqual([
      'https://m.example.com/story',
      'https://example.com/news/story',
    ]);
  });

  it('records how claims anchored, only when it changed', async () => {
    await handlers['annotation:save']({ annotation: draft(), metadata: METADATA });
    const report = { id: ID, status: 'approximate' as const, text: '$18 billion' };
    expect(await handlers['annotations:anchored']({ results: [report] })).toEqual({ changed: 1 });
    expect(await handlers['annotations:anchored']({ results: [report] })).toEqual({ changed: 0 });
    const stored = await db.annotations.get(ID);
    expect(stored?.anchor).toMatchObject({ status: 'approximate', text: '$18 billion' });
    expect(stored?.quote).toBe('$17 billion');
  });
});
