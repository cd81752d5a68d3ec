/**
 * Claims as CSV for spreadsheets: one claim per row. Pure and deterministic.
 *
 * - RFC 4180: comma-separated, CRLF line ends, a field with `"`, `,`, CR or LF is quoted and its
 *   `"` doubled. The first row names the columns.
 * - Optional UTF-8 byte order mark (U+FEFF first), which Excel needs to read UTF-8.
 * - Formula injection: a cell starting with `=`, `+`, `-`, `@`, tab or CR would be run as a
 *   formula by Excel, LibreOffice or Google Sheets; it gets a leading `'` (OWASP's advice), which
 *   spreadsheets show as text. A quote like "-5% in Q1" therefore reads `'-5% in Q1`.
 * - Rows in the order claims were saved (created, then id).
 */
import type { Annotation, Page } from '../core/model';
import { claimLink, claimPage } from './claim-link';
import { dateOnly, sortedByCreated, wellFormed } from './text';

export interface CsvOptions {
  /** Start with a UTF-8 byte order mark (for Excel). Default false. */
  bom?: boolean;
  /** Add a `link` column with each claim's deep link. Default true. */
  deepLinks?: boolean;
}

export const CSV_COLUMNS = [
  'saved',
  'published',
  'site',
  'title',
  'url',
  'type',
  'tags',
  'quote',
  'note',
  'link',
  'id',
  // Last, so the columns before keep their places: "p. 12" for a claim in a PDF.
  'page',
  'author',
] as const;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field: neutralised against formula injection, quoted when RFC 4180 requires. */
export function csvCell(value: string): string {
  let text = wellFormed(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(
  pages: readonly Page[],
  annotations: readonly Annotation[],
  options: CsvOptions = {},
): string {
  let out = '';
  for (const part of csvParts(pages, annotations, options)) out += part;
  return out;
}

/** The CSV in pieces: the header row, then one piece per claim row. */
export function* csvParts(
  pages: readonly Page[],
  annotations: readonly Annotation[],
  options: CsvOptions = {},
): Generator<string, void, undefined> {
  const links = options.deepLinks ?? true;
  const columns = links ? CSV_COLUMNS : CSV_COLUMNS.filter((c) => c !== 'link');
  const pageByUrl = new Map(pages.map((p) => [p.url, p]));
  yield `${options.bom ? '\uFEFF' : ''}${columns.join(',')}\r\n`;
  const rows = yield* sortedByCreated(annotations);
  for (const a of rows) {
    const page = pageByUrl.get(a.url);
    const cells: Record<(typeof CSV_COLUMNS)[number], string> = {
      saved: a.created,
      published: dateOnly(page?.publishedTime ?? '') || (page?.publishedTime ?? ''),
      site: page?.siteName ?? '',
      title: page?.title ?? '',
      url: a.url,
      page: claimPage(a),
      type: a.type,
      tags: a.tags.join(', '),
      quote: a.quote,
      note: a.note,
      link: links ? (claimLink(a) ?? '') : '',
      id: a.id,
      author: a.author ?? '',
    };
    yield `${columns.map((c) => csvCell(cells[c])).join(',')}\r\n`;
  }
}
