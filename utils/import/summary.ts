/**
 * Plain-language lines for an import summary (dry run or result), for the import panel and any
 * notification. Pure.
 */
import type { ImportSummary } from './types';

const FORMAT_NAMES: Record<ImportSummary['format'], string> = {
  'claimmark-backup': 'Claimmark backup',
  w3c: 'W3C Web Annotations',
  hypothesis: 'Hypothesis annotations',
  obsidian: 'Obsidian Web Clipper highlights',
  csv: 'CSV',
};

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

function list(parts: [number, string][]): string {
  const shown = parts
    .filter(([n]) => n > 0)
    .map(([n, label]) => `${n.toLocaleString('en-US')} ${label}`);
  return shown.length ? shown.join(', ') : 'none';
}

/** `Claimmark backup (version 1)`. */
export function formatName(summary: Pick<ImportSummary, 'format' | 'version'>): string {
  return summary.format === 'claimmark-backup'
    ? `${FORMAT_NAMES[summary.format]} (version ${summary.version})`
    : FORMAT_NAMES[summary.format];
}

/** `Claims: 120 new, 3 updated, 40 unchanged, 2 rejected` and the same for pages. */
export function summaryLines(summary: ImportSummary): string[] {
  const a = summary.annotations;
  const p = summary.pages;
  const lines = [
    `Claims: ${list([
      [a.new, 'new'],
      [a.updated, 'updated'],
      [a.unchanged, 'unchanged'],
      [a.kept, 'kept (your copy is newer)'],
      [a.rejected, 'rejected'],
    ])}`,
    `Pages: ${list([
      [p.new, 'new'],
      [p.updated, 'completed'],
      [p.unchanged, 'unchanged'],
      [p.rejected, 'rejected'],
    ])}`,
  ];
  if (summary.leftOut?.length) {
    lines.push(
      `Left out: ${summary.leftOut.map((l) => `${l.count.toLocaleString('en-US')} ${l.reason}`).join(', ')}`,
    );
  }
  if (summary.settings)
    lines.push(`Settings: ${plural(Object.keys(summary.settings).length, 'setting')}`);
  return lines;
}

/** Whether importing would write anything (claims, pages or settings). */
export function hasChanges(summary: ImportSummary): boolean {
  const { annotations: a, pages: p } = summary;
  return a.new + a.updated + p.new + p.updated > 0 || summary.settings !== undefined;
}
