import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { ExportRequest } from '../../components/ExportMenu';
import type { ImportState } from '../../components/ImportPanel';
import type { ClaimmarkDB } from '../../utils/store/db';
import { downloadText } from '../../utils/page/download';
import type { Progress } from '../../utils/export/index';
import { runExport } from '../../utils/export/run';
import { applyImport, parseImport, previewImport, readLibrary } from '../../utils/import/index';
import type { ConflictPolicy, ParsedImport } from '../../utils/import/types';
import { loadSettings, parseSettings, saveSettings } from '../../utils/store/settings';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Wiring for "Backup & restore": export everything in any format, import with a dry run first. */
export function useBackup(db: ClaimmarkDB) {
  const [exporting, setExporting] = useState<{
    progress: Progress | null;
    status: string;
    error: string;
  }>({
    progress: null,
    status: '',
    error: '',
  });
  const [busy, setBusy] = useState(false);
  const [importState, setImportState] = useState<ImportState>({ step: 'idle' });
  const [conflict, setConflict] = useState<ConflictPolicy>('newer');
  const [parsed, setParsed] = useState<ParsedImport | null>(null);

  async function exportNow(request: ExportRequest): Promise<void> {
    setBusy(true);
    setExporting({ progress: null, status: '', error: '' });
    try {
      const onProgress = (progress: Progress) => setExporting((e) => ({ ...e, progress }));
      const status = await runExport(request, {
        // Options exports the whole library whatever the scope (the menu offers only it).
        read: () => readLibrary(db, { onProgress }),
        settings: async () => ({ ...(await loadSettings(browser.storage.local)) }),
        deliver: async (file, action) => {
          if (action === 'copy') await navigator.clipboard.writeText(file.text);
          else downloadText(document, file.filename, file.text, file.mime);
        },
        onProgress,
      });
      setExporting({ progress: null, status, error: '' });
    } catch (error) {
      setExporting({ progress: null, status: '', error: `Not exported: ${message(error)}` });
    } finally {
      setBusy(false);
    }
  }

  async function chooseFile(file: File, policy = conflict): Promise<void> {
    setImportState({ step: 'reading' });
    try {
      const onProgress = (progress: Progress) => setImportState({ step: 'reading', progress });
      const read = await parseImport(await file.text(), { onProgress });
      const summary = await previewImport(db, read, { conflict: policy, onProgress });
      setParsed(read);
      setImportState({ step: 'review', fileName: file.name, summary });
    } catch (error) {
      setParsed(null);
      setImportState({ step: 'error', message: message(error) });
    }
  }

  async function confirm(): Promise<void> {
    if (!parsed) return;
    setImportState({ step: 'importing' });
    try {
      const summary = await applyImport(db, parsed, {
        conflict,
        onProgress: (progress) => setImportState({ step: 'importing', progress }),
      });
      if (summary.settings)
        await saveSettings(browser.storage.local, parseSettings(summary.settings));
      setParsed(null);
      setImportState({ step: 'done', summary });
    } catch (error) {
      setImportState({ step: 'error', message: `Nothing was imported: ${message(error)}` });
    }
  }

  return {
    exportMenu: { busy, ...exporting, onExport: (r: ExportRequest) => void exportNow(r) },
    importPanel: {
      state: importState,
      conflict,
      onConflictChange: async (next: ConflictPolicy) => {
        setConflict(next);
        if (parsed && importState.step === 'review') {
          const summary = await previewImport(db, parsed, { conflict: next });
          setImportState({ ...importState, summary });
        }
      },
      onFile: (file: File) => void chooseFile(file),
      onConfirm: () => void confirm(),
      onCancel: () => {
        setParsed(null);
        setImportState({ step: 'idle' });
      },
    },
  };
}
