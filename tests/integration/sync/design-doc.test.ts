/**
 * The design document's validate_doc_update, run by a real CouchDB-protocol server
 * (pouchdb-server) on the writes of members.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCouchServer, type CouchServer } from '../../support/couch-server';
import { DESIGN_DOC } from '../../../utils/store/sync/design-doc';
import { claimDoc, pageDoc } from '../../../utils/store/sync/docs';
import type { Annotation, Page } from '../../../utils/core/model';

let server: CouchServer;
const DB = 'guarded';

beforeAll(async () => {
  server = await startCouchServer();
  await server.createUser('alice', 'alice-pw');
  await server.createUser('bob', 'bob-pw');
  await server.createDatabase(DB, ['alice', 'bob']);
  const installed = await server.request('PUT', `/${DB}/${DESIGN_DOC._id}`, DESIGN_DOC);
  expect(installed.status).toBe(201);
}, 90_000);
afterAll(async () => {
  await server?.close();
});

async function put(user: string, doc: Record<string, unknown>): Promise<number> {
  const auth = `Basic ${Buffer.from(`${user}:${user}-pw`).toString('base64')}`;
  const response = await fetch(`${server.url}/${DB}/${encodeURIComponent(String(doc._id))}`, {
    method: 'PUT',
    headers: { authorization: auth, 'content-type': 'application/json' },
    body: JSON.stringify(doc),
  });
  const body = (await response.json()) as { rev?: string };
  if (body.rev) doc._rev = body.rev;
  return response.status;
}

function claim(overrides: Partial<Annotation> = {}): Annotation {
  return {
    id: crypto.randomUUID(),
    url: 'https://news.example/a',
    quote: '$17 billion',
    selectors: [
      { type: 'TextQuoteSelector', exact: '$17 billion', prefix: '', suffix: '' },
      { type: 'TextPositionSelector', start: 3, end: 14 },
    ],
    type: 'figure',
    tags: ['gmv'],
    note: '',
    created: '2026-01-01T00:00:00.000Z',
    updated: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

describe('validate_doc_update', () => {
  it('accepts a member’s claim and page, and an edit by another member that keeps the author', async () => {
    const doc: Record<string, unknown> = { ...claimDoc(claim(), 'alice') };
    expect(await put('alice', doc)).toBe(201);
    const page: Page = {
      url: 'https://news.example/a',
      aliases: [],
      title: 'A',
      byline: '',
      siteName: '',
      publishedTime: '',
      lang: '',
      excerpt: '',
      firstSeen: '2026-01-01T00:00:00.000Z',
      lastSeen: '2026-01-01T00:00:00.000Z',
    };
    expect(await put('alice', { ...pageDoc(page) })).toBe(201);
    expect(await put('bob', { ...doc, note: 'bob was here' })).toBe(201);
  });

  it('refuses a claim whose author is not the writing user, and an edit changing the author', async () => {
    expect(await put('alice', { ...claimDoc(claim(), 'bob') })).toBe(403);
    const doc: Record<string, unknown> = { ...claimDoc(claim(), 'alice') };
    expect(await put('alice', doc)).toBe(201);
    expect(await put('bob', { ...doc, author: 'bob' })).toBe(403);
  });

  it('refuses malformed claims', async () => {
    const good = claimDoc(claim(), 'alice');
    const bad: Record<string, unknown>[] = [
      { ...good, type: 'evil' },
      { ...good, quote: '' },
      { ...good, note: 'x'.repeat(50_001) },
      { ...good, tags: ['ok', 7] },
      { ...good, selectors: [] },
      { ...good, url: 'javascript:alert(1)' },
      { ...good, _id: `claim:${crypto.randomUUID()}` },
      { _id: 'whatever', hello: 'world' },
    ];
    for (const doc of bad)
      expect(await put('alice', doc), JSON.stringify(doc).slice(0, 80)).toBe(403);
  });

  it('lets a member delete, and refuses a design document from a member', async () => {
    const doc: Record<string, unknown> = { ...claimDoc(claim(), 'alice') };
    expect(await put('alice', doc)).toBe(201);
    expect(await put('bob', { _id: doc._id, _rev: doc._rev, _deleted: true })).toBeLessThan(300);
    expect([401, 403]).toContain(
      await put('bob', { _id: '_design/evil', validate_doc_update: 'function(){}' }),
    );
  });
});
