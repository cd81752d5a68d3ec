import { useState } from 'preact/hooks';
import type { ExportFormat, ExportScope } from '../utils/export/index';
import type { Progress } from '../utils/export/work';
import type { ExportRequest } from '../utils/export/run';
import './ExportMenu.css';

export type { ExportRequest };

export interface ExportMenuProps {
  /** Claims in each scope; a scope left out (or 0) cannot be chosen. `page`: the open page. */
  counts: Partial<Record<ExportScope, number>>;
  /** The scope chosen first (default: results when there are any, else all). */
  defaultScope?: ExportScope;
  /** An export is running: the buttons wait. */
  busy?: boolean;
  progress?: Progress | null;
  /** A short message for screen readers and eyes ("Copied 12 claims"). */
  status?: string;
  error?: string;
  onExport: (request: ExportRequest) => void;
}

const SCOPES: { value: ExportScope; label: string }[] = [
  { value: 'page', label: 'This page' },
  { value: 'results', label: 'Current results' },
  { value: 'all', label: 'Everything' },
];

const FORMATS: { value: ExportFormat; label: string; hint: string }[] = [
  {
    value: 'markdown',
    label: 'Markdown',
    hint: 'for memos and Obsidian, with links to each claim',
  },
  { value: 'csv', label: 'CSV', hint: 'for spreadsheets, one claim per row' },
  { value: 'w3c', label: 'W3C Web Annotations', hint: 'JSON-LD, for other annotation tools' },
  { value: 'json', label: 'Claimmark backup', hint: 'everything, to restore later (JSON)' },
];

/** Export the open page's claims, the current results or everything, in a chosen format. */
export function ExportMenu(props: ExportMenuProps) {
  const available = (scope: ExportScope) => (props.counts[scope] ?? 0) > 0;
  const initial =
    props.defaultScope && available(props.defaultScope)
      ? props.defaultScope
      : available('results')
        ? 'results'
        : 'all';
  const [scope, setScope] = useState<ExportScope>(initial);
  const [format, setFormat] = useState<ExportFormat>('markdown');
  const [frontMatter, setFrontMatter] = useState(false);
  const [bom, setBom] = useState(false);
  // A backup is always the whole library.
  const effectiveScope: ExportScope = format === 'json' ? 'all' : scope;
  const count = props.counts[effectiveScope] ?? 0;
  const request = (action: ExportRequest['action']): ExportRequest => ({
    scope: effectiveScope,
    format,
    action,
    frontMatter,
    bom,
  });
  const disabled = props.busy || (count === 0 && format !== 'json');

  return (
    <form
      class="export-menu"
      aria-label="Export claims"
      onSubmit={(event) => {
        event.preventDefault();
        if (!disabled) props.onExport(request('download'));
      }}
    >
      <fieldset disabled={format === 'json'}>
        <legend>Claims</legend>
        {SCOPES.map(({ value, label }) => (
          <label key={value} class="choice">
            <input
              type="radio"
              name="export-scope"
              value={value}
              checked={effectiveScope === value}
              disabled={!available(value)}
              onChange={() => setScope(value)}
            />
            {label}{' '}
            <span class="count">({(props.counts[value] ?? 0).toLocaleString('en-US')})</span>
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Format</legend>
        {FORMATS.map(({ value, label, hint }) => (
          <label key={value} class="choice">
            <input
              type="radio"
              name="export-format"
              value={value}
              checked={format === value}
              onChange={() => setFormat(value)}
            />
            {label} <span class="hint">— {hint}</span>
          </label>
        ))}
      </fieldset>
      {format === 'markdown' ? (
        <label class="option">
          <input
            type="checkbox"
            checked={frontMatter}
            onChange={(event) => setFrontMatter(event.currentTarget.checked)}
          />
          Add YAML front matter (Obsidian properties)
        </label>
      ) : null}
      {format === 'csv' ? (
        <label class="option">
          <input
            type="checkbox"
            checked={bom}
            onChange={(event) => setBom(event.currentTarget.checked)}
          />
          Start with a byte order mark (for Excel)
        </label>
      ) : null}
      <div class="actions">
        <button type="submit" disabled={disabled}>
          Download
        </button>
        {format === 'markdown' ? (
          <button type="button" disabled={disabled} onClick={() => props.onExport(request('copy'))}>
            Copy to clipboard
          </button>
        ) : null}
      </div>
      {props.busy && props.progress ? (
        <progress
          aria-label="Export progress"
          max={Math.max(props.progress.total, 1)}
          value={props.progress.done}
        />
      ) : null}
      <p class="status" role="status" aria-live="polite">
        {props.status ?? ''}
      </p>
      {props.error ? <p role="alert">{props.error}</p> : null}
    </form>
  );
}
