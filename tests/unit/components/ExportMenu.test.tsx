// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ExportMenu, type ExportRequest } from '../../../components/ExportMenu';
import { accessibleNameOf } from '../../support/a11y';

let root: HTMLElement;
afterEach(() => {
  render(null, root);
  root.remove();
});

function mount(props: Partial<Parameters<typeof ExportMenu>[0]> = {}) {
  root = document.createElement('div');
  document.body.append(root);
  const onExport = vi.fn<(request: ExportRequest) => void>();
  act(() =>
    render(
      <ExportMenu counts={{ page: 2, results: 5, all: 9 }} onExport={onExport} {...props} />,
      root,
    ),
  );
  return { onExport };
}

function click(element: Element | null | undefined) {
  act(() => (element as HTMLElement).click());
}

const byLabel = (text: string) =>
  [...root.querySelectorAll('input')].find((input) => accessibleNameOf(input).startsWith(text));

describe('ExportMenu', () => {
  it('gives everything clickable an accessible name', () => {
    mount();
    const controls = [...root.querySelectorAll('button, input')];
    expect(controls.length).toBeGreaterThan(6);
    for (const control of controls)
      expect(accessibleNameOf(control), control.outerHTML).not.toBe('');
    expect(root.querySelector('form')!.getAttribute('aria-label')).toBe('Export claims');
  });

  it('exports the current results as Markdown by default, and copies on request', () => {
    const { onExport } = mount();
    click(root.querySelector('button[type=submit]'));
    expect(onExport).toHaveBeenLastCalledWith({
      scope: 'results',
      format: 'markdown',
      action: 'download',
      frontMatter: false,
      bom: false,
    });
    click(byLabel('Add YAML front matter'));
    click([...root.querySelectorAll('button')].find((b) => b.textContent === 'Copy to clipboard'));
    expect(onExport).toHaveBeenLastCalledWith(
      expect.objectContaining({ action: 'copy', frontMatter: true }),
    );
  });

  it('offers the BOM for CSV, exports everything for a backup, and disables empty scopes', () => {
    const { onExport } = mount({ counts: { results: 0, all: 3 } });
    expect(byLabel('This page')!.disabled).toBe(true);
    expect(byLabel('Current results')!.disabled).toBe(true);
    expect(byLabel('Everything')!.checked).toBe(true);
    click(byLabel('CSV'));
    click(byLabel('Start with a byte order mark'));
    click(root.querySelector('button[type=submit]'));
    expect(onExport).toHaveBeenLastCalledWith(
      expect.objectContaining({ format: 'csv', bom: true, scope: 'all' }),
    );
    click(byLabel('Claimmark backup'));
    click(root.querySelector('button[type=submit]'));
    expect(onExport).toHaveBeenLastCalledWith(
      expect.objectContaining({ format: 'json', scope: 'all' }),
    );
    expect(root.querySelector('button[type=submit]')!.textContent).toBe('Download');
  });

  it('shows progress while busy, and status and errors in live regions', () => {
    mount({
      busy: true,
      progress: { phase: 'export', done: 3, total: 10 },
      status: 'Working',
      error: 'Disk full',
    });
    const progress = root.querySelector('progress')!;
    expect(accessibleNameOf(progress)).toBe('Export progress');
    expect(progress.getAttribute('value')).toBe('3');
    expect((root.querySelector('button[type=submit]') as HTMLButtonElement).disabled).toBe(true);
    expect(root.querySelector('[role=status]')!.textContent).toBe('Working');
    expect(root.querySelector('[role=alert]')!.textContent).toBe('Disk full');
  });
});
