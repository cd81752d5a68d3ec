/**
 * Import into the database: `previewImport` (the dry run: what would happen, nothing written) and
 * `applyImport` (all of it in one read-write transaction over every table, or — on any error —
 * nothing). Data code: Dexie, no DOM.
 *
 * The import re-reads the library and recomputes the plan inside its transaction, so what it
 * writes is consistent with what is stored at that moment even if the library changed since the
 * dry run. It works in chunks — read the stored claims of a chunk of ids, plan them, put them —
 * and between chunks the transaction waits on IndexedDB, which lets the page render; progress is
 * reported after each chunk. Derived fields (e.g. a search
 * index) are not in the records: the database's hooks compute them on write.
 */
import type { ClaimmarkDB } from '../store/db';
import type { WorkOptions } from '../export/work';
import type { Annotation } from '../core/model';
import type { PageView } from './plan';
import { createPlanner, urlsOf } from './plan';
import type { ConflictPolicy, ImportSummary, ParsedImport } from './types';

export interface ImportOptions extends Pick<WorkOptions, 'onProgress'> {
  /** What to do with a claim stored with other data (default 'newer', see types.ts). */
  conflict?: ConflictPolicy;
  /** Records per bulk read / write (default 250: with the search index's write hook, a chunk
   * of 250 claims keeps each task near 60 ms in Chromium; 1,000 make 250 ms tasks). */
  chunkSize?: number;
}

/** The dry run: what importing `parsed` would do now. Reads only. */
export async function previewImport(
  db: ClaimmarkDB,
  parsed: ParsedImport,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  return db.transaction('r', db.pages, db.annotations, () => run(db, parsed, options, false));
}

/**
 * Import `parsed`: one transaction, all or nothing. Returns what it did (the same shape as the
 * dry run). Settings in the summary are for the caller to store after this resolves.
 */
export async function applyImport(
  db: ClaimmarkDB,
  parsed: ParsedImport,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  return db.transaction('rw', db.tables, () => run(db, parsed, options, true));
}

/**
 * Read the stored pages the file names, then, chunk by chunk, the stored claims with the file's
 * ids — planning each chunk and (when writing) putting its claims — then put the pages.
 */
async function run(
  db: ClaimmarkDB,
  parsed: ParsedImport,
  options: ImportOptions,
  writing: boolean,
): Promise<ImportSummary> {
  const size = options.chunkSize ?? 250;
  const urls = urlsOf(parsed);
  const total = urls.length + parsed.annotations.length;
  const report = (done: number, phase: 'plan' | 'write' = writing ? 'write' : 'plan') =>
    options.onProgress?.({ phase, done, total });
  const view: PageView = { pages: new Map(), aliasOwners: new Map() };
  let done = 0;
  for (let i = 0; i < urls.length; i += size) {
    const chunk = urls.slice(i, i + size);
    const found = await db.pages.bulkGet(chunk);
    const missing = new Set<string>();
    found.forEach((page, j) => {
      if (page) view.pages.set(page.url, page);
      else missing.add(chunk[j]!);
    });
    if (missing.size > 0) {
      const owners = await db.pages
        .where('aliases')
        .anyOf([...missing])
        .toArray();
      for (const page of owners) {
        view.pages.set(page.url, page);
        for (const alias of page.aliases)
          if (missing.has(alias)) view.aliasOwners.set(alias, page.url);
      }
    }
    done += chunk.length;
    report(done, 'plan');
  }
  const planner = createPlanner(parsed, view, options.conflict);
  for (let i = 0; i < parsed.annotations.length; i += size) {
    const chunk = parsed.annotations.slice(i, i + size);
    const found = await db.annotations.bulkGet(chunk.map((a) => a.id));
    const stored = new Map<string, Annotation>();
    for (const a of found) if (a) stored.set(a.id, a);
    const toPut = planner.annotations(chunk, stored);
    if (writing && toPut.length > 0) await db.annotations.bulkPut(toPut);
    done += chunk.length;
    report(done);
  }
  const { pages, summary } = planner.finish();
  if (writing) {
    for (let i = 0; i < pages.length; i += size) {
      await db.pages.bulkPut(pages.slice(i, i + size));
    }
  }
  report(total);
  return summary;
}
