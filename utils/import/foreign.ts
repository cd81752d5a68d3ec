/**
 * Files of other tools (Hypothesis, Obsidian Web Clipper, CSV) read into a ParsedImport: each
 * record through its format's reader, in slices with progress; a refused record kept with its
 * reason, a record that is not a claim (a reply, a page note) counted as left out; one claim per
 * id (the newest, as for W3C files); the pages the claims name. Pure.
 */
import type { Slicer } from '../export/work';
import type { ImportedClaim } from './claim';
import { dedupe, messageOf, pagesOf, surrogateWarning, type Indexed } from './collect';
import { LeftOutRecord } from './hypothesis';
import { IMPORT_LIMITS } from './records';
import type { ImportFormat, LeftOut, ParsedImport, Rejection } from './types';
import { ImportError } from './types';

export interface ForeignRecord {
  /** The record, materialized when it is read (a long file is not held twice at once). */
  value: () => unknown;
  /** Position in the file (0-based), as the reader will see it in a rejection. */
  index: number;
  /** How to name it in a rejection when it has no id of its own (a page URL, a row). */
  id?: string;
}

export interface ForeignOptions {
  format: Exclude<ImportFormat, 'claimmark-backup' | 'w3c'>;
  records: ForeignRecord[];
  read: (value: unknown, onFix: () => void) => ImportedClaim;
  slicer: Slicer;
  /** Left out before reading (e.g. a search response's separate `replies`). */
  leftOut?: LeftOut[];
  /** Refused before reading (e.g. a page entry without a URL). */
  rejections?: Rejection[];
  warnings?: string[];
}

export async function readForeign(options: ForeignOptions): Promise<ParsedImport> {
  const { records, slicer } = options;
  if (records.length > IMPORT_LIMITS.records) {
    throw new ImportError(`This file has more than ${IMPORT_LIMITS.records} records.`);
  }
  const rejections: Rejection[] = [...(options.rejections ?? [])];
  const warnings = [...(options.warnings ?? [])];
  const left = new Map<string, number>();
  for (const l of options.leftOut ?? []) left.set(l.reason, (left.get(l.reason) ?? 0) + l.count);
  let fixed = 0;
  const onFix = () => void fixed++;
  const read: Indexed<ImportedClaim>[] = [];
  for (let i = 0; i < records.length; i++) {
    const { index } = records[i]!;
    const value = records[i]!.value();
    const own = (value as { id?: unknown } | null)?.id;
    const id = records[i]!.id ?? (typeof own === 'string' && own ? own.slice(0, 200) : undefined);
    try {
      read.push({ index, record: options.read(value, onFix) });
    } catch (error) {
      if (error instanceof LeftOutRecord)
        left.set(error.message, (left.get(error.message) ?? 0) + 1);
      else
        rejections.push({
          kind: 'annotation',
          index,
          ...(id ? { id } : {}),
          reason: messageOf(error),
        });
    }
    const pause = slicer.tick('check', i + 1, records.length);
    if (pause) await pause;
  }
  slicer.report('check', records.length, records.length);
  if (fixed) warnings.push(surrogateWarning(fixed));
  const annotations = dedupe(
    read.map(({ index, record }) => ({ index, record: record.annotation })),
    'annotation',
    (a) => a.id,
    (a) => a.updated,
    rejections,
  );
  const leftOut = [...left].map(([reason, count]) => ({ reason, count }));
  return {
    format: options.format,
    version: 1,
    pages: pagesOf(
      read.map((r) => r.record),
      annotations,
    ),
    annotations,
    rejections,
    warnings,
    ...(leftOut.length ? { leftOut } : {}),
  };
}
