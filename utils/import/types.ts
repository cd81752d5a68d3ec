/**
 * What reading an import file gives, and what a dry run or an import reports. Pure types.
 */
import type { Annotation, Page } from '../core/model';

export type ImportFormat = 'claimmark-backup' | 'w3c' | 'hypothesis' | 'obsidian' | 'csv';

/**
 * Records of the file that are not claims and were left out on purpose (Hypothesis replies and
 * page notes): counted by reason, not refused. Absent when there were none.
 */
export interface LeftOut {
  reason: string;
  count: number;
}

/** A record of the file that will not be imported, and why. */
export interface Rejection {
  kind: 'page' | 'annotation' | 'settings';
  /** Position of the record in its list in the file (0-based). */
  index: number;
  /** The record's id (claims) or URL (pages), when it had a readable one. */
  id?: string;
  reason: string;
}

/** A file read and validated: the records that may be imported, and those refused. */
export interface ParsedImport {
  format: ImportFormat;
  /** Backup format version (W3C files: 1). */
  version: number;
  /** Valid pages (backup only; W3C pages are made from the annotations' sources). */
  pages: Page[];
  /** Valid claims, deduplicated by id. */
  annotations: Annotation[];
  /** Backup settings, validated as plain JSON (absent when the file has none or they were refused). */
  settings?: Record<string, unknown>;
  rejections: Rejection[];
  /** Things a reader should know that refused nothing (e.g. characters replaced). */
  warnings: string[];
  leftOut?: LeftOut[];
}

export interface ImportCounts {
  /** Not in the library yet: will be added. */
  new: number;
  /** In the library with other data: will be replaced (claims) or completed (pages). */
  updated: number;
  /** In the library already, the same. */
  unchanged: number;
  /** Refused (see `rejections`). */
  rejected: number;
}

/** The dry-run summary (and, after an import, what it did). */
export interface ImportSummary {
  format: ImportFormat;
  version: number;
  annotations: ImportCounts & {
    /** In the library with a newer edit: the library's copy is kept (conflict policy). */
    kept: number;
  };
  pages: ImportCounts;
  /** Settings in the file, to be applied by the caller after the import (backup only). */
  settings?: Record<string, unknown>;
  rejections: Rejection[];
  warnings: string[];
  leftOut?: LeftOut[];
}

/**
 * What to do with a claim that is in the library with other data:
 * - 'newer' (default): take the file's copy when it was edited later (`updated`);
 * - 'replace': always take the file's copy (restore exactly what the file holds);
 * - 'keep': never change a claim that exists.
 */
export type ConflictPolicy = 'newer' | 'replace' | 'keep';

export class ImportError extends Error {
  override name = 'ImportError';
}
