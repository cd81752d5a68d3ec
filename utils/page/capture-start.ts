/**
 * Until the part of the content script that captures (toolbar and card) runs, the reader's own
 * selection loads it: as soon as a selection is being made (mouse still down, Shift still held),
 * so the toolbar is ready at mouse-up, and a trusted mouseup or Shift/arrow keyup that ends one is
 * handed to it once loaded. Loading acts on nothing by itself: only the reader's own mouse-up or
 * key opens the toolbar. Shared by the always-on script (entrypoints/page-start) and the painter
 * (entrypoints/page-paint). DOM code: the document is a parameter.
 */
import { selectedRange } from './selection';
import { endsSelection } from './selection-end';

export interface CapturePart {
  /** The capturing part runs (it listens for itself from then on). */
  running(): boolean;
  /** Load it (once; a failed load may be asked again). */
  load(): Promise<{ selectionEnded(event: Event): void }>;
}

export interface CaptureListeners {
  /** A `selectionchange`: start loading when a selection is being made. */
  selectionChanged(): void;
  /** A mouseup or keyup: when it ended a selection, open the toolbar once loaded. */
  selectionEnded(event: Event): void;
  stop(): void;
}

const notLoaded = () => {}; // the background could not inject it (the extension was updated)

export function loadOnCapture(doc: Document, part: CapturePart): CaptureListeners {
  const selectionChanged = () => {
    if (!part.running() && doc.getSelection()?.isCollapsed === false) part.load().catch(notLoaded);
  };
  const selectionEnded = (event: Event) => {
    if (part.running() || !endsSelection(event)) return;
    setTimeout(() => {
      if (selectedRange(doc)) void part.load().then((ui) => ui.selectionEnded(event), notLoaded);
    }, 0);
  };
  doc.addEventListener('selectionchange', selectionChanged);
  doc.addEventListener('mouseup', selectionEnded);
  doc.addEventListener('keyup', selectionEnded);
  return {
    selectionChanged,
    selectionEnded,
    stop() {
      doc.removeEventListener('selectionchange', selectionChanged);
      doc.removeEventListener('mouseup', selectionEnded);
      doc.removeEventListener('keyup', selectionEnded);
    },
  };
}
