/**
 * Reading the Obsidian Web Clipper's highlights export into claims. Pure. The file
 * (obsidianmd/obsidian-clipper `src/managers/highlights-manager.ts`, exportHighlights) is an
 * array with one entry per page: `{ url, title?, highlights: [{ text, timestamp?, color?,
 * notes?, comment? }] }`, where
 * - `text` is the highlight's content: the HTML of the selected range, or of a whole element
 *   (`src/utils/highlighter.ts`) → its text is the quote (tags dropped, entities decoded);
 * - `timestamp` (ISO, absent for highlights saved before it existed) → created and updated
 *   (the import time when absent);
 * - `notes` (a list of texts) → the note, paragraphs joined by a blank line; `comment` (the
 *   first note, repeated) only when there are no notes;
 * - `title` (when present) → the page's title; `color` is dropped, as are the clipper's XPaths
 *   and offsets (not in the export): such a claim has only its quote, and is placed by it on the
 *   next visit (the first occurrence when the page repeats it).
 * Its id is derived from the page, the text and the time, so importing the file again changes
 * nothing.
 */
import { asRecord, ValidationError } from '../core/validate';
import { buildClaim, type ClaimContext, type ImportedClaim } from './claim';
import type { ForeignRecord } from './foreign';
import { htmlToText } from './html-text';
import type { Rejection } from './types';

export interface ObsidianHighlight {
  url: unknown;
  title: unknown;
  highlight: unknown;
}

/** One record per highlight, numbered through the file; entries without a list are refused. */
export function obsidianRecords(entries: unknown[]): {
  records: ForeignRecord[];
  rejections: Rejection[];
} {
  const records: ForeignRecord[] = [];
  const rejections: Rejection[] = [];
  entries.forEach((entry, page) => {
    const { url, title, highlights } = entry as Record<string, unknown>;
    const id = typeof url === 'string' ? url.slice(0, 200) : `page #${page + 1}`;
    if (!Array.isArray(highlights)) {
      rejections.push({ kind: 'page', index: page, id, reason: 'highlights must be a list' });
      return;
    }
    for (const highlight of highlights) {
      const value: ObsidianHighlight = { url, title, highlight };
      records.push({
        value: () => value,
        index: records.length,
        id,
      });
    }
  });
  return { records, rejections };
}

export function readObsidianHighlight(value: unknown, context: ClaimContext): ImportedClaim {
  const { url, title, highlight } = value as ObsidianHighlight;
  const record = asRecord(highlight, 'highlight');
  if (typeof record.text !== 'string') throw new ValidationError('text must be text');
  const notes = Array.isArray(record.notes)
    ? record.notes.filter((n): n is string => typeof n === 'string' && n.trim() !== '')
    : [];
  if (notes.length === 0 && typeof record.comment === 'string' && record.comment.trim()) {
    notes.push(record.comment);
  }
  const exact = htmlToText(record.text).trim();
  const time = typeof record.timestamp === 'string' ? record.timestamp : '';
  return buildClaim(
    {
      urls: [url],
      exact,
      note: notes.join('\n\n'),
      created: record.timestamp,
      title,
      idSeed: `obsidian\n${String(url)}\n${record.text}\n${time}`,
    },
    context,
  );
}
