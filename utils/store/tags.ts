/**
 * Tags across the library: how often each is used, rename and merge. Data code over Dexie (no
 * DOM, no browser APIs); used by the options page and the side panel. Tags are stored lower-case
 * (`normalizeTags` in utils/core/model.ts); every rewrite is one transaction, all or nothing.
 */
import type { ClaimmarkDB } from './db';
import type { Annotation } from '../core/model';
import { normalizeTags } from '../core/model';

export interface TagCount {
  tag: string;
  count: number;
}

/** The longest tag the message protocol accepts (utils/protocol/to-background.ts LIMITS.tag). */
export const MAX_TAG_LENGTH = 100;

/**
 * Every tag in use with its number of claims, most used first, then alphabetically. The tags are
 * read from the multiEntry index one per tag (a cursor that skips to the next tag), and each
 * tag's claims counted by IndexedDB itself, one request per tag: a cursor over every tag of every
 * claim (about 200,000 steps at 100,000 claims, each a task of the extension pages' shared main
 * thread) took whole seconds of that thread, and ran again after each burst of a sync's writes.
 */
export async function tagCounts(db: ClaimmarkDB): Promise<TagCount[]> {
  const counts = await db.transaction('r', db.annotations, async () => {
    const tags = await db.annotations.orderBy('tags').uniqueKeys();
    return Promise.all(
      tags.map(async (key) => ({
        tag: String(key),
        count: await db.annotations.where('tags').equals(key).count(),
      })),
    );
  });
  // One read transaction: every tag found has a claim, so no count is 0.
  return counts.sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
}

/**
 * A tag name as typed by a reader, normalized (`#TikTok ` → `tiktok`), or an error to show.
 * Commas separate tags everywhere tags are typed, so a tag cannot hold one.
 */
export function parseTagName(
  input: string,
): { ok: true; tag: string } | { ok: false; error: string } {
  if (input.includes(',')) return { ok: false, error: 'A tag cannot contain a comma.' };
  const tag = normalizeTags([input.trim()])[0];
  if (!tag) return { ok: false, error: 'Enter a tag name.' };
  if (tag.length > MAX_TAG_LENGTH) {
    return { ok: false, error: `A tag has at most ${MAX_TAG_LENGTH} characters.` };
  }
  return { ok: true, tag };
}

/**
 * Replace each of `from` by `into` on every claim that has it, in one transaction, and return
 * how many claims changed. A claim that had several of them (or `into` already) keeps one.
 * Renaming is merging one tag; renaming onto an existing tag merges the two.
 */
export async function mergeTags(
  db: ClaimmarkDB,
  from: readonly string[],
  into: string,
  now: () => string = () => new Date().toISOString(),
): Promise<number> {
  const target = parseTagName(into);
  if (!target.ok) throw new Error(target.error);
  const moving = normalizeTags(from).filter((tag) => tag !== target.tag);
  if (moving.length === 0) return 0;
  return db.transaction('rw', db.annotations, async () => {
    const claims = await db.annotations.where('tags').anyOf(moving).distinct().toArray();
    const time = now();
    const changed: Annotation[] = claims.map((claim) => ({
      ...claim,
      tags: normalizeTags(claim.tags.map((tag) => (moving.includes(tag) ? target.tag : tag))),
      updated: time,
    }));
    await db.annotations.bulkPut(changed);
    return changed.length;
  });
}

/** Rename `from` to `to` on every claim (a merge when `to` is in use already). */
export function renameTag(
  db: ClaimmarkDB,
  from: string,
  to: string,
  now?: () => string,
): Promise<number> {
  return mergeTags(db, [from], to, now);
}

/**
 * Tag colours after a rename or merge (pure): the merged tags' colours go, and `into` keeps its
 * own colour or else takes the first colour among `from`.
 */
export function mergeTagColours(
  colours: Readonly<Record<string, string>>,
  from: readonly string[],
  into: string,
): Record<string, string> {
  const sources = normalizeTags(from).filter((tag) => tag !== into);
  // Own keys only: `colours.constructor` would be Object's.
  const inherited = sources
    .map((tag) => (Object.hasOwn(colours, tag) ? colours[tag] : undefined))
    .find((c) => c !== undefined);
  const kept = Object.entries(colours).filter(([tag]) => !sources.includes(tag));
  const own = kept.some(([tag]) => tag === into);
  // fromEntries, not assignment: a tag may be called `__proto__`.
  return Object.fromEntries(
    own || inherited === undefined ? kept : [...kept, [into, inherited] as const],
  );
}
