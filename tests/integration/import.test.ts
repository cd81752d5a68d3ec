import { readFileSync } from 'node:fs';
import { Dexie, type DBCore, type Middleware } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type ClaimmarkDB } from '../../utils/store/db';
import { hashId } from '../../utils/export/hash-id';
import { exportLibrary, type ExportFormat } from '../../utils/export/index';
import {
  applyImport,
  ImportError,
  parseImport,
  previewImport,
  readLibrary,
  type ImportOptions,
} from '../../utils/import';
import type { Annotation, ClaimType, Page } from '../../utils/core/model';
import { CLAIM_TYPES } from '../../utils/core/model';
import { demo } from '../support/demo';

const FIXTURES = 'tests/fixtures/import';
const NOW = new Date('2026-01-01T00:00:00.000Z');
const names: string[] = [];

function fresh(configure?: (db: ClaimmarkDB) => void): ClaimmarkDB {
  const name = `import-${crypto.randomUUID()}`;
  names.push(name);
  const db = openDatabase(name);
  configure?.(db);
  return db;
}

afterEach(async () => {
  await Promise.all(names.splice(0).map((name) => Dexie.delete(name)));
});

/** The whole library, in a stable order. */
async function snapshot(db: ClaimmarkDB): Promise<{ pages: Page[]; annotations: Annotation[] }> {
  return {
    pages: await db.pages.orderBy('url').toArray(),
    annotations: await db.annotations.orderBy('id').toArray(),
  };
}

/** A library like a reader's: pages with aliases, claims of every type, tags, notes, anchors. */
function library(claims: number): { pages: Page[]; annotations: Annotation[] } {
  const { pages, annotations } = demo();
  const extraPages: Page[] = Array.from({ length: Math.ceil(claims / 10) }, (_, i) => ({
    ...pages[0]!,
    url: `https://news.example.com/story/${i}`,
    aliases: i % 7 === 0 ? [`https://news.example.com/amp/story/${i}`] : [],
    title: `Story ${i}: “quotes”, <b>tags</b> & $5`,
    excerpt: i % 3 === 0 ? '' : `Excerpt ${i}`,
    firstSeen: new Date(Date.UTC(2024, 0, 1, 0, i)).toISOString(),
    lastSeen: new Date(Date.UTC(2024, 6, 1, 0, i)).toISOString(),
  }));
  const extra: Annotation[] = Array.from({ length: claims }, (_, i) => {
    const quote = `Claim ${i}: revenue rose ${i % 100}% to $${i} million`;
    const base = annotations[i % 2]!;
    const claim: Annotation = {
      ...base,
      id: hashId(`claim ${i}`),
      url: extraPages[i % extraPages.length]!.url,
      quote,
      selectors: [
        { type: 'TextQuoteSelector', exact: quote, prefix: `before ${i} `, suffix: ` after ${i}` },
        ...(i % 5
          ? [{ type: 'TextPositionSelector' as const, start: i, end: i + quote.length }]
          : []),
      ],
      type: CLAIM_TYPES[i % CLAIM_TYPES.length] as ClaimType,
      tags: i % 4 ? [`tag${i % 13}`, 'shared'] : [],
      note: i % 3 ? `Note ${i}\n<script>alert(${i})</script>` : '',
      created: new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString(),
      updated: new Date(Date.UTC(2025, 0, 2, 0, 0, i)).toISOString(),
    };
    if (i % 6 === 0) delete claim.anchor;
    return claim;
  });
  return { pages: [...pages, ...extraPages], annotations: [...annotations, ...extra] };
}

async function fill(db: ClaimmarkDB, data: { pages: Page[]; annotations: Annotation[] }) {
  await db.transaction('rw', db.pages, db.annotations, async () => {
    await db.pages.bulkAdd(data.pages);
    await db.annotations.bulkAdd(data.annotations);
  });
}

async function exported(db: ClaimmarkDB, format: ExportFormat, settings?: Record<string, unknown>) {
  const { pages, annotations } = await snapshot(db);
  return (await exportLibrary(format, { pages, annotations, settings }, { now: NOW })).text;
}

async function importText(db: ClaimmarkDB, text: string, options: ImportOptions = {}) {
  const parsed = await parseImport(text, { now: NOW.toISOString() });
  return applyImport(db, parsed, options);
}

describe('backup and restore', () => {
  it('round trip: export → wipe → import gives an identical database', async () => {
    const source = fresh();
    await fill(source, library(2_000));
    const before = await snapshot(source);
    const settings = { defaultType: 'figure', blockedSites: ['example.org'] };
    const text = await exported(source, 'json', settings);
    await source.delete();

    const restored = fresh();
    const parsed = await parseImport(text);
    const preview = await previewImport(restored, parsed);
    expect(preview.annotations).toEqual({
      new: before.annotations.length,
      updated: 0,
      unchanged: 0,
      kept: 0,
      rejected: 0,
    });
    expect(await restored.annotations.count()).toBe(0); // the dry run wrote nothing
    const summary = await applyImport(restored, parsed);
    expect(summary.annotations.new).toBe(before.annotations.length);
    expect(summary.pages.new).toBe(before.pages.length);
    expect(summary.settings).toEqual(settings);
    expect(await snapshot(restored)).toEqual(before);
    // Derived search keys are rebuilt by the database on write (schema v3 and later).
    if (restored.annotations.schema.idxByName.terms) {
      const indexed = await restored.annotations.where('terms').above('').primaryKeys();
      expect(new Set(indexed).size).toBe(before.annotations.length);
    }
  }, 60_000);

  it('importing the same file twice changes nothing the second time', async () => {
    const db = fresh();
    const text = JSON.stringify(
      JSON.parse(
        await (async () => {
          const source = fresh();
          await fill(source, library(300));
          return exported(source, 'json');
        })(),
      ),
    );
    await importText(db, text);
    const once = await snapshot(db);
    const again = await importText(db, text);
    expect(again.annotations).toMatchObject({
      new: 0,
      updated: 0,
      kept: 0,
      unchanged: once.annotations.length,
    });
    expect(again.pages).toMatchObject({ new: 0, updated: 0 });
    expect(await snapshot(db)).toEqual(once);
  });

  it('keeps newer edits of the library and takes newer ones from the file', async () => {
    const db = fresh();
    await fill(db, library(20));
    const text = await exported(db, 'json');
    const [first, second] = await db.annotations.orderBy('id').limit(2).toArray();
    await db.annotations.update(first!.id, {
      note: 'edited after the backup',
      updated: '2030-01-01T00:00:00.000Z',
    });
    await db.annotations.update(second!.id, {
      note: 'older than the backup',
      updated: '2000-01-01T00:00:00.000Z',
    });
    const summary = await importText(db, text);
    expect(summary.annotations).toMatchObject({ updated: 1, kept: 1 });
    expect((await db.annotations.get(first!.id))!.note).toBe('edited after the backup');
    expect((await db.annotations.get(second!.id))!.note).toBe(second!.note);
    await importText(db, text, { conflict: 'replace' });
    expect((await db.annotations.get(first!.id))!.note).toBe(first!.note);
  });

  it('leaves the database as it was when a file is refused', async () => {
    const db = fresh();
    await fill(db, library(50));
    const before = await snapshot(db);
    const good = await exported(db, 'json');
    const refused = [
      good.slice(0, good.length - 200), // cut off
      readFileSync(`${FIXTURES}/backup-newer-version.json`, 'utf8'),
      good.replace('"version": 1', '"version": "one"'),
      '{"not":"a backup"}',
      'not json at all',
    ];
    for (const text of refused) {
      await expect(importText(db, text)).rejects.toBeInstanceOf(ImportError);
      expect(await snapshot(db)).toEqual(before);
    }
  });

  it('is all or nothing: a write that fails halfway leaves nothing behind', async () => {
    let writes = 0;
    const failing: Middleware<DBCore> = {
      stack: 'dbcore',
      name: 'FailSecondWrite',
      create: (down) => ({
        ...down,
        table: (name) => {
          const table = down.table(name);
          return {
            ...table,
            mutate: (request) =>
              name === 'annotations' && ++writes === 2
                ? Promise.reject(new Error('QuotaExceededError (simulated)'))
                : table.mutate(request),
          };
        },
      }),
    };
    const source = fresh();
    await fill(source, library(500));
    const text = await exported(source, 'json');
    const db = fresh((d) => d.use(failing));
    await fill(db, { pages: [], annotations: [] });
    writes = 0;
    await expect(importText(db, text, { chunkSize: 100 })).rejects.toThrow(/QuotaExceeded/);
    expect(writes).toBe(2);
    expect(await snapshot(db)).toEqual({ pages: [], annotations: [] });
  });

  it('imports the valid records of a hostile backup and nothing else', async () => {
    const db = fresh();
    const summary = await importText(db, readFileSync(`${FIXTURES}/backup-hostile.json`, 'utf8'));
    expect(summary.annotations).toMatchObject({ new: 5, rejected: 9 });
    expect(summary.pages).toMatchObject({ new: 3, rejected: 3 }); // a, d, and b made for claim 9
    const { annotations, pages } = await snapshot(db);
    expect(annotations.map((a) => a.note)).toContain('<script>alert(1)</script>');
    expect(pages.map((p) => p.url)).toEqual([
      'https://example.com/a',
      'https://example.com/b',
      'https://example.com/d',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(annotations.every((a) => !Object.hasOwn(a, '__proto__'))).toBe(true);
  });

  it('reports progress through every phase', async () => {
    const source = fresh();
    await fill(source, library(300));
    const text = await exported(source, 'json');
    const phases = new Set<string>();
    const parsed = await parseImport(text, {
      sliceMs: 0,
      onProgress: (p) => void phases.add(p.phase),
    });
    await applyImport(fresh(), parsed, {
      chunkSize: 50,
      onProgress: (p) => void phases.add(p.phase),
    });
    expect([...phases]).toEqual(['read', 'check', 'plan', 'write']);
  });
});

describe('readLibrary', () => {
  it('reads every page and claim in chunks, the same as one read', async () => {
    const db = fresh();
    await fill(db, library(1_234));
    const phases: number[] = [];
    const read = await readLibrary(db, {
      chunkSize: 100,
      onProgress: (p) => void phases.push(p.done),
    });
    const all = await snapshot(db);
    expect(read.pages).toEqual(all.pages);
    expect(read.annotations).toEqual(all.annotations);
    expect(phases.at(-1)).toBe(all.pages.length + all.annotations.length);
    expect(phases.length).toBeGreaterThan(12);
    expect(await readLibrary(fresh())).toEqual({ pages: [], annotations: [] });
  });
});

describe('W3C Web Annotations', () => {
  it('imports a Hypothesis-style file: new pages from sources, claims on known pages', async () => {
    const db = fresh();
    const known: Page = {
      ...demo().pages[0]!,
      url: 'https://influencermarketinghub.com/tiktok-cracks-down-us-ecommerce-team/',
    };
    await fill(db, { pages: [known], annotations: [] });
    const text = readFileSync(`${FIXTURES}/hypothesis-style.jsonld`, 'utf8');
    const summary = await importText(db, text);
    expect(summary.annotations).toMatchObject({ new: 5, rejected: 3 });
    expect(summary.pages).toMatchObject({ new: 2, unchanged: 1 });
    expect(await db.pages.get(known.url)).toEqual(known);
    const onKnown = await db.annotations.where('url').equals(known.url).toArray();
    expect(onKnown.map((a) => a.quote)).toEqual(['$17 billion']);
    expect((await db.pages.get('https://www.example.net/report.html'))!.title).toBe(
      'Quarterly Report',
    );
    const once = await snapshot(db);
    const again = await importText(db, text);
    expect(again.annotations).toMatchObject({ new: 0, updated: 0, unchanged: 5 });
    expect(await snapshot(db)).toEqual(once);
  });

  it("round trip through Claimmark's own W3C export keeps every claim (not page metadata)", async () => {
    const source = fresh();
    await fill(source, library(200));
    const before = await snapshot(source);
    const text = await exported(source, 'w3c');
    const db = fresh();
    const summary = await importText(db, text);
    expect(summary.annotations.new).toBe(before.annotations.length);
    const after = await snapshot(db);
    const content = ({ anchor: _a, ...rest }: Annotation) => rest;
    expect(after.annotations).toEqual(before.annotations.map(content));
    // Re-importing it onto the original library changes nothing.
    const again = await importText(source, text);
    expect(again.annotations).toMatchObject({ new: 0, updated: 0 });
    expect(await snapshot(source)).toEqual(before);
  });

  it('attaches a claim to a page known by an alias of its source', async () => {
    const db = fresh();
    const page: Page = {
      ...demo().pages[0]!,
      url: 'https://news.example.com/a?id=7',
      aliases: [],
    };
    const moved: Page = { ...page, url: 'https://news.example.com/moved', aliases: [page.url] };
    await fill(db, { pages: [moved], annotations: [] });
    await importText(db, readFileSync(`${FIXTURES}/single-annotation.jsonld`, 'utf8'));
    const [claim] = await db.annotations.toArray();
    expect(claim!.url).toBe('https://news.example.com/moved');
    expect(await db.pages.count()).toBe(1);
  });
});
