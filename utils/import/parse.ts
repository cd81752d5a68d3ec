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
import type { Annotation, Page } from '../core/model';
import { ValidationError } from '../core/validate';
import type { JsonNode, JsonPath } from './json-scan';
import { JsonSyntaxError, lineAndColumn, scanJson, valueOf } from './json-scan';
import { IMPORT_LIMITS, readBackupAnnotation, readBackupPage } from './records';
import { readSettings } from './settings';
import type { ParsedImport, Rejection } from './types';
import { ImportError } from './types';
import { readW3CAnnotation, typesOf, type W3CRecord } from './w3c';

export interface ParseOptions extends WorkOptions {
  /** Import time (ISO), for W3C annotations without `created`. Default now. */
  now?: string;
}

/** Containers walked record by record: the root, a backup's lists, a collection's page items. */
function expand(path: JsonPath, kind: 'object' | 'array'): boolean {
  if (path.length === 0) return true;
  if (path.length === 1) {
    return kind === 'array'
      ? path[0] === 'pages' || path[0] === 'annotations' || path[0] === 'items'
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
  const items = w3cItems(root);
  if (items)
    return readW3C(items.nodes, items.warnings, slicer, options.now ?? new Date().toISOString());
  throw new ImportError(
    'This file is neither a Claimmark backup nor W3C Web Annotations (an AnnotationCollection, an AnnotationPage, an array of annotations or one annotation).',
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

interface Indexed<T> {
  index: number;
  record: T;
}

async function readAll<T>(
  nodes: JsonNode[],
  kind: 'page' | 'annotation',
  read: (value: unknown) => T,
  rejections: Rejection[],
  slicer: Slicer,
  offset: number,
  total: number,
): Promise<Indexed<T>[]> {
  const out: Indexed<T>[] = [];
  for (let index = 0; index < nodes.length; index++) {
    const value = valueOf(nodes[index]!);
    try {
      out.push({ index, record: read(value) });
    } catch (error) {
      rejections.push({ kind, index, ...idOf(value, kind), reason: messageOf(error) });
    }
    const pause = slicer.tick('check', offset + index + 1, total);
    if (pause) await pause;
  }
  return out;
}

/** One record per key: the one with the latest time (the first of equals); the others refused. */
function dedupe<T>(
  records: Indexed<T>[],
  kind: 'page' | 'annotation',
  keyOf: (record: T) => string,
  timeOf: (record: T) => string,
  rejections: Rejection[],
): T[] {
  const best = new Map<string, Indexed<T>>();
  const refused: Indexed<T>[] = [];
  for (const item of records) {
    const key = keyOf(item.record);
    const seen = best.get(key);
    if (!seen) best.set(key, item);
    else if (Date.parse(timeOf(item.record)) > Date.parse(timeOf(seen.record))) {
      refused.push(seen);
      best.set(key, item);
    } else refused.push(item);
  }
  for (const item of refused) {
    const kept = best.get(keyOf(item.record))!;
    rejections.push({
      kind,
      index: item.index,
      id: keyOf(item.record),
      reason:
        JSON.stringify(item.record) === JSON.stringify(kept.record)
          ? `duplicate of ${kind} #${kept.index + 1} in this file`
          : `same ${kind === 'page' ? 'URL' : 'id'} as ${kind} #${kept.index + 1} in this file, which is newer and is imported instead`,
    });
  }
  return [...best.values()].sort((a, b) => a.index - b.index).map((item) => item.record);
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

/** One page per source URL of the kept annotations, seen from their first to last edit. */
function pagesOf(records: W3CRecord[], annotations: Annotation[]): Page[] {
  const described = new Map<string, W3CRecord['page']>();
  for (const { page } of records) {
    const known = described.get(page.url);
    if (!known || (!known.title && page.title)) described.set(page.url, page);
  }
  const pages = new Map<string, Page>();
  for (const a of annotations) {
    const page = pages.get(a.url);
    if (page) {
      if (Date.parse(a.created) < Date.parse(page.firstSeen)) page.firstSeen = a.created;
      if (Date.parse(a.updated) > Date.parse(page.lastSeen)) page.lastSeen = a.updated;
      continue;
    }
    const info = described.get(a.url);
    pages.set(a.url, {
      url: a.url,
      aliases: [],
      title: info?.title ?? '',
      byline: '',
      siteName: '',
      publishedTime: '',
      lang: info?.lang ?? '',
      excerpt: '',
      firstSeen: a.created,
      lastSeen: a.updated,
    });
  }
  return [...pages.values()];
}

function idOf(value: unknown, kind: 'page' | 'annotation'): { id?: string } {
  if (typeof value !== 'object' || value === null) return {};
  const raw = (value as Record<string, unknown>)[kind === 'page' ? 'url' : 'id'];
  return typeof raw === 'string' && raw ? { id: raw.slice(0, 200) } : {};
}

/** `a number`, `a list`, … — what a JSON value is, for a message (never its raw text). */
function kindOf(value: unknown): string {
  if (value === null) return 'empty (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'boolean') return `${value}`;
  return `a ${typeof value}`;
}

function messageOf(error: unknown): string {
  if (error instanceof ValidationError) return error.message;
  return error instanceof Error ? `unreadable record (${error.message})` : String(error);
}

function surrogateWarning(count: number): string {
  return `${count} text${count === 1 ? '' : 's'} had broken characters (unpaired UTF-16 surrogates), replaced with �.`;
}
