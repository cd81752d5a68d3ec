/**
 * The background's message handlers, built over a database: `createHandlers(db)`.
 * Data code: Dexie yes, DOM no. Every write is one transaction over the tables it touches.
 */
import type { ClaimmarkDB } from './db';
import { findPage } from './db';
import type { Annotation, Page, PageMetadata } from '../core/model';
import { collapseWhitespace, EMPTY_METADATA, normalizeTags } from '../core/model';
import type { Protocol } from '../protocol/to-background';
import { BACKGROUND_VALIDATORS } from '../protocol/to-background';
import { serveMessage, type Handlers, type Result } from '../protocol/rpc';

export function createHandlers(
  db: ClaimmarkDB,
  now: () => string = () => new Date().toISOString(),
): Handlers<Protocol> {
  async function touchPage(
    url: string,
    metadata: PageMetadata | undefined,
    aliases: readonly string[],
    time: string,
  ): Promise<void> {
    const existing = await db.pages.get(url);
    if (existing) {
      const update: Partial<Page> = { lastSeen: time };
      const merged = mergeAliases(existing, aliases);
      if (merged) update.aliases = merged;
      // Fill fields the page did not have yet; never overwrite what the reader may have edited.
      if (metadata) {
        for (const key of Object.keys(EMPTY_METADATA) as (keyof PageMetadata)[]) {
          if (!existing[key] && metadata[key]) update[key] = metadata[key];
        }
      }
      await db.pages.update(url, update);
    } else {
      await db.pages.add({
        url,
        aliases: mergeAliases({ url, aliases: [] }, aliases) ?? [],
        ...EMPTY_METADATA,
        ...metadata,
        firstSeen: time,
        lastSeen: time,
      });
    }
  }

  return {
    async 'page:load'({ url, aliases }) {
      const candidates = [url, ...aliases];
      const found = await db.transaction('r', db.pages, db.annotations, async () => {
        const page = await findPage(db, candidates);
        const annotations = await db.annotations
          .where('url')
          .equals(page?.url ?? url)
          .toArray();
        return { page: page ?? null, annotations };
      });
      // A page met under a new URL learns it (rare: a write only when something is new).
      const merged = found.page ? mergeAliases(found.page, candidates) : undefined;
      if (found.page && merged) {
        await db.pages.update(found.page.url, { aliases: merged });
        found.page = { ...found.page, aliases: merged };
      }
      return found;
    },

    async 'annotation:save'({ annotation, metadata, aliases = [] }) {
      const time = now();
      return db.transaction('rw', db.pages, db.annotations, async () => {
        // Idempotent by id: a retried save returns the stored claim unchanged.
        const existing = await db.annotations.get(annotation.id);
        if (existing) return existing;
        const stored: Annotation = {
          ...annotation,
          quote: collapseWhitespace(annotation.quote),
          tags: normalizeTags(annotation.tags),
          created: time,
          updated: time,
        };
        await touchPage(annotation.url, metadata, aliases, time);
        await db.annotations.add(stored);
        return stored;
      });
    },

    async 'annotation:update'({ id, patch }) {
      return db.transaction('rw', db.annotations, async () => {
        const existing = await db.annotations.get(id);
        if (!existing) throw new Error('no claim with this id');
        const updated: Annotation = {
          ...existing,
          ...(patch.type ? { type: patch.type } : {}),
          ...(patch.tags ? { tags: normalizeTags(patch.tags) } : {}),
          ...(patch.note !== undefined ? { note: patch.note } : {}),
          updated: now(),
        };
        if (patch.resolveOtherNotes) delete updated.otherNotes;
        await db.annotations.put(updated);
        return updated;
      });
    },

    async 'annotation:reanchor'({ id, quote, selectors, reason, pdfPage }) {
      return db.transaction('rw', db.annotations, async () => {
        const existing = await db.annotations.get(id);
        if (!existing) throw new Error('no claim with this id');
        const time = now();
        const text = collapseWhitespace(quote);
        if (!text) throw new Error('the new words hold no text');
        const updated: Annotation = {
          ...existing,
          quote: text,
          selectors,
          ...(pdfPage ? { pdfPage } : {}),
          anchor: { status: 'exact', at: time },
          updated: time,
          ...(reason === 'reattach' ? { reattached: { at: time, quote: existing.quote } } : {}),
        };
        await db.annotations.put(updated);
        return updated;
      });
    },

    async 'annotations:anchored'({ results }) {
      const time = now();
      return db.transaction('rw', db.annotations, async () => {
        const stored = await db.annotations.bulkGet(results.map((r) => r.id));
        const changed: Annotation[] = [];
        results.forEach((result, i) => {
          const annotation = stored[i];
          if (!annotation) return;
          const text = result.status === 'approximate' ? result.text : undefined;
          const last = annotation.anchor;
          if (last && last.status === result.status && last.text === text) return;
          changed.push({
            ...annotation,
            anchor:
              text === undefined
                ? { status: result.status, at: time }
                : { status: result.status, at: time, text },
          });
        });
        await db.annotations.bulkPut(changed);
        return { changed: changed.length };
      });
    },

    async 'annotation:restore'({ annotation }) {
      return db.transaction('rw', db.pages, db.annotations, async () => {
        const existing = await db.annotations.get(annotation.id);
        if (existing) return existing;
        await touchPage(annotation.url, undefined, [], now());
        await db.annotations.add({ ...annotation, tags: normalizeTags(annotation.tags) });
        return annotation;
      });
    },

    async 'tags:list'() {
      const counts = new Map<string, number>();
      await db.annotations.orderBy('tags').eachKey((key) => {
        const tag = String(key);
        counts.set(tag, (counts.get(tag) ?? 0) + 1);
      });
      const tags = [...counts]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([t]) => t);
      return { tags: tags.slice(0, 500) };
    },

    async 'annotation:delete'({ id }) {
      const count = await db.annotations.where('id').equals(id).delete();
      return { deleted: count > 0 };
    },
  };
}

/** The page's aliases with `urls` added (never its own URL), or undefined when nothing is new. */
function mergeAliases(
  page: Pick<Page, 'url' | 'aliases'>,
  urls: readonly string[],
): string[] | undefined {
  const fresh = urls.filter(
    (u, i) => u !== page.url && !page.aliases.includes(u) && urls.indexOf(u) === i,
  );
  return fresh.length > 0 ? [...page.aliases, ...fresh] : undefined;
}

/**
 * The browser followed a redirect `from` → `to` for a top-level page: if `from` is a page with
 * claims (or one of its aliases), `to` becomes an alias, so the claims follow the page.
 */
export async function recordRedirect(db: ClaimmarkDB, from: string, to: string): Promise<boolean> {
  if (from === to) return false;
  return db.transaction('rw', db.pages, async () => {
    const page = await findPage(db, [from]);
    const merged = page ? mergeAliases(page, [to]) : undefined;
    if (!page || !merged) return false;
    await db.pages.update(page.url, { aliases: merged });
    return true;
  });
}

/** Validate an untrusted message and run its handler (utils/protocol/rpc.ts); failures as data. */
export function dispatch(handlers: Handlers<Protocol>, message: unknown): Promise<Result<unknown>> {
  return serveMessage(BACKGROUND_VALIDATORS, handlers, message);
}
