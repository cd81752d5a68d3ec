/**
 * Reading an import file: `parseImport(text)` recognises a Claimmark backup or W3C Web
 * Annotations, validates every record, and returns what may be imported and what is refused,
 * with reasons. Nothing is written. A file that cannot be read as a whole — not JSON, cut off, a
 * newer backup version, neither format — throws ImportError with a message for the reader. Long
 * files are read in slices with progress (see utils/export/work.ts). Pure.
 */
import { BACKUP_FORMAT, BACKUP_VERSION } from '../export/json';
import type { WorkOptions } from '../export/work';
import { createSlicer, type Slicer } from '../export/work';
import type { JsonNode, JsonPath } from './json-scan';
import { JsonSyntaxError, lineAndColumn, scanJson, valueOf } from './json-scan';
import { IMPORT_LIMITS, readBackupAnnotation, readBackupPage } from './records';
import { readSettings } from './settings';
import { dedupe, messageOf, pagesOf, readAll, surrogateWarning } from './collect';
import type { ParsedImport, Rejection } from './types';
import { ImportError } from './types';
import { readW3CAnnotation, typesOf, type W3CRecord } from './w3c';
import { foreignFile, readCsv } from './formats';
import { csvRecords } from './csv';

export interface ParseOptions extends WorkOptions {
  /** Import time (ISO), for W3C annotations without `created`. Default now. */
  now?: string;
}

/** Containers walked record by record: the root, a backup's lists, a collection's page items. */
function expand(path: JsonPath, kind: 'object' | 'array'): boolean {
  if (path.length === 0) return true;
  if (path.length === 1) {
    return kind === 'array'
      ? path[0] === 'pages' ||
          path[0] === 'annotations' ||
          path[0] === 'items' ||
          path[0] === 'rows' ||
          path[0] === 'replies'
      : path[0] === 'first';
  }
  return path.length === 2 && kind === 'array' && path[0] === 'first' && path[1] === 'items';
}

export async function parseImport(text: string, options: ParseOptions = {}): Promise<ParsedImport> {
  if (text.length > IMPORT_LIMITS.fileChars) {
    throw new ImportError(
      `This file is too large to import (${Math.round(text.length / 1e6)} million characters; the limit is ${IMPORT_LIMITS.fileChars / 1e6} million).`,
    );
  }
  const slicer = createSlicer(options);
  const now = options.now ?? new Date().toISOString();
  if (!/^\uFEFF?\s*[[{]/.test(text.slice(0, 1_000))) {
    const csv = await csvRecords(text, (position) => slicer.tick('read', position, text.length));
    if (csv) return readCsv(csv, slicer, now);
    const header = /^\uFEFF?([^\r\n]*)/.exec(text)![1]!;
    if (header.includes(',')) {
      throw new ImportError(
        `This looks like a CSV, but its first row does not name a url and a quote column (it names ${JSON.stringify(header.slice(0, 120))}). Nothing was imported.`,
      );
    }
  }
  let root: JsonNode;
  try {
    root = await scanJson(text, {
      expand,
      tick: (_items, position) => slicer.tick('read', position, text.length),
    });
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    if (error.truncated && error.position === 0) throw new ImportError('This file is empty.');
    const { line, column } = lineAndColumn(text, error.position);
    throw new ImportError(
      error.truncated
        ? `This file is not complete JSON: it ends early (at line ${line}), as if it was cut off. Nothing was imported.`
        : `This file is not valid JSON (line ${line}, column ${column}: ${error.message}). Nothing was imported.`,
    );
  }
  slicer.report('read', text.length, text.length);
  const format = member(root, 'format');
  if (format !== undefined) return readBackup(root, format, slicer);
  const foreign = foreignFile(root, slicer, now);
  if (foreign) return foreign;
  const items = w3cItems(root);
  if (items) return readW3C(items.nodes, items.warnings, slicer, now);
  throw new ImportError(
    'This file is neither a Claimmark backup nor W3C Web Annotations (an AnnotationCollection, an AnnotationPage, an array of annotations or one annotation), nor a Hypothesis or Obsidian Web Clipper export, nor a CSV whose first row names url and quote columns.',
  );
}

function member(node: JsonNode, key: string): unknown {
  if (node.kind !== 'object') return undefined;
  const child = node.members.get(key);
  return child ? valueOf(child) : undefined;
}

async function readBackup(root: JsonNode, format: unknown, slicer: Slicer): Promise<ParsedImport> {
  if (format !== BACKUP_FORMAT) {
    throw new ImportError(
      typeof format === 'string'
        ? `This file's format is ${JSON.stringify(format.slice(0, 60))}, not a Claimmark backup.`
        : `This file's "format" is ${kindOf(format)} instead of a name, so it is not a Claimmark backup. Nothing was imported.`,
    );
  }
  const version = member(root, 'version');
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
    throw new ImportError('This backup has no valid version number. Nothing was imported.');
  }
  if (version > BACKUP_VERSION) {
    throw new ImportError(
      `This backup was made by a newer version of Claimmark (backup format ${version}; this version reads up to ${BACKUP_VERSION}). Update Claimmark, then import it again. Nothing was imported.`,
    );
  }
  const list = (key: 'pages' | 'annotations'): JsonNode[] => {
    const node = root.kind === 'object' ? root.members.get(key) : undefined;
    if (node?.kind === 'array') return node.items;
    throw new ImportError(
      `This backup has no list of ${key}: it is damaged. Nothing was imported.`,
    );
  };
  const pageNodes = list('pages');
  const annotationNodes = list('annotations');
  if (pageNodes.length > IMPORT_LIMITS.records || annotationNodes.length > IMPORT_LIMITS.records) {
    throw new ImportError(
      `This backup has more than ${IMPORT_LIMITS.records} records of one kind.`,
    );
  }
  const rejections: Rejection[] = [];
  const warnings: string[] = [];
  let fixed = 0;
  const onFix = () => void fixed++;
  const total = pageNodes.length + annotationNodes.length;

  let settings: Record<string, unknown> | undefined;
  const rawSettings = member(root, 'settings');
  if (rawSettings !== undefined) {
    try {
      const read = readSettings(rawSettings);
      settings = read.settings;
      for (const key of read.dropped) {
        rejections.push({
          kind: 'settings',
          index: 0,
          id: key,
          reason: `settings key ${key} is not allowed`,
        });
      }
    } catch (error) {
      rejections.push({ kind: 'settings', index: 0, reason: messageOf(error) });
    }
  }

  const pages = await readAll(
    pageNodes,
    'page',
    (v) => readBackupPage(v, onFix),
    rejections,
    slicer,
    0,
    total,
  );
  const annotations = await readAll(
    annotationNodes,
    'annotation',
    (v) => readBackupAnnotation(v, onFix),
    rejections,
    slicer,
    pageNodes.length,
    total,
  );
  slicer.report('check', total, total);
  if (fixed) warnings.push(surrogateWarning(fixed));
  return {
    format: 'claimmark-backup',
    version,
    pages: dedupe(
      pages,
      'page',
      (p) => p.url,
      (p) => p.lastSeen,
      rejections,
    ),
    annotations: dedupe(
      annotations,
      'annotation',
      (a) => a.id,
      (a) => a.updated,
      rejections,
    ),
    ...(settings ? { settings } : {}),
    rejections,
    warnings,
  };
}

/** The annotations of a W3C document, or null when the document is not one. */
function w3cItems(root: JsonNode): { nodes: JsonNode[]; warnings: string[] } | null {
  if (root.kind === 'array') return { nodes: root.items, warnings: [] };
  if (root.kind !== 'object') return null;
  const types = typesOf(member(root, 'type'));
  if (types.includes('Annotation')) return { nodes: [root], warnings: [] };
  const warnings: string[] = [];
  let page: JsonNode | undefined;
  if (types.includes('AnnotationCollection')) {
    const first = root.members.get('first');
    const items = root.members.get('items');
    if (first?.kind === 'object') page = first;
    else if (items?.kind === 'array') return { nodes: items.items, warnings };
    else if (first?.kind === 'value' && typeof first.value === 'string') {
      throw new ImportError(
        'This collection links to its annotations instead of including them (its first page is a web address). Download the pages and import them, or export the collection with its annotations embedded.',
      );
    } else if (member(root, 'total') === 0) {
      return { nodes: [], warnings };
    } else {
      throw new ImportError('This AnnotationCollection has no first page of annotations.');
    }
  } else if (types.includes('AnnotationPage')) {
    page = root;
  } else {
    return null;
  }
  const items = page.kind === 'object' ? page.members.get('items') : undefined;
  if (items?.kind !== 'array') throw new ImportError('This AnnotationPage has no list of items.');
  const total = member(root, 'total');
  if (
    member(page, 'next') !== undefined ||
    (typeof total === 'number' && total > items.items.length)
  ) {
    warnings.push(
      `This file holds ${items.items.length} annotations of a larger collection${typeof total === 'number' ? ` (${total})` : ''}: only those are imported.`,
    );
  }
  return { nodes: items.items, warnings };
}

async function readW3C(
  nodes: JsonNode[],
  warnings: string[],
  slicer: Slicer,
  now: string,
): Promise<ParsedImport> {
  if (nodes.length > IMPORT_LIMITS.records) {
    throw new ImportError(`This file has more than ${IMPORT_LIMITS.records} annotations.`);
  }
  const rejections: Rejection[] = [];
  let fixed = 0;
  const records = await readAll<W3CRecord>(
    nodes,
    'annotation',
    (v) => readW3CAnnotation(v, { now, onFix: () => void fixed++ }),
    rejections,
    slicer,
    0,
    nodes.length,
  );
  slicer.report('check', nodes.length, nodes.length);
  if (fixed) warnings.push(surrogateWarning(fixed));
  const annotations = dedupe(
    records.map(({ index, record }) => ({ index, record: record.annotation })),
    'annotation',
    (a) => a.id,
    (a) => a.updated,
    rejections,
  );
  return {
    format: 'w3c',
    version: 1,
    pages: pagesOf(
      records.map((r) => r.record),
      annotations,
    ),
    annotations,
    rejections,
    warnings,
  };
}

/** `a number`, `a list`, … — what a JSON value is, for a message (never its raw text). */
function kindOf(value: unknown): string {
  if (value === null) return 'empty (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'boolean') return `${value}`;
  return `a ${typeof value}`;
}
