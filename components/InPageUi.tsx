import { render } from 'preact';
import { ClaimEditor, UndoBar } from './ClaimEditor';
import { PickBar } from './PickBar';
import { Toolbar } from './Toolbar';
import { UnsavedClaimBar } from './UnsavedClaimBar';
import { TOOLBAR_CSS } from './toolbar-styles';
import { claimAsMarkdown } from '../utils/export/claim-markdown';
import { copyText } from '../utils/page/clipboard';
import type { Annotation, ClaimType } from '../utils/core/model';
import { UNDO_WINDOW_MS } from '../utils/core/undo';
import type { ClaimExtent, ClaimSession } from '../utils/page/session';
import { STILL_TRYING_MS } from '../utils/page/session/saves';
import type { ReanchorReason } from '../utils/protocol/to-background';
import { createUiHost, toolbarPosition, type UiHost } from '../utils/page/ui-host';

type Position = { top: number; left: number };

const STILL_TRYING =
  'Still trying to save: Claimmark keeps trying for as long as this page is open.';
type View =
  | { kind: 'closed' }
  | {
      kind: 'toolbar';
      range: Range;
      type: ClaimType;
      tags: string[];
      note: string;
      busy: boolean;
      error: string;
      at: Position;
    }
  | { kind: 'card'; id: string; message: string; at: Position }
  | { kind: 'undo'; annotation: Annotation; at: Position }
  /** The reader is selecting new words for a claim (re-attach an orphan, adjust a highlight). */
  | { kind: 'pick'; id: string; reason: ReanchorReason; busy: boolean; error: string; at: Position }
  /** A claim got new words: say so, and offer to put the old extent back (adjust). */
  | { kind: 'extent'; id: string; text: string; previous?: ClaimExtent; at: Position }
  /** A claim the background could not store: retry or discard it (its marks stay, flagged). */
  | { kind: 'unsaved'; id: string; busy: boolean; at: Position };

export interface InPageUi {
  openToolbar(range: Range, type: ClaimType): void;
  openCard(id: string, near: Element): void;
  close(): void;
  /** Whether an event happened inside our UI. */
  contains(path: EventTarget[]): boolean;
  toolbarOpen(): boolean;
  saveFromToolbar(): Promise<void>;
  /** Let the reader select new words for a claim; false when it is not on this page. */
  pick(id: string, reason: ReanchorReason): boolean;
  /** Whether the reader is selecting new words for a claim. */
  picking(): boolean;
}

/**
 * Wiring shared by the page UI and the PDF viewer: the in-page toolbar, claim card and undo bar,
 * in one open shadow root made on first use.
 */
export function createInPageUi(
  doc: Document,
  session: ClaimSession,
  knownTags: () => Promise<string[]>,
): InPageUi {
  let ui: UiHost | undefined;
  let view: View = { kind: 'closed' };
  let tags: string[] = [];
  let undoTimer: number | undefined;
  const win = doc.defaultView!;

  const placeNear = (rect: DOMRect, size = { width: 440, height: 150 }): Position =>
    toolbarPosition(rect, size, { width: win.innerWidth, height: win.innerHeight });

  function set(next: View): void {
    view = next;
    draw();
  }

  function draw(): void {
    if (!ui) return;
    render(
      view.kind === 'closed' ? null : (
        <div style={{ position: 'fixed', top: `${view.at.top}px`, left: `${view.at.left}px` }}>
          {body()}
        </div>
      ),
      ui.mount,
    );
  }

  function body() {
    if (view.kind === 'toolbar') {
      const v = view;
      return (
        <Toolbar
          type={v.type}
          tags={v.tags}
          knownTags={tags}
          note={v.note}
          busy={v.busy}
          error={v.error}
          onTypeChange={(type) => set({ ...v, type })}
          onTagsChange={(next) => set({ ...v, tags: next })}
          onNoteChange={(note) => set({ ...v, note })}
          onSave={() => void saveFromToolbar()}
          onClose={close}
        />
      );
    }
    if (view.kind === 'card') {
      const v = view;
      const claim = session.get(v.id);
      if (!claim) return null;
      const a = claim.annotation;
      const report = (message: string) =>
        view.kind === 'card' && view.id === v.id && set({ ...view, message });
      const apply = async (patch: Parameters<ClaimSession['update']>[1]) => {
        const result = await session.update(v.id, patch);
        report(result.ok ? 'Saved' : `Not saved: ${result.error}`);
      };
      return (
        <ClaimEditor
          quote={a.quote}
          type={a.type}
          tags={a.tags}
          note={a.note}
          knownTags={tags}
          approximateText={claim.status === 'approximate' ? a.anchor?.text : undefined}
          placedByQuoteOnly={claim.placedByQuote === true}
          message={v.message}
          onAdjust={() => startPick(v.id, 'adjust')}
          onTypeChange={(type) => void apply({ type })}
          onTagsChange={(next) => void apply({ tags: next })}
          onNoteCommit={(note) => void apply({ note })}
          author={a.author}
          otherNotes={a.otherNotes}
          onKeepNote={(note) => void apply({ note, resolveOtherNotes: true })}
          onCopy={() =>
            void copyText(doc, ui!.shadow, claimAsMarkdown(a, session.title())).then((ok) =>
              report(ok ? 'Copied as Markdown' : 'Could not copy'),
            )
          }
          onDelete={() =>
            void session.remove(v.id).then((result) => {
              if (!result.ok) return report(`Not deleted: ${result.error}`);
              set({ kind: 'undo', annotation: result.value, at: v.at });
              win.clearTimeout(undoTimer);
              undoTimer = win.setTimeout(() => view.kind === 'undo' && close(), UNDO_WINDOW_MS);
            })
          }
          onClose={close}
        />
      );
    }
    if (view.kind === 'unsaved') {
      const v = view;
      const claim = session.unsaved(v.id);
      if (!claim) return null;
      return (
        <UnsavedClaimBar
          quote={claim.quote}
          error={claim.error}
          stillTrying={claim.stillTrying}
          busy={v.busy || claim.saving}
          onRetry={() => void retry(v.id)}
          onDiscard={() => {
            if (session.discard(v.id)) close();
          }}
          onClose={close}
        />
      );
    }
    if (view.kind === 'pick') {
      const v = view;
      const claim = session.get(v.id);
      if (!claim) return null;
      return (
        <PickBar
          reason={v.reason}
          quote={claim.annotation.quote}
          error={v.error}
          busy={v.busy}
          onCancel={close}
        />
      );
    }
    if (view.kind === 'extent') {
      const v = view;
      const previous = v.previous;
      if (!previous) {
        return (
          <div class="undo" role="status">
            {v.text}{' '}
            <button type="button" class="close" aria-label="Dismiss" onClick={close}>
              ×
            </button>
          </div>
        );
      }
      return (
        <UndoBar
          text={v.text}
          onUndo={() =>
            void session.setExtent(v.id, previous, 'adjust').then((result) => {
              if (result.ok) close();
              else set({ ...v, text: `Not undone: ${result.error}` });
            })
          }
          onClose={close}
        />
      );
    }
    if (view.kind === 'undo') {
      const v = view;
      return (
        <UndoBar
          onUndo={() => void session.restore(v.annotation).then(() => close())}
          onClose={close}
        />
      );
    }
    return null;
  }

  async function saveFromToolbar(): Promise<void> {
    if (view.kind !== 'toolbar' || view.busy) return;
    const v = { ...view, busy: true, error: '' };
    set(v);
    // The background has not answered for a while: say so; the save goes on until it answers.
    const slow = win.setTimeout(() => {
      if (view.kind === 'toolbar' && view.busy && view.range === v.range)
        set({ ...view, error: STILL_TRYING });
    }, STILL_TRYING_MS);
    const result = await session
      .save(v.range, { type: v.type, tags: v.tags, note: v.note.trim() })
      .catch((error: unknown) => ({
        ok: false as const,
        error: error instanceof Error ? error.message : String(error),
      }))
      .finally(() => win.clearTimeout(slow));
    if (result.ok) {
      doc.getSelection()?.removeAllRanges();
      tags = [...new Set([...tags, ...result.value.tags])];
      close();
    } else if ('unsaved' in result && result.unsaved) {
      // Kept on the page as unsaved: the selection goes so its flagged marks show.
      doc.getSelection()?.removeAllRanges();
      set({ kind: 'unsaved', id: result.unsaved, busy: false, at: v.at });
    } else if (view.kind === 'toolbar') {
      set({ ...view, busy: false, error: `Not saved: ${result.error}` });
    }
  }

  async function retry(id: string): Promise<void> {
    if (view.kind !== 'unsaved' || view.id !== id || view.busy) return;
    set({ ...view, busy: true });
    const result = await session.retry(id);
    if (view.kind !== 'unsaved' || view.id !== id) return;
    if (result.ok) close();
    else set({ ...view, busy: false });
  }

  function close(): void {
    set({ kind: 'closed' });
  }

  /** Top centre of the window: out of the way of the words the reader is about to select. */
  const topCentre = (): Position => ({ top: 12, left: Math.max(8, win.innerWidth / 2 - 260) });

  function startPick(id: string, reason: ReanchorReason): boolean {
    if (!session.get(id)) return false;
    ensureUi();
    set({ kind: 'pick', id, reason, busy: false, error: '', at: topCentre() });
    return true;
  }

  /** The reader selected the claim's new words (a trusted mouseup or keyup). */
  async function finishPick(range: Range): Promise<void> {
    if (view.kind !== 'pick' || view.busy) return;
    const v = { ...view, busy: true, error: '' };
    set(v);
    const result = await session.reanchor(v.id, range, v.reason);
    if (view.kind !== 'pick' || view.id !== v.id) return;
    if (!result.ok) {
      set({ ...v, busy: false, error: `Not changed: ${result.error}` });
      return;
    }
    doc.getSelection()?.removeAllRanges();
    const extent: View =
      v.reason === 'reattach'
        ? { kind: 'extent', id: v.id, text: 'Claim re-attached.', at: v.at }
        : {
            kind: 'extent',
            id: v.id,
            text: 'Highlight adjusted.',
            previous: result.value.previous,
            at: v.at,
          };
    set(extent);
    win.clearTimeout(undoTimer);
    undoTimer = win.setTimeout(() => view.kind === 'extent' && close(), UNDO_WINDOW_MS);
  }

  function ensureUi(): UiHost {
    ui ??= createUiHost(doc, TOOLBAR_CSS);
    void knownTags().then((list) => {
      tags = [...new Set([...list, ...tags])]; // keep tags saved on this page since the fetch
      draw();
    });
    return ui;
  }

  return {
    openToolbar(range, type) {
      if (view.kind === 'pick') {
        void finishPick(range);
        return;
      }
      ensureUi();
      const rects = range.getClientRects();
      const last = rects[rects.length - 1] ?? range.getBoundingClientRect();
      const first = range.getBoundingClientRect();
      const at = placeNear(new DOMRect(last.left, first.top, last.width, last.bottom - first.top));
      set({ kind: 'toolbar', range, type, tags: [], note: '', busy: false, error: '', at });
    },
    openCard(id, near) {
      ensureUi();
      const at = placeNear(near.getBoundingClientRect(), { width: 440, height: 260 });
      const show = () => {
        if (!session.unsaved(id)) return set({ kind: 'card', id, message: '', at });
        set({ kind: 'unsaved', id, busy: false, at });
        // Still being sent: the bar follows the outcome (gone once stored).
        void session.whenSettled(id).then(() => {
          if (view.kind !== 'unsaved' || view.id !== id) return;
          if (session.unsaved(id)) draw();
          else close();
        });
      };
      const pending = session.unsaved(id);
      // Its first save is still on its way (a click right after Save): the card once it lands.
      if (pending?.saving && !pending.error && !pending.stillTrying)
        void session.whenSettled(id).then(show);
      else show();
    },
    close,
    contains: (path) => (ui ? path.includes(ui.host) : false),
    toolbarOpen: () => view.kind === 'toolbar',
    saveFromToolbar,
    pick: startPick,
    picking: () => view.kind === 'pick',
  };
}
