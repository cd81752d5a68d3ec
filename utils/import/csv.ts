/**
 * Reading a CSV of claims. Pure. The first row names the columns (any order, any case; other
 * columns are ignored):
 *
 * | claim field | column names accepted |
 * |---|---|
 * | url (required) | url, link, source, source url, page url, address |
 * | quote (required) | quote, highlight, text, exact, excerpt, selection |
 * | note | note, notes, comment, annotation |
 * | tags | tags, tag, labels (split on `,` and `;`) |
 * | type | type, claim type (figure, quote, date, forecast, claim; anything else → claim, counted) |
 * | saved | saved, created, date, highlighted at, created at, timestamp, added |
 * | title | title, page title, book title, document title |
 * | id | id (a UUID: Claimmark's own CSV export, so importing it again updates the same claims) |
 *
 * So Readwise's CSV (Highlight, Title, Author, URL, Note, Location, Date) and Claimmark's own CSV
 * export map in. RFC 4180 quoting (`"…"`, `""` inside); CRLF or LF; a UTF-8 byte order mark is
 * skipped. A cell Claimmark's export protected against formula injection (`'=…`, `'+…`, `'-…`,
 * `'@…`) loses that `'`. A row without a URL or quote is refused with the reason; empty rows are
 * skipped. A claim from a CSV has only its quote and is placed by it on the next visit.
 */
import { isClaimType, type ClaimType } from '../core/model';
import { ValidationError } from '../core/validate';
import { buildClaim, type ClaimContext, type ImportedClaim } from './claim';
import type { ForeignRecord } from './foreign';
import { isUuid } from './records';
import { ImportError } from './types';

const COLUMNS = {
  url: ['url', 'link', 'source', 'source url', 'page url', 'address'],
  quote: ['quote', 'highlight', 'text', 'exact', 'excerpt', 'selection'],
  note: ['note', 'notes', 'comment', 'annotation'],
  tags: ['tags', 'tag', 'labels'],
  type: ['type', 'claim type'],
  saved: ['saved', 'created', 'date', 'highlighted at', 'created at', 'timestamp', 'added'],
  title: ['title', 'page title', 'book title', 'document title'],
  id: ['id'],
} as const;
type Field = keyof typeof COLUMNS;

/** Cells per row at most (a row wider is damaged, not data). */
const MAX_CELLS = 1_000;

/**
 * Rows of an RFC 4180 text; throws ImportError when a quoted cell never ends. `tick` is called
 * after each row (with the offset reached) so a long file is read in slices.
 */
export async function csvRows(
  text: string,
  tick: (position: number) => Promise<void> | undefined = () => undefined,
): Promise<string[][]> {
  const rows: string[][] = [];
  const delimiter = /[,\r\n]/g;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let row: string[] = [];
  while (i <= text.length) {
    let cell: string;
    if (text[i] === '"') {
      let j = i + 1;
      let value = '';
      for (;;) {
        const close = text.indexOf('"', j);
        if (close < 0) {
          const line = text.slice(0, i).split('\n').length;
          throw new ImportError(
            `This CSV is not complete: the quoted cell that starts on line ${line} never ends, as if the file was cut off. Nothing was imported.`,
          );
        }
        value += text.slice(j, close);
        if (text[close + 1] === '"') {
          value += '"';
          j = close + 2;
        } else {
          j = close + 1;
          break;
        }
      }
      // Anything between the closing quote and the delimiter is kept (lenient, as spreadsheets are).
      delimiter.lastIndex = j;
      const end = delimiter.exec(text)?.index ?? text.length;
      cell = value + text.slice(j, end);
      i = end;
    } else {
      delimiter.lastIndex = i;
      const end = delimiter.exec(text)?.index ?? text.length;
      cell = text.slice(i, end);
      i = end;
    }
    row.push(cell);
    if (row.length > MAX_CELLS) {
      throw new ImportError(
        `Row ${rows.length + 1} of this CSV has more than ${MAX_CELLS} cells. Nothing was imported.`,
      );
    }
    const c = text[i];
    if (c === ',') {
      i++;
      continue;
    }
    // End of a row (or of the text).
    rows.push(row);
    row = [];
    if (c === undefined) break;
    i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    if (i >= text.length) break;
    const pause = tick(i);
    if (pause) await pause;
  }
  return rows;
}

/** The columns a header row names, or null when it names no URL and quote column. */
export function csvColumns(header: string[]): Partial<Record<Field, number>> | null {
  const columns: Partial<Record<Field, number>> = {};
  header.forEach((name, index) => {
    const key = name.trim().toLowerCase().replace(/\s+/g, ' ');
    for (const field of Object.keys(COLUMNS) as Field[]) {
      if (columns[field] === undefined && (COLUMNS[field] as readonly string[]).includes(key)) {
        columns[field] = index;
      }
    }
  });
  return columns.url !== undefined && columns.quote !== undefined ? columns : null;
}

export type CsvRow = Partial<Record<Field, string>>;

/** The rows of a CSV as records, or null when its first row is not a header with URL and quote. */
export async function csvRecords(
  text: string,
  tick?: (position: number) => Promise<void> | undefined,
): Promise<ForeignRecord[] | null> {
  // The header first, from the first line alone: a file that is no CSV is not read through.
  const firstLine = text.slice(0, Math.min(text.length, 100_000)).split(/\r?\n/, 1)[0]!;
  const header = (await csvRows(firstLine).catch(() => []))[0];
  const columns = header ? csvColumns(header) : null;
  if (!columns) return null;
  const rows = await csvRows(text, tick);
  const records: ForeignRecord[] = [];
  for (let r = 1; r < rows.length; r++) {
    const cells = rows[r]!;
    if (cells.every((c) => c.trim() === '')) continue;
    const value: CsvRow = {};
    for (const [field, index] of Object.entries(columns) as [Field, number][]) {
      const cell = cells[index];
      if (cell !== undefined) value[field] = unprotect(cell);
    }
    records.push({ value: () => value, index: r, id: `row ${r + 1}` });
  }
  return records;
}

/** A cell Claimmark's CSV export protected against formula injection, as it was. */
function unprotect(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

export function readCsvRow(
  value: unknown,
  context: ClaimContext & { onUnknownType: () => void },
): ImportedClaim {
  const row = value as CsvRow;
  if (!row.url?.trim()) throw new ValidationError('the row has no URL');
  if (!row.quote?.trim()) throw new ValidationError('the row has no quote');
  let type: ClaimType | undefined;
  const named = row.type?.trim().toLowerCase();
  if (named) {
    if (isClaimType(named)) type = named;
    else context.onUnknownType();
  }
  const id = row.id?.trim();
  return buildClaim(
    {
      urls: [row.url],
      exact: row.quote,
      note: row.note ?? '',
      tags: (row.tags ?? '').split(/[,;]/),
      ...(type ? { type } : {}),
      created: row.saved,
      title: row.title,
      ...(id && isUuid(id) ? { uuid: id } : {}),
      idSeed: `csv\n${row.url.trim()}\n${row.quote}\n${row.saved ?? ''}`,
    },
    context,
  );
}
