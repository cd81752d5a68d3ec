/**
 * What every file reader shares once its records are read: reading each record with its reason
 * when refused (in slices, with progress), one record per id (the newest), the pages the claims
 * name, and the messages. Pure.
 */
import type { Slicer } from '../export/work';
import type { Annotation, Page } from '../core/model';
import { ValidationError } from '../core/validate';
import type { JsonNode } from './json-scan';
import { valueOf } from './json-scan';
import type { Rejection } from './types';

export interface Indexed<T> {
  index: number;
  record: T;
}

export async function readAll<T>(
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
export function dedupe<T>(
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

/** One page per source URL of the kept annotations, seen from their first to last edit. */
export function pagesOf(
  records: { page: Pick<Page, 'url' | 'title' | 'lang'> }[],
  annotations: Annotation[],
): Page[] {
  const described = new Map<string, Pick<Page, 'url' | 'title' | 'lang'>>();
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

export function idOf(value: unknown, kind: 'page' | 'annotation'): { id?: string } {
  if (typeof value !== 'object' || value === null) return {};
  const raw = (value as Record<string, unknown>)[kind === 'page' ? 'url' : 'id'];
  return typeof raw === 'string' && raw ? { id: raw.slice(0, 200) } : {};
}

export function messageOf(error: unknown): string {
  if (error instanceof ValidationError) return error.message;
  return error instanceof Error ? `unreadable record (${error.message})` : String(error);
}

export function surrogateWarning(count: number): string {
  return `${count} text${count === 1 ? '' : 's'} had broken characters (unpaired UTF-16 surrogates), replaced with �.`;
}
