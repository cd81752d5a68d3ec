/**
 * The Claimmark backup: every page and claim with full fidelity, plus the caller's settings, in
 * a versioned JSON file. Pure and deterministic.
 *
 * ```json
 * {
 *   "format": "claimmark-backup",
 *   "version": 1,
 *   "exportedAt": "2025-03-07T09:00:00.000Z",
 *   "settings": { … },
 *   "pages": [
 *     {"url":"https://…","aliases":[],"title":"…","byline":"…","siteName":"…","publishedTime":"…","lang":"en","excerpt":"…","firstSeen":"…","lastSeen":"…"}
 *   ],
 *   "annotations": [
 *     {"id":"…","url":"https://…","quote":"…","selectors":[…],"type":"figure","tags":["…"],"note":"…","created":"…","updated":"…","anchor":{…}}
 *   ]
 * }
 * ```
 *
 * - `format` and `version` come first; a reader refuses a version newer than it knows.
 * - `exportedAt` and `settings` are optional. `settings` is any plain JSON object (≤ 1 MB).
 * - Records hold exactly the fields of `Page` / `Annotation` in utils/core/model.ts (see records.ts):
 *   nothing derived (a search index is rebuilt on import). Pages are sorted by URL, claims by
 *   created time then id; one record per line, so files diff well and read back in slices.
 */
import type { Annotation, Page } from '../core/model';
import { readSettings } from '../import/settings';
import { cleanAnnotation, cleanPage } from './records';
import { compareStrings, sortedByCreated } from './text';

export const BACKUP_FORMAT = 'claimmark-backup';
/** The version this code writes and the newest it reads. */
export const BACKUP_VERSION = 1;

export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: number;
  exportedAt?: string;
  settings?: Record<string, unknown>;
  pages: Page[];
  annotations: Annotation[];
}

export interface BackupOptions {
  /** ISO time recorded in the file (omit for byte-identical files of the same data). */
  exportedAt?: string;
  /** The caller's settings, a plain JSON object. */
  settings?: Record<string, unknown>;
}

export function toBackupJson(
  pages: readonly Page[],
  annotations: readonly Annotation[],
  options: BackupOptions = {},
): string {
  let out = '';
  for (const part of backupParts(pages, annotations, options)) out += part;
  return out;
}

/** The backup in pieces: the header, then one piece per record. */
export function* backupParts(
  pages: readonly Page[],
  annotations: readonly Annotation[],
  options: BackupOptions = {},
): Generator<string, void, undefined> {
  const header: string[] = [
    `"format": ${JSON.stringify(BACKUP_FORMAT)}`,
    `"version": ${BACKUP_VERSION}`,
  ];
  if (options.exportedAt !== undefined) {
    header.push(`"exportedAt": ${JSON.stringify(options.exportedAt)}`);
  }
  if (options.settings !== undefined) {
    const { settings } = readSettings(options.settings);
    header.push(`"settings": ${JSON.stringify(settings)}`);
  }
  yield `{\n  ${header.join(',\n  ')},\n  "pages": [`;
  const sortedPages = [...pages].sort((a, b) => compareStrings(a.url, b.url));
  for (let i = 0; i < sortedPages.length; i++) {
    yield `${i ? ',' : ''}\n    ${JSON.stringify(cleanPage(sortedPages[i]!))}`;
  }
  yield `${sortedPages.length ? '\n  ' : ''}],\n  "annotations": [`;
  const sorted = yield* sortedByCreated(annotations);
  for (let i = 0; i < sorted.length; i++) {
    yield `${i ? ',' : ''}\n    ${JSON.stringify(cleanAnnotation(sorted[i]!))}`;
  }
  yield `${sorted.length ? '\n  ' : ''}]\n}\n`;
}
