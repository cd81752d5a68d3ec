/**
 * The background's in-memory "may this page have claims?" (utils/store/site-index.ts): built from
 * the stored pages and their aliases, kept current by Dexie's live queries after each write.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type ClaimmarkDB } from '../../utils/store/db';
import { createSiteIndex, type SiteIndex } from '../../utils/store/site-index';
import { recordRedirect } from '../../utils/store/handlers';
import { storedPage } from '../support/records';

let db: ClaimmarkDB;
let index: SiteIndex | undefined;

beforeEach(() => {
  db = openDatabase(`site-index-${crypto.randomUUID()}`);
});
afterEach(async () => {
  index?.stop();
  index = undefined;
  db.close();
  await db.delete();
});

describe('the site index', () => {
  it('knows the sites of the stored pages once built, and nothing else', async () => {
    await db.pages.bulkPut([
      storedPage('https://www.example.com/story', ['https://amp.example.com/story']),
      storedPage('https://news.test/a'),
    ]);
    index = createSiteIndex(db);
    await index.ready;
    // The same site as the canonical rule sees it: www., m., amp., mobile. dropped.
    expect(index.has('https://example.com/other')).toBe(true);
    expect(index.has('https://m.example.com/never-seen?x=1')).toBe(true);
    expect(index.has('http://news.test/b')).toBe(true);
    // Another site, a subdomain that is a site of its own, non-http(s) pages.
    expect(index.has('https://example.org/story')).toBe(false);
    expect(index.has('https://blog.example.com/story')).toBe(false);
    expect(index.has('chrome://settings')).toBe(false);
    expect(index.has('not a url')).toBe(false);
  });

  it('is empty for an empty library', async () => {
    index = createSiteIndex(db);
    await index.ready;
    expect(index.has('https://example.com/')).toBe(false);
  });

  it('follows writes: a new page, a redirect alias on another site', async () => {
    index = createSiteIndex(db);
    await index.ready;
    const added: string[] = [];
    index.onAdded((sites) => added.push(...sites));
    await db.pages.put(storedPage('https://example.com/story'));
    await expect.poll(() => index!.has('https://example.com/next')).toBe(true);
    expect(index.has('https://moved.test/story')).toBe(false);
    await recordRedirect(db, 'https://example.com/story', 'https://moved.test/story');
    await expect.poll(() => index!.has('https://moved.test/anything')).toBe(true);
    expect(added).toEqual(['example.com', 'moved.test']);
  });

  it('answers yes to everything when the database cannot be read', async () => {
    const refused = () => Promise.reject(new Error('Claimmark was updated'));
    const broken = {
      pages: {
        toCollection: () => ({ primaryKeys: refused }),
        orderBy: () => ({ uniqueKeys: refused }),
      },
    } as unknown as ClaimmarkDB;
    index = createSiteIndex(broken);
    await index.ready;
    expect(index.has('https://anywhere.test/')).toBe(true);
    expect(index.has('about:blank')).toBe(false);
  });
});
