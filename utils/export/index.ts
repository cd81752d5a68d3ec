/**
 * One entry point for every export: `exportLibrary(format, data, options)` → the file to offer
 * (`{ filename, mime, text }`). Long exports run in slices and report progress (see work.ts), so
 * the page that runs them stays responsive. Pure: the caller reads the database and downloads or
 * copies the text (utils/page/download.ts).
 */
import type { Annotation, Page } from '../core/model';
import { backupParts } from './json';
import { csvParts } from './csv';
import { DEFAULT_MARKDOWN_TITLE, markdownParts } from './markdown';
import { w3cParts } from './w3c';
import type { WorkOptions } from './work';
import { createSlicer } from './work';

export type ExportFormat = 'markdown' | 'json' | 'w3c' | 'csv';

export const EXPORT_FORMATS: readonly ExportFormat[] = ['markdown', 'json', 'w3c', 'csv'];

export interface ExportData {
  /** Pages of the claims (others are ignored, except by the JSON backup, which keeps them all). */
  pages: readonly Page[];
  annotations: readonly Annotation[];
  /** JSON backup only: the caller's settings (a plain JSON object). */
  settings?: Record<string, unknown>;
}

export interface ExportOptions extends WorkOptions {
  /** The export's time: in the file name and (Markdown, JSON, W3C) in the file. Default now. */
  now?: Date;
  /** Markdown heading / front matter title, W3C collection label. */
  title?: string;
  /** Markdown: YAML front matter for Obsidian. Default false. */
  frontMatter?: boolean;
  /** Markdown and CSV: a deep link per claim. Default true. */
  deepLinks?: boolean;
  /** CSV: start with a UTF-8 byte order mark (Excel). Default false. */
  bom?: boolean;
}

export interface ExportResult {
  filename: string;
  mime: string;
  text: string;
}

const FILES: Record<ExportFormat, { suffix: string; extension: string; mime: string }> = {
  markdown: { suffix: '', extension: 'md', mime: 'text/markdown' },
  json: { suffix: '-backup', extension: 'json', mime: 'application/json' },
  w3c: { suffix: '-annotations', extension: 'jsonld', mime: 'application/ld+json' },
  csv: { suffix: '', extension: 'csv', mime: 'text/csv' },
};

/** `claimmark-2025-03-07.md`, `claimmark-backup-2025-03-07.json`, … */
export function exportFilenameFor(format: ExportFormat, date: Date): string {
  const { suffix, extension } = FILES[format];
  return `claimmark${suffix}-${date.toISOString().slice(0, 10)}.${extension}`;
}

export type ExportScope = 'page' | 'results' | 'all';

/**
 * The data for exporting `annotations` (a page's claims, the current results, or all): those
 * claims and their pages. Settings are kept only for a full export ('all').
 */
export function exportDataFor(
  scope: ExportScope,
  library: ExportData,
  annotations: readonly Annotation[],
): ExportData {
  if (scope === 'all') return library;
  const urls = new Set(annotations.map((a) => a.url));
  return { pages: library.pages.filter((p) => urls.has(p.url)), annotations };
}

export async function exportLibrary(
  format: ExportFormat,
  data: ExportData,
  options: ExportOptions = {},
): Promise<ExportResult> {
  const now = options.now ?? new Date();
  const iso = now.toISOString();
  const parts = partsOf(format, data, options, iso);
  const slicer = createSlicer(options);
  const total = data.annotations.length;
  const chunks: string[] = [];
  let done = 0;
  for (const part of parts) {
    if (part) {
      chunks.push(part);
      done++;
    }
    const pause = slicer.tick('export', Math.min(done, total), total);
    if (pause) await pause;
  }
  slicer.report('export', total, total);
  return {
    filename: exportFilenameFor(format, now),
    mime: FILES[format].mime,
    text: chunks.join(''),
  };
}

function partsOf(
  format: ExportFormat,
  data: ExportData,
  options: ExportOptions,
  iso: string,
): Iterable<string> {
  switch (format) {
    case 'markdown':
      return markdownParts(data.pages, data.annotations, {
        exportedAt: iso.slice(0, 10),
        title: options.title ?? DEFAULT_MARKDOWN_TITLE,
        frontMatter: options.frontMatter ?? false,
        deepLinks: options.deepLinks ?? true,
      });
    case 'json':
      return backupParts(data.pages, data.annotations, {
        exportedAt: iso,
        ...(data.settings !== undefined ? { settings: data.settings } : {}),
      });
    case 'w3c':
      return w3cParts(data.annotations, {
        exportedAt: iso,
        ...(options.title ? { label: options.title } : {}),
      });
    case 'csv':
      return csvParts(data.pages, data.annotations, {
        bom: options.bom ?? false,
        deepLinks: options.deepLinks ?? true,
      });
  }
}

export type { Progress, WorkOptions, WorkPhase } from './work';
