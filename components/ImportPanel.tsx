import './ImportPanel.css';
import type { Progress } from '../utils/export/work';
import { formatName, hasChanges, summaryLines } from '../utils/import/summary';
import type { ConflictPolicy, ImportSummary, Rejection } from '../utils/import/types';

export type ImportState =
  | { step: 'idle' }
  | { step: 'reading'; progress?: Progress }
  | { step: 'review'; fileName: string; summary: ImportSummary }
  | { step: 'importing'; progress?: Progress }
  | { step: 'done'; summary: ImportSummary }
  | { step: 'error'; message: string };

export interface ImportPanelProps {
  state: ImportState;
  /** What to do with claims the library has with other data (default 'newer'). */
  conflict?: ConflictPolicy;
  onConflictChange?: (conflict: ConflictPolicy) => void;
  /** A file was chosen: read it and run the dry run. */
  onFile: (file: File) => void;
  /** Import what the dry run showed. */
  onConfirm: () => void;
  /** Drop the file (back to idle). */
  onCancel: () => void;
}

const PHASES: Record<Progress['phase'], string> = {
  read: 'Reading the file',
  check: 'Checking every record',
  plan: 'Comparing with your library',
  write: 'Saving',
  export: 'Exporting',
};

const CONFLICTS: { value: ConflictPolicy; label: string }[] = [
  { value: 'newer', label: 'Keep the newer edit' },
  { value: 'replace', label: "Use the file's version" },
  { value: 'keep', label: 'Keep my version' },
];

/** Shown at most; the rest are counted. */
const MAX_REJECTIONS = 100;

/** Restore a backup or bring in W3C annotations: choose a file, review the dry run, import. */
export function ImportPanel(props: ImportPanelProps) {
  const { state } = props;
  const working = state.step === 'reading' || state.step === 'importing';
  return (
    <section class="import-panel" aria-label="Import claims" aria-busy={working}>
      <label class="file">
        Import a Claimmark backup, W3C annotations, a Hypothesis or Obsidian Web Clipper export, or
        a CSV (.json, .jsonld, .csv)
        <input
          type="file"
          accept=".json,.jsonld,.csv,application/json,application/ld+json,text/csv"
          disabled={working}
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            event.currentTarget.value = '';
            if (file) props.onFile(file);
          }}
        />
      </label>
      {working ? <Working progress={state.progress} /> : null}
      {state.step === 'review' ? <Review {...props} state={state} /> : null}
      {state.step === 'done' ? (
        <div class="import-done" role="status">
          <p>Imported. {summaryLines(state.summary).join('. ')}.</p>
          <Rejections rejections={state.summary.rejections} />
        </div>
      ) : null}
      {state.step === 'error' ? (
        <p class="import-error" role="alert">
          {state.message}
        </p>
      ) : null}
    </section>
  );
}

function Working({ progress }: { progress: Progress | undefined }) {
  const label = progress ? PHASES[progress.phase] : 'Working';
  return (
    <div class="import-progress" role="status">
      <span>{label}…</span>
      <progress
        aria-label={label}
        max={Math.max(progress?.total ?? 0, 1)}
        value={progress && progress.total > 0 ? progress.done : undefined}
      />
    </div>
  );
}

function Review(props: ImportPanelProps & { state: { fileName: string; summary: ImportSummary } }) {
  const { fileName, summary } = props.state;
  const changes = hasChanges(summary);
  const writes = summary.annotations.new + summary.annotations.updated;
  return (
    <div class="import-review">
      <p>
        <strong>{fileName}</strong> — {formatName(summary)}. Nothing has been changed yet.
      </p>
      <ul class="import-summary">
        {summaryLines(summary).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {summary.warnings.map((warning) => (
        <p key={warning} class="import-warning">
          {warning}
        </p>
      ))}
      <Rejections rejections={summary.rejections} />
      {props.onConflictChange ? (
        <fieldset class="import-conflict">
          <legend>Claims you also have, edited differently</legend>
          {CONFLICTS.map(({ value, label }) => (
            <label key={value} class="choice">
              <input
                type="radio"
                name="import-conflict"
                value={value}
                checked={(props.conflict ?? 'newer') === value}
                onChange={() => props.onConflictChange?.(value)}
              />
              {label}
            </label>
          ))}
        </fieldset>
      ) : null}
      {changes ? null : (
        <p class="import-nothing">Your library already has everything in this file.</p>
      )}
      <div class="actions">
        <button type="button" disabled={!changes} onClick={props.onConfirm}>
          {writes > 0
            ? `Import ${writes.toLocaleString('en-US')} ${writes === 1 ? 'claim' : 'claims'}`
            : 'Import'}
        </button>
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

function Rejections({ rejections }: { rejections: Rejection[] }) {
  if (rejections.length === 0) return null;
  const shown = rejections.slice(0, MAX_REJECTIONS);
  return (
    <details class="import-rejections">
      <summary>
        {rejections.length.toLocaleString('en-US')} {rejections.length === 1 ? 'record' : 'records'}{' '}
        not imported — why
      </summary>
      <ul>
        {shown.map((r) => (
          <li key={`${r.kind}-${r.index}-${r.id ?? ''}`}>
            {r.kind} #{r.index + 1}
            {r.id ? ` (${r.id})` : ''}: {r.reason}
          </li>
        ))}
      </ul>
      {rejections.length > shown.length ? (
        <p>…and {(rejections.length - shown.length).toLocaleString('en-US')} more.</p>
      ) : null}
    </details>
  );
}
