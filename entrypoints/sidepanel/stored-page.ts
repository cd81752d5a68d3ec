/** The database side of the side panel: the shown page's record and claims, and known tags, live. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { liveQuery } from 'dexie';
import { findPage, type ClaimmarkDB } from '../../utils/store/db';
import type { Annotation, Page } from '../../utils/core/model';
import { tagCounts } from '../../utils/store/tags';
import { whenTablesChange } from '../../utils/store/changes';

export interface StoredPage {
  /** Undefined until the page's first claim is saved. */
  page: Page | undefined;
  annotations: Annotation[];
}

/**
 * The page stored at `pageUrl` (or known by it as an alias) and its claims, kept current through
 * edits made anywhere (here, in the page, the popup, the options). `onChange` runs after each
 * change but the first, so the panel can ask the page again for order and status.
 */
export function useStoredPage(
  db: ClaimmarkDB,
  pageUrl: string | null,
  onChange: () => void,
  onError: (message: string) => void,
): StoredPage | null {
  const [stored, setStored] = useState<StoredPage | null>(null);
  const callbacks = useRef({ onChange, onError });
  callbacks.current = { onChange, onError };
  useEffect(() => {
    setStored(null);
    if (!pageUrl) return;
    let first = true;
    const subscription = liveQuery(async () => {
      const page = await findPage(db, [pageUrl]);
      const annotations = await db.annotations
        .where('url')
        .equals(page?.url ?? pageUrl)
        .toArray();
      return { page, annotations };
    }).subscribe({
      next: (value) => {
        setStored(value);
        if (!first) callbacks.current.onChange();
        first = false;
      },
      error: (error: unknown) =>
        callbacks.current.onError(`Could not read the claims: ${String(error)}`),
    });
    return () => subscription.unsubscribe();
  }, [db, pageUrl]);
  return stored;
}

/** Every tag in use, most used first (the tag field's suggestions). */
export function useKnownTags(db: ClaimmarkDB): string[] {
  const [tags, setTags] = useState<string[]>([]);
  useEffect(() => {
    // Walks every tag: once for a burst of writes (a sync bringing a library in), not per write.
    const read = () => tagCounts(db).then((counts) => setTags(counts.map((c) => c.tag)));
    void read().catch(() => {});
    return whenTablesChange(db, ['annotations'], read);
  }, [db]);
  return tags;
}
