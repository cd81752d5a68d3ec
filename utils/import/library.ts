/**
 * Reading the whole library for an export without blocking the page: claims and pages in
 * primary-key chunks (one `toArray()` of 100,000 claims blocks Chromium's main thread for over
 * a second; chunks of 2,000 keep each task short). Data code: Dexie, no DOM.
 */
import type { ClaimmarkDB } from '../store/db';
import type { WorkOptions } from '../export/work';
import type { Annotation, Page } from '../core/model';

export interface ReadLibraryOptions extends Pick<WorkOptions, 'onProgress'> {
  /** Records per read (default 2,000). */
  chunkSize?: number;
}

/** Every page and claim, in one read transaction (a consistent snapshot), read in chunks. */
export async function readLibrary(
  db: ClaimmarkDB,
  options: ReadLibraryOptions = {},
): Promise<{ pages: Page[]; annotations: Annotation[] }> {
  const size = options.chunkSize ?? 2_000;
  return db.transaction('r', db.pages, db.annotations, async () => {
    const total = (await db.pages.count()) + (await db.annotations.count());
    let done = 0;
    const pages: Page[] = [];
    const annotations: Annotation[] = [];
    for (let last: string | undefined; ; ) {
      const chunk = await (
        last === undefined ? db.pages.orderBy(':id') : db.pages.where(':id').above(last)
      )
        .limit(size)
        .toArray();
      pages.push(...chunk);
      done += chunk.length;
      options.onProgress?.({ phase: 'read', done, total });
      if (chunk.length < size) break;
      last = chunk[chunk.length - 1]!.url;
    }
    for (let last: string | undefined; ; ) {
      const chunk = await (
        last === undefined ? db.annotations.orderBy(':id') : db.annotations.where(':id').above(last)
      )
        .limit(size)
        .toArray();
      for (const a of chunk) annotations.push(a);
      done += chunk.length;
      options.onProgress?.({ phase: 'read', done, total });
      if (chunk.length < size) break;
      last = chunk[chunk.length - 1]!.id;
    }
    return { pages, annotations };
  });
}
