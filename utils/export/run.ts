/**
 * One export as the reader asked for it (scope, format, download or copy), shared by the popup
 * and the options page: read the data of the scope, write the file in slices, hand it over, and
 * say what happened in one sentence. Pure: reading, settings and delivery are injected.
 */
import type { ExportData, ExportFormat, ExportResult, ExportScope, Progress } from './index';
import { exportLibrary } from './index';

export interface ExportRequest {
  scope: ExportScope;
  format: ExportFormat;
  action: 'download' | 'copy';
  /** Markdown: YAML front matter for Obsidian. */
  frontMatter: boolean;
  /** CSV: UTF-8 byte order mark for Excel. */
  bom: boolean;
}

export interface ExportSources {
  /** The claims of a scope and their pages ('all': the whole library). */
  read(scope: ExportScope, onProgress: (progress: Progress) => void): Promise<ExportData>;
  /** Settings for a backup (JSON keeps them). */
  settings(): Promise<Record<string, unknown>>;
  /** Markdown heading / collection label for a scope (default: "Claimmark export"). */
  title?(scope: ExportScope): string | undefined;
  deliver(file: ExportResult, action: ExportRequest['action']): Promise<void>;
  onProgress?(progress: Progress): void;
  now?(): Date;
}

/** Runs the export; resolves to the status line ("Copied 3 claims (claimmark-….md)."). */
export async function runExport(request: ExportRequest, sources: ExportSources): Promise<string> {
  const onProgress = (progress: Progress) => sources.onProgress?.(progress);
  // A backup is always the whole library, with the settings.
  const scope: ExportScope = request.format === 'json' ? 'all' : request.scope;
  const data = await sources.read(scope, onProgress);
  const settings = request.format === 'json' ? await sources.settings() : undefined;
  const title = sources.title?.(scope);
  const file = await exportLibrary(request.format, settings ? { ...data, settings } : data, {
    frontMatter: request.frontMatter,
    bom: request.bom,
    onProgress,
    ...(title ? { title } : {}),
    ...(sources.now ? { now: sources.now() } : {}),
  });
  await sources.deliver(file, request.action);
  const n = data.annotations.length;
  const verb = request.action === 'copy' ? 'Copied' : 'Exported';
  const what = request.action === 'copy' ? '' : ` (${file.filename})`;
  return `${verb} ${n.toLocaleString('en-US')} ${n === 1 ? 'claim' : 'claims'}${what}.`;
}
