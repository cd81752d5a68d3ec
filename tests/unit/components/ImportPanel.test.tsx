// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ImportPanel,
  type ImportPanelProps,
  type ImportState,
} from '../../../components/ImportPanel';
import type { ImportSummary } from '../../../utils/import/types';
import { accessibleNameOf } from '../../support/a11y';

let root: HTMLElement;
afterEach(() => {
  render(null, root);
  root.remove();
});

const SUMMARY: ImportSummary = {
  format: 'claimmark-backup',
  version: 1,
  annotations: { new: 120, updated: 3, unchanged: 40, kept: 1, rejected: 2 },
  pages: { new: 12, updated: 0, unchanged: 5, rejected: 0 },
  settings: { defaultType: 'figure' },
  rejections: [
    { kind: 'annotation', index: 4, id: 'abc', reason: 'type must be a claim type' },
    { kind: 'annotation', index: 9, reason: 'annotation must be an object' },
  ],
  warnings: ['1 text had broken characters (unpaired UTF-16 surrogates), replaced with �.'],
};

function mount(state: ImportState, extra: Partial<ImportPanelProps> = {}) {
  root = document.createElement('div');
  document.body.append(root);
  const props = { onFile: vi.fn(), onConfirm: vi.fn(), onCancel: vi.fn(), ...extra };
  act(() => render(<ImportPanel state={state} {...props} />, root));
  return props;
}

const button = (text: string) =>
  [...root.querySelectorAll('button')].find((b) => b.textContent!.startsWith(text))!;

describe('ImportPanel', () => {
  it('asks for a file, with an accessible name, and hands it over', () => {
    const { onFile } = mount({ step: 'idle' });
    const input = root.querySelector('input[type=file]') as HTMLInputElement;
    expect(accessibleNameOf(input)).toMatch(/^Import a Claimmark backup, W3C annotations/);
    const file = new File(['{}'], 'backup.json', { type: 'application/json' });
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    act(() => void input.dispatchEvent(new Event('change')));
    expect(onFile).toHaveBeenCalledWith(file);
  });

  it('shows the dry run: counts, settings, warnings, reasons, and asks before importing', () => {
    const conflict = vi.fn();
    const props = mount(
      { step: 'review', fileName: 'claimmark-backup-2025-03-07.json', summary: SUMMARY },
      { onConflictChange: conflict },
    );
    const text = root.textContent!;
    expect(text).toContain('Claimmark backup (version 1). Nothing has been changed yet.');
    expect([...root.querySelectorAll('.import-summary li')].map((li) => li.textContent)).toEqual([
      'Claims: 120 new, 3 updated, 40 unchanged, 1 kept (your copy is newer), 2 rejected',
      'Pages: 12 new, 5 unchanged',
      'Settings: 1 setting',
    ]);
    expect(text).toContain('replaced with �');
    expect(root.querySelector('details summary')!.textContent).toBe('2 records not imported — why');
    expect([...root.querySelectorAll('details li')].map((li) => li.textContent)).toEqual([
      'annotation #5 (abc): type must be a claim type',
      'annotation #10: annotation must be an object',
    ]);
    for (const control of root.querySelectorAll('button, input')) {
      expect(accessibleNameOf(control), control.outerHTML).not.toBe('');
    }
    act(() => button('Import 123 claims').click());
    expect(props.onConfirm).toHaveBeenCalled();
    act(() => button('Cancel').click());
    expect(props.onCancel).toHaveBeenCalled();
    const replace = [...root.querySelectorAll('input[type=radio]')].find((r) =>
      accessibleNameOf(r).startsWith("Use the file's version"),
    ) as HTMLInputElement;
    act(() => replace.click());
    expect(conflict).toHaveBeenCalledWith('replace');
  });

  it('says when there is nothing to import, and disables the button', () => {
    const nothing: ImportSummary = {
      ...SUMMARY,
      annotations: { new: 0, updated: 0, unchanged: 5, kept: 0, rejected: 0 },
      pages: { new: 0, updated: 0, unchanged: 1, rejected: 0 },
      rejections: [],
      warnings: [],
    };
    delete nothing.settings;
    mount({ step: 'review', fileName: 'x.jsonld', summary: { ...nothing, format: 'w3c' } });
    expect(root.textContent).toContain('Your library already has everything in this file.');
    expect(button('Import').disabled).toBe(true);
  });

  it('shows progress while working, then the result, or the error', () => {
    mount({ step: 'importing', progress: { phase: 'write', done: 50, total: 200 } });
    const progress = root.querySelector('progress')!;
    expect(accessibleNameOf(progress)).toBe('Saving');
    expect(progress.getAttribute('value')).toBe('50');
    expect((root.querySelector('input[type=file]') as HTMLInputElement).disabled).toBe(true);
    render(null, root);
    act(() =>
      render(
        <ImportPanel
          state={{ step: 'done', summary: SUMMARY }}
          onFile={vi.fn()}
          onConfirm={vi.fn()}
          onCancel={vi.fn()}
        />,
        root,
      ),
    );
    expect(root.querySelector('[role=status]')!.textContent).toMatch(/^Imported\. Claims: 120 new/);
    render(null, root);
    act(() =>
      render(
        <ImportPanel
          state={{ step: 'error', message: 'This file is empty.' }}
          onFile={vi.fn()}
          onConfirm={vi.fn()}
          onCancel={vi.fn()}
        />,
        root,
      ),
    );
    expect(root.querySelector('[role=alert]')!.textContent).toBe('This file is empty.');
  });
});
