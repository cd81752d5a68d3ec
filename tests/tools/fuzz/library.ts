/**
 * What the import fuzzer starts from: a small library like a reader's, the valid files it
 * mutates (real exports of that library and the import fixtures), and putting the library back
 * into a database. Test tooling.
 */
import { readFileSync } from 'node:fs';
import type { ClaimmarkDB } from '../../../utils/store/db';
import { exportDataFor, exportLibrary } from '../../../utils/export/index';
import type { Annotation, ClaimType, Page } from '../../../utils/core/model';
import { CLAIM_TYPES } from '../../../utils/core/model';
import { whenSearchIndexed } from '../../../utils/search/maintain';

export interface Library {
  pages: Page[];
  annotations: Annotation[];
}

export interface FuzzBase {
  name: string;
  text: string;
}

/** The time of the exports (and of W3C annotations without one). */
export const NOW = '2026-01-01T00:00:00.000Z';
const FIXTURES = new URL('../../fixtures/import/', import.meta.url);

/** A small library like a reader's: 4 pages (one with aliases), 24 claims of every type. */
export function fuzzLibrary(): Library {
  const pages: Page[] = [0, 1, 2, 3].map((i) => ({
    url: `https://news.example.com/story/${i}`,
    aliases:
      i === 0 ? ['https://news.example.com/amp/story/0', 'https://m.news.example.com/story/0'] : [],
    title: `Story ${i}: “quotes”, <b>tags</b> & $5`,
    byline: i % 2 ? 'Jane Doe' : '',
    siteName: 'Example News',
    publishedTime: i === 3 ? '' : `2025-0${i + 1}-15T08:00:00.000Z`,
    lang: 'en',
    excerpt: i === 2 ? '' : `Excerpt ${i}`,
    firstSeen: `2025-0${i + 1}-15T09:00:00.000Z`,
    lastSeen: `2025-0${i + 2}-01T09:00:00.000Z`,
  }));
  const annotations: Annotation[] = Array.from({ length: 24 }, (_, i) => {
    const quote =
      i === 7
        ? 'He said “no”, then <script>alert(1)</script>'
        : `Claim ${i}: revenue rose ${i}% to $${i} million`;
    const claim: Annotation = {
      id: `${(0x10000000 + i).toString(16)}-0000-4000-8000-${i.toString().padStart(12, '0')}`,
      url: pages[i % 4]!.url,
      quote,
      selectors: [
        { type: 'TextQuoteSelector', exact: quote, prefix: `before ${i} `, suffix: ` after ${i}` },
        ...(i % 3
          ? [{ type: 'TextPositionSelector' as const, start: 10 * i, end: 10 * i + quote.length }]
          : []),
      ],
      type: CLAIM_TYPES[i % CLAIM_TYPES.length] as ClaimType,
      tags: i % 4 ? [`tag${i % 5}`, 'shared'] : [],
      note: i % 3 ? `Note ${i}\nsecond line` : '',
      created: new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString(),
      updated: new Date(Date.UTC(2025, 0, 2, 0, 0, i)).toISOString(),
    };
    if (i % 2)
      claim.anchor = {
        status: i % 4 === 1 ? 'exact' : 'approximate',
        at: '2025-02-01T00:00:00.000Z',
        ...(i % 4 === 3 ? { text: quote } : {}),
      };
    return claim;
  });
  return { pages, annotations };
}

/**
 * The files to mutate: a backup and a W3C export of `library` as a colleague's newer copy (a
 * third of the claims the database lacks, a few edited later), and the import fixtures.
 */
export async function fuzzBases(library: Library = fuzzLibrary()): Promise<FuzzBase[]> {
  const theirs: Library = {
    pages: library.pages,
    annotations: [
      ...library.annotations.map((a, i) =>
        i % 5 === 0 ? { ...a, note: `${a.note} (edited)`, updated: '2025-06-01T00:00:00.000Z' } : a,
      ),
      ...Array.from(
        { length: 8 },
        (_, i): Annotation => ({
          ...library.annotations[i]!,
          id: `a0000000-0000-4000-8000-${i.toString().padStart(12, '0')}`,
          url: i % 2 ? 'https://new.example.org/article' : library.annotations[i]!.url,
          quote: `New claim ${i}`,
          selectors: [
            { type: 'TextQuoteSelector', exact: `New claim ${i}`, prefix: '', suffix: '' },
          ],
        }),
      ),
    ],
  };
  const settings = { defaultType: 'figure', blockedSites: ['example.org'] };
  const all = exportDataFor('all', { ...theirs, settings }, theirs.annotations);
  const json = await exportLibrary('json', all, { now: new Date(NOW) });
  // W3C as the popup exports search results: those claims and their pages.
  const results = exportDataFor('results', all, theirs.annotations.slice(4));
  const w3c = await exportLibrary('w3c', results, { now: new Date(NOW) });
  const fixtures = ['backup-hostile.json', 'hypothesis-style.jsonld', 'single-annotation.jsonld'];
  return [
    { name: 'backup', text: json.text },
    { name: 'w3c', text: w3c.text },
    ...fixtures.map((name) => ({ name, text: readFileSync(new URL(name, FIXTURES), 'utf8') })),
  ];
}

/** The database without the library: the library put back in one transaction. */
export async function resetLibrary(db: ClaimmarkDB, library: Library): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    for (const table of db.tables) await table.clear();
    await db.pages.bulkAdd(library.pages);
    await db.annotations.bulkAdd(library.annotations);
  });
  await whenSearchIndexed(db);
}
