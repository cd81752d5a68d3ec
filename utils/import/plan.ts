/**
 * The import plan: given a parsed file and the part of the library it touches, which records are
 * new, which change, which stay — and the records to write. Pure, so the dry run and the import
 * compute exactly the same thing (the import recomputes it inside its transaction).
 *
 * Pages: a file page is matched to a stored page by its URL or any alias (the stored page's
 * URL wins and learns the others as aliases); a stored page is only completed — empty metadata
 * filled, aliases added, first/last seen widened (backups only) — never overwritten. A claim
 * whose page is neither in the file nor stored gets a page made from its URL.
 *
 * Claims: matched by id. Same data → unchanged. Otherwise the conflict policy decides (types.ts);
 * with 'newer', the file's copy wins when edited later (`updated`), or, edited at the same time,
 * when it was anchored later. W3C annotations carry no anchoring state and may lack times: they
 * are compared by content (page, quote, selectors, type, tags, note), and a stored claim keeps
 * its anchoring state when its selectors do not change. So importing a file twice changes
 * nothing the second time.
 */
import type { Annotation, Page, PageMetadata } from '../core/model';
import { EMPTY_METADATA } from '../core/model';
import { cleanAnnotation, cleanPage, sameAnnotation, samePage } from '../export/records';
import type { ConflictPolicy, ImportSummary, ParsedImport } from './types';

export interface PageView {
  /** Stored pages by URL: at least those named by the file (directly or through an alias). */
  pages: Map<string, Page>;
  /** URL → URL of the stored page that has it as an alias. */
  aliasOwners: Map<string, string>;
}

export interface LibraryView extends PageView {
  /** Stored claims by id: at least those with ids in the file. */
  annotations: Map<string, Annotation>;
}

export interface ImportPlan {
  summary: ImportSummary;
  /** Pages to put (new and completed). */
  pages: Page[];
  /** Claims to put (new and updated). */
  annotations: Annotation[];
}

/**
 * The plan made in steps, so a large import can interleave it with database reads and writes:
 * `annotations(chunk, stored)` for each chunk of the file's claims (with the stored claims of
 * those ids) gives the claims to put; `finish()` the pages to put and the summary.
 */
export interface Planner {
  annotations(chunk: readonly Annotation[], stored: ReadonlyMap<string, Annotation>): Annotation[];
  finish(): { pages: Page[]; summary: ImportSummary };
}

const METADATA_KEYS: readonly (keyof PageMetadata)[] = [
  'title',
  'byline',
  'siteName',
  'publishedTime',
  'lang',
  'excerpt',
];

/** Every URL the plan may look up in the library: pages, their aliases, the claims' pages. */
export function urlsOf(parsed: ParsedImport): string[] {
  const urls = new Set<string>();
  for (const p of parsed.pages) {
    urls.add(p.url);
    for (const alias of p.aliases) urls.add(alias);
  }
  for (const a of parsed.annotations) urls.add(a.url);
  return [...urls];
}

/** The whole plan at once (the dry run and the import use the same steps, see Planner). */
export function planImport(
  parsed: ParsedImport,
  library: LibraryView,
  conflict: ConflictPolicy = 'newer',
): ImportPlan {
  const planner = createPlanner(parsed, library, conflict);
  const annotations = planner.annotations(parsed.annotations, library.annotations);
  const { pages, summary } = planner.finish();
  return { summary, pages, annotations };
}

export function createPlanner(
  parsed: ParsedImport,
  library: PageView,
  conflict: ConflictPolicy = 'newer',
): Planner {
  const fromBackup = parsed.format === 'claimmark-backup';
  const resolve = (url: string): string | undefined =>
    library.pages.has(url) ? url : library.aliasOwners.get(url);

  // Pages: the file's, merged into what is stored.
  const working = new Map<string, Page>();
  const fileTarget = new Map<string, string>();
  for (const page of parsed.pages) {
    const target = resolve(page.url) ?? page.aliases.map(resolve).find((u) => u !== undefined);
    const base = target
      ? (working.get(target) ?? library.pages.get(target))
      : working.get(page.url);
    const url = target ?? page.url;
    working.set(url, base ? mergePage(base, page, fromBackup) : cleanPage(page));
    fileTarget.set(page.url, url);
  }

  const counts = { new: 0, updated: 0, unchanged: 0, kept: 0 };
  const stubs = new Set<string>();

  return {
    annotations(chunk, stored) {
      const toPut: Annotation[] = [];
      for (const incoming of chunk) {
        const url = fileTarget.get(incoming.url) ?? resolve(incoming.url) ?? incoming.url;
        if (stubs.has(url)) {
          working.set(url, mergePage(working.get(url)!, stubPage(url, incoming), true));
        } else if (!working.has(url) && !library.pages.has(url)) {
          working.set(url, stubPage(url, incoming));
          stubs.add(url);
        }
        const clean = cleanAnnotation(incoming);
        const record = url === incoming.url ? clean : { ...clean, url };
        const existing = stored.get(record.id);
        if (!existing) {
          counts.new++;
          toPut.push(record);
          continue;
        }
        const same = fromBackup ? sameAnnotation(existing, record) : sameContent(existing, record);
        if (same) {
          counts.unchanged++;
        } else if (!takeIncoming(existing, record, conflict)) {
          counts.kept++;
        } else {
          counts.updated++;
          toPut.push(fromBackup ? record : keepAnchor(existing, record));
        }
      }
      return toPut;
    },

    finish() {
      // Page counts: each page the file names (or a claim needs), once.
      const pageCounts = { new: 0, updated: 0, unchanged: 0 };
      const pages: Page[] = [];
      for (const [url, page] of working) {
        const stored = library.pages.get(url);
        if (!stored) {
          pageCounts.new++;
          pages.push(page);
        } else if (samePage(stored, page)) {
          pageCounts.unchanged++;
        } else {
          pageCounts.updated++;
          pages.push(page);
        }
      }
      let rejectedPages = 0;
      let rejectedClaims = 0;
      for (const r of parsed.rejections) {
        if (r.kind === 'page') rejectedPages++;
        else if (r.kind === 'annotation') rejectedClaims++;
      }
      const summary: ImportSummary = {
        format: parsed.format,
        version: parsed.version,
        annotations: { ...counts, rejected: rejectedClaims },
        pages: { ...pageCounts, rejected: rejectedPages },
        ...(parsed.settings ? { settings: parsed.settings } : {}),
        rejections: parsed.rejections,
        warnings: parsed.warnings,
        ...(parsed.leftOut?.length ? { leftOut: parsed.leftOut } : {}),
      };
      return { pages, summary };
    },
  };
}

/** A stored page completed by a file's: empty metadata filled, aliases added, times widened. */
export function mergePage(base: Page, incoming: Page, widenTimes: boolean): Page {
  const out = cleanPage(base);
  for (const key of METADATA_KEYS) {
    if (!out[key] && incoming[key]) out[key] = incoming[key];
  }
  for (const url of [incoming.url, ...incoming.aliases]) {
    if (url !== out.url && !out.aliases.includes(url)) out.aliases.push(url);
  }
  if (widenTimes) {
    if (Date.parse(incoming.firstSeen) < Date.parse(out.firstSeen))
      out.firstSeen = incoming.firstSeen;
    if (Date.parse(incoming.lastSeen) > Date.parse(out.lastSeen)) out.lastSeen = incoming.lastSeen;
  }
  return out;
}

function stubPage(url: string, claim: Annotation): Page {
  return {
    url,
    aliases: [],
    ...EMPTY_METADATA,
    firstSeen: claim.created,
    lastSeen: claim.updated,
  };
}

function takeIncoming(stored: Annotation, incoming: Annotation, conflict: ConflictPolicy): boolean {
  if (conflict === 'replace') return true;
  if (conflict === 'keep') return false;
  const edited = Date.parse(incoming.updated) - Date.parse(stored.updated);
  if (edited !== 0) return edited > 0;
  const anchored = (a: Annotation) =>
    a.anchor ? Date.parse(a.anchor.at) : Number.NEGATIVE_INFINITY;
  return anchored(incoming) > anchored(stored);
}

function contentOf(a: Annotation): string {
  const { url, quote, selectors, type, tags, note } = cleanAnnotation(a);
  return JSON.stringify([url, quote, selectors, type, tags, note]);
}

function sameContent(a: Annotation, b: Annotation): boolean {
  return contentOf(a) === contentOf(b);
}

/** A W3C update keeps the stored anchoring state while the selectors stay the same. */
function keepAnchor(stored: Annotation, record: Annotation): Annotation {
  const sameSelectors =
    JSON.stringify(cleanAnnotation(stored).selectors) === JSON.stringify(record.selectors);
  return stored.anchor && sameSelectors
    ? { ...record, anchor: cleanAnnotation(stored).anchor! }
    : record;
}
