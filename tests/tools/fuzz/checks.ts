/**
 * The checks of the import fuzzer: a snapshot of every table, whether a message is for a
 * person, and what must hold after an accepted import. Test tooling.
 */
import { isDeepStrictEqual } from 'node:util';
import type { ClaimmarkDB } from '../../../utils/store/db';
import { cleanAnnotation, cleanPage } from '../../../utils/export/records';
import type { ImportSummary, ParsedImport } from '../../../utils/import';
import { readBackupAnnotation, readBackupPage } from '../../../utils/import/records';
import type { Annotation, Page } from '../../../utils/core/model';
import { whenSearchIndexed } from '../../../utils/search/maintain';

export type Snapshot = Record<string, { key: unknown; value: unknown }[]>;

/** Every table, every record, in primary-key order (after the search index has caught up). */
export async function snapshotDb(db: ClaimmarkDB): Promise<Snapshot> {
  await whenSearchIndexed(db);
  const out: Snapshot = {};
  await db.transaction('r', db.tables, async () => {
    for (const table of db.tables) {
      const keys = await table.toCollection().primaryKeys();
      const values = await table.toArray();
      out[table.name] = values.map((value, i) => ({ key: keys[i], value }));
    }
  });
  return out;
}

/** A message for a person: some words, no stack trace, nothing a program failed to format. */
export function humanProblem(message: unknown): string | undefined {
  if (typeof message !== 'string' || message.trim().length < 5) return 'empty message';
  if (/\n\s+at\s|\bat .+:\d+:\d+\)?$/m.test(message)) return 'stack trace in message';
  if (/\[object \w+\]/.test(message)) return 'unformatted object in message';
  // Quoted parts may be the file's own text (`invalid JSON value ("NaN" is not valid JSON)`).
  const own = message.replace(/"(?:[^"\\]|\\.)*"/g, '"…"');
  if (/\bundefined\b|\bNaN\b|\bnull is\b/.test(own)) return 'unformatted value in message';
  if (message.length > 2_000) return `message of ${message.length} characters`;
  return undefined;
}

/** Messages with their numbers and quoted parts blanked, to count refusals by kind. */
export function checkAccepted(
  parsed: ParsedImport,
  preview: ImportSummary,
  applied: ImportSummary,
  before: Snapshot,
  after: Snapshot,
): string[] {
  const problems: string[] = [];
  if (!isDeepStrictEqual(preview, applied)) {
    problems.push(
      `the import did other than its dry run: ${JSON.stringify(preview.annotations)} / ${JSON.stringify(applied.annotations)}`,
    );
  }
  const claims = (s: Snapshot) =>
    new Map(s.annotations!.map(({ key, value }) => [key as string, value as Annotation]));
  const pages = (s: Snapshot) =>
    new Map(s.pages!.map(({ key, value }) => [key as string, value as Page]));
  const [claimsBefore, claimsAfter] = [claims(before), claims(after)];
  const [pagesBefore, pagesAfter] = [pages(before), pages(after)];
  const fileIds = new Set(parsed.annotations.map((x) => x.id));

  // Claims: none lost; only the file's changed; exactly as many new and updated as said.
  let changed = 0;
  for (const [id, old] of claimsBefore) {
    const now = claimsAfter.get(id);
    if (!now) problems.push(`claim ${id} was lost`);
    else if (!isDeepStrictEqual(now, old)) {
      changed++;
      if (!fileIds.has(id)) problems.push(`claim ${id} changed but the file does not have it`);
    }
  }
  if (claimsAfter.size !== claimsBefore.size + applied.annotations.new) {
    problems.push(
      `claims: ${claimsBefore.size} + ${applied.annotations.new} new ≠ ${claimsAfter.size} stored`,
    );
  }
  if (changed !== applied.annotations.updated) {
    problems.push(
      `claims: ${changed} changed, the summary says ${applied.annotations.updated} updated`,
    );
  }
  // Pages: none lost; a stored page only completed; counts as said.
  let pagesChanged = 0;
  for (const [url, old] of pagesBefore) {
    const now = pagesAfter.get(url);
    if (!now) problems.push(`page ${url} was lost`);
    else if (!isDeepStrictEqual(now, old)) {
      pagesChanged++;
      const overwritten = (
        ['title', 'byline', 'siteName', 'publishedTime', 'lang', 'excerpt'] as const
      ).filter((k) => old[k] && now[k] !== old[k]);
      if (overwritten.length) problems.push(`page ${url}: ${overwritten.join(', ')} overwritten`);
      if (old.aliases.some((alias) => !now.aliases.includes(alias)))
        problems.push(`page ${url} lost an alias`);
    }
  }
  if (pagesAfter.size !== pagesBefore.size + applied.pages.new) {
    problems.push(
      `pages: ${pagesBefore.size} + ${applied.pages.new} new ≠ ${pagesAfter.size} stored`,
    );
  }
  if (pagesChanged !== applied.pages.updated) {
    problems.push(
      `pages: ${pagesChanged} changed, the summary says ${applied.pages.updated} updated`,
    );
  }
  // Every record valid per the model; every claim on a stored page.
  for (const [id, claim] of claimsAfter) {
    const problem = invalid(() => readBackupAnnotation(claim), cleanAnnotation(claim));
    if (problem) problems.push(`claim ${id} is not valid: ${problem}`);
    if (!pagesAfter.has(claim.url)) problems.push(`claim ${id} has no page ${claim.url}`);
  }
  for (const [url, page] of pagesAfter) {
    const problem = invalid(() => readBackupPage(page), cleanPage(page));
    if (problem) problems.push(`page ${url} is not valid: ${problem}`);
  }
  for (const r of applied.rejections) {
    const bad =
      humanProblem(r.reason) ??
      (/^unreadable record/.test(r.reason) ? 'a reader crashed' : undefined);
    if (bad) problems.push(`rejection reason: ${bad}: ${JSON.stringify(r.reason.slice(0, 300))}`);
  }
  for (const w of applied.warnings) {
    const bad = humanProblem(w);
    if (bad) problems.push(`warning: ${bad}: ${JSON.stringify(w.slice(0, 300))}`);
  }
  return problems;
}

/** Why a stored record is not one the model allows (its reader refuses it or changes it). */
function invalid(read: () => unknown, clean: unknown): string | undefined {
  try {
    const out = read();
    return isDeepStrictEqual(out, clean) ? undefined : 'not in its clean form';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
