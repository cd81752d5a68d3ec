import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type ClaimmarkDB } from '../../utils/store/db';
import type { Annotation, Page } from '../../utils/core/model';
import { updatePageMetadata } from '../../utils/store/page-edit';
import { mergeTags, renameTag, tagCounts } from '../../utils/store/tags';

const URL_A = 'https://example.com/story';
const T0 = '2026-01-01T00:00:00.000Z';
const T1 = '2026-02-01T00:00:00.000Z';

function claim(n: number, tags: string[]): Annotation {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    url: URL_A,
    quote: `quote ${n}`,
    selectors: [{ type: 'TextQuoteSelector', exact: `quote ${n}`, prefix: '', suffix: '' }],
    type: 'claim',
    tags,
    note: '',
    created: T0,
    updated: T0,
  };
}

const PAGE: Page = {
  url: URL_A,
  aliases: [],
  title: 'Story',
  byline: 'Ann',
  siteName: 'Example',
  publishedTime: '2025-03-05T09:12:00+00:00',
  lang: 'en',
  excerpt: 'An excerpt',
  firstSeen: T0,
  lastSeen: T0,
};

let db: ClaimmarkDB;

beforeEach(async () => {
  db = openDatabase(`test-${crypto.randomUUID()}`);
  await db.pages.add(PAGE);
  await db.annotations.bulkAdd([
    claim(1, ['tiktok', 'gmv']),
    claim(2, ['tiktok']),
    claim(3, ['bytedance', 'tiktok']),
    claim(4, ['gmv']),
    claim(5, []),
  ]);
});

afterEach(async () => {
  await db.delete();
});

const tagsOf = async () =>
  Object.fromEntries((await db.annotations.toArray()).map((a) => [a.quote, a.tags]));

describe('tags in the library', () => {
  it('are counted, most used first', async () => {
    expect(await tagCounts(db)).toEqual([
      { tag: 'tiktok', count: 3 },
      { tag: 'gmv', count: 2 },
      { tag: 'bytedance', count: 1 },
    ]);
  });

  it('are renamed on every claim that has them, stamping the claims updated', async () => {
    expect(await renameTag(db, 'GMV', ' #Sales ', () => T1)).toBe(2);
    expect(await tagsOf()).toEqual({
      'quote 1': ['tiktok', 'sales'],
      'quote 2': ['tiktok'],
      'quote 3': ['bytedance', 'tiktok'],
      'quote 4': ['sales'],
      'quote 5': [],
    });
    expect((await db.annotations.get(claim(4, []).id))?.updated).toBe(T1);
    expect((await db.annotations.get(claim(2, []).id))?.updated).toBe(T0);
    // The multiEntry index follows: the old tag finds nothing, the new one both claims.
    expect(await db.annotations.where('tags').equals('gmv').count()).toBe(0);
    expect(await db.annotations.where('tags').equals('sales').count()).toBe(2);
  });

  it('merge into one tag, a claim that had several keeping it once', async () => {
    expect(await mergeTags(db, ['tiktok', 'bytedance'], 'bytedance', () => T1)).toBe(3);
    expect(await tagsOf()).toEqual({
      'quote 1': ['bytedance', 'gmv'],
      'quote 2': ['bytedance'],
      'quote 3': ['bytedance'],
      'quote 4': ['gmv'],
      'quote 5': [],
    });
    expect(await tagCounts(db)).toEqual([
      { tag: 'bytedance', count: 3 },
      { tag: 'gmv', count: 2 },
    ]);
  });

  it('change nothing for a rename onto itself or of an unknown tag', async () => {
    const before = await db.annotations.toArray();
    expect(await renameTag(db, 'tiktok', 'TikTok')).toBe(0);
    expect(await renameTag(db, 'nothing', 'else')).toBe(0);
    expect(await db.annotations.toArray()).toEqual(before);
  });

  it('refuse an invalid target and write nothing', async () => {
    const before = await db.annotations.toArray();
    await expect(renameTag(db, 'tiktok', 'a, b')).rejects.toThrow('comma');
    await expect(mergeTags(db, ['tiktok', 'gmv'], '  ')).rejects.toThrow('Enter a tag name');
    expect(await db.annotations.toArray()).toEqual(before);
  });

  it('roll back entirely when the write fails half way', async () => {
    const before = await db.annotations.toArray();
    // The third claim cannot be written: the two before it must not stay changed either.
    db.annotations.hook('updating', (_changes, key) => {
      if (key === claim(3, []).id) throw new Error('disk full');
    });
    await expect(mergeTags(db, ['tiktok'], 'x')).rejects.toThrow('disk full');
    expect(await db.annotations.toArray()).toEqual(before);
  });
});

describe('page metadata edits', () => {
  it('store the edited fields and keep the rest', async () => {
    const edit = { title: 'Better', byline: '', siteName: 'Ex', publishedTime: '2025-03-06' };
    const page = await updatePageMetadata(db, URL_A, edit);
    expect(page).toEqual({ ...PAGE, ...edit });
    expect(await db.pages.get(URL_A)).toEqual({ ...PAGE, ...edit });
  });

  it('refuse a page that is not stored', async () => {
    await expect(
      updatePageMetadata(db, 'https://example.com/other', {
        title: '',
        byline: '',
        siteName: '',
        publishedTime: '',
      }),
    ).rejects.toThrow('no saved claims');
    expect(await db.pages.count()).toBe(1);
  });
});
