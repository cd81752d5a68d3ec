/**
 * The popup's exports: the open page's claims, the current results or everything, in any format,
 * downloaded or copied. Reads from the extension's database (the popup is an extension page).
 */
import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { ExportRequest } from '../../components/ExportMenu';
import type { ClaimmarkDB } from '../../utils/store/db';
import { downloadText } from '../../utils/page/download';
import type { ExportData, ExportScope, Progress } from '../../utils/export/index';
import { runExport } from '../../utils/export/run';
import { readLibrary } from '../../utils/import/library';
import type { Page } from '../../utils/core/model';
import type { SearchEngine } from '../../utils/search/engine';
import { loadSettings } from '../../utils/store/settings';

export interface ExportState {
  busy: boolean;
  progress: Progress | null;
  status: string;
  error: string;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** `pageUrl`: the stored page of the active tab (null where it has no claims). */
export function useExport(
  db: ClaimmarkDB,
  engine: SearchEngine,
  query: string,
  pageUrl: string | null,
) {
  const [state, setState] = useState<ExportState>({
    busy: false,
    progress: null,
    status: '',
    error: '',
  });

  async function read(
    scope: ExportScope,
    onProgress: (progress: Progress) => void,
  ): Promise<ExportData> {
    if (scope === 'all') return readLibrary(db, { onProgress });
    if (scope === 'page') {
      if (!pageUrl) return { pages: [], annotations: [] };
      const [page, annotations] = await db.transaction('r', db.pages, db.annotations, () =>
        Promise.all([db.pages.get(pageUrl), db.annotations.where('url').equals(pageUrl).toArray()]),
      );
      return { pages: page ? [page] : [], annotations };
    }
    const hits = await engine.all(query);
    const pages = new Map<string, Page>();
    for (const { page } of hits) if (page) pages.set(page.url, page);
    return { pages: [...pages.values()], annotations: hits.map((h) => h.annotation) };
  }

  async function exportNow(request: ExportRequest): Promise<void> {
    setState({ busy: true, progress: null, status: '', error: '' });
    try {
      const onProgress = (progress: Progress) => setState((s) => ({ ...s, progress }));
      const status = await runExport(request, {
        read,
        settings: async () => ({ ...(await loadSettings(browser.storage.local)) }),
        title: (scope) =>
          scope === 'results' && query.trim() ? `Claims matching “${query.trim()}”` : undefined,
        deliver: async (file, action) => {
          if (action === 'copy') await navigator.clipboard.writeText(file.text);
          else downloadText(document, file.filename, file.text, file.mime);
        },
        onProgress,
      });
      setState({ busy: false, progress: null, status, error: '' });
    } catch (error) {
      setState({
        busy: false,
        progress: null,
        status: '',
        error: `Not exported: ${message(error)}`,
      });
    }
  }

  return { ...state, onExport: (request: ExportRequest) => void exportNow(request) };
}
