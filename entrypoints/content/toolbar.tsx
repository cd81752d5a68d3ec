import { render } from 'preact';
import { Toolbar } from '../../components/Toolbar';
import { TOOLBAR_CSS } from '../../components/toolbar-styles';
import type { ClaimType } from '../../utils/model';
import type { ClaimDraft } from '../../utils/page-session';
import { createUiHost, toolbarPosition, type UiHost } from '../../utils/ui-host';

export interface ToolbarController {
  open(range: Range): void;
  close(): void;
  contains(target: EventTarget | null, path: EventTarget[]): boolean;
}

/** Wiring: renders the Toolbar component next to a selection; the host is created on first use. */
export function createToolbarController(
  doc: Document,
  save: (range: Range, draft: ClaimDraft) => Promise<{ ok: true } | { ok: false; error: string }>,
): ToolbarController {
  let ui: UiHost | undefined;
  let range: Range | null = null;
  let state = { type: 'claim' as ClaimType, tags: '', busy: false, error: '' };
  let position = { top: 0, left: 0 };

  function draw(): void {
    if (!ui) return;
    if (!range) {
      render(null, ui.mount);
      return;
    }
    render(
      <div style={{ position: 'fixed', top: `${position.top}px`, left: `${position.left}px` }}>
        <Toolbar
          {...state}
          onTypeChange={(type) => update({ type })}
          onTagsChange={(tags) => update({ tags })}
          onClose={close}
          onSave={() => void submit()}
        />
      </div>,
      ui.mount,
    );
  }

  function update(patch: Partial<typeof state>): void {
    state = { ...state, ...patch };
    draw();
  }

  async function submit(): Promise<void> {
    if (!range || state.busy) return;
    update({ busy: true, error: '' });
    const tags = state.tags
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    const result = await save(range, { type: state.type, tags, note: '' }).catch(
      (error: unknown) => ({
        ok: false as const,
        error: error instanceof Error ? error.message : String(error),
      }),
    );
    if (result.ok) {
      doc.getSelection()?.removeAllRanges();
      close();
    } else {
      update({ busy: false, error: `Not saved: ${result.error}` });
    }
  }

  function close(): void {
    range = null;
    state = { ...state, tags: '', busy: false, error: '' };
    draw();
  }

  return {
    open(selection) {
      ui ??= createUiHost(doc, TOOLBAR_CSS);
      range = selection;
      const rects = selection.getClientRects();
      const last = rects[rects.length - 1] ?? selection.getBoundingClientRect();
      const view = doc.defaultView;
      position = toolbarPosition(
        { top: selection.getBoundingClientRect().top, bottom: last.bottom, left: last.left },
        { width: 420, height: 48 },
        { width: view?.innerWidth ?? 1024, height: view?.innerHeight ?? 768 },
      );
      state = { ...state, busy: false, error: '' };
      draw();
    },
    close,
    contains: (_target, path) => (ui ? path.includes(ui.host) : false),
  };
}
