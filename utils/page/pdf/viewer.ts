/**
 * The pages of a PDF in a scrolling container, rendered lazily: a page gets its canvas and its
 * text layer (PDF.js `TextLayer`, so its text can be selected) only while it is near the
 * viewport, and loses them when it is far, so a 300-page report costs what a few pages cost.
 * Every page has its placeholder at its size from the start, so the scroll bar is right. Zoom
 * re-renders the pages shown. Callbacks say when a page's text layer is in the document and when
 * it went (the claims session paints and forgets its highlights then).
 * DOM code: the document and the container arrive as parameters.
 */
import { TextLayer, type PDFDocumentProxy, type RenderTask } from 'pdfjs-dist';
import type { PdfText } from './document';
import { addLineBreaks, PAGE_INDEX_ATTRIBUTE } from './text-layer';

export interface PdfViewerDeps {
  doc: Document;
  /** The scrolling element the pages go in. */
  container: HTMLElement;
  pdf: PDFDocumentProxy;
  text: PdfText;
  scale?: number;
  /** Page labels as the PDF prints them, when it has any. */
  labels?: readonly string[] | null;
  onPageRendered?: (index: number, textLayer: HTMLElement) => void;
  onPageCleared?: (index: number) => void;
  /** How far beyond the viewport pages are rendered, as a CSS margin. */
  margin?: string;
}

export interface PdfViewer {
  readonly pageCount: number;
  scale(): number;
  setScale(scale: number): Promise<void>;
  scrollToPage(index: number): void;
  /** The page's element (its placeholder when not rendered). */
  pageElement(index: number): HTMLElement;
  /** Its text layer while rendered. */
  textLayer(index: number): HTMLElement | undefined;
  /** Resolves when the page (rendered because it is near the viewport) is shown. */
  whenRendered(index: number): Promise<void>;
  destroy(): void;
}

interface PageView {
  index: number;
  element: HTMLElement;
  /** PDF page size at scale 1, in CSS pixels. */
  size: { width: number; height: number };
  state: 'empty' | 'rendering' | 'rendered';
  token: number;
  task?: RenderTask;
  layer?: TextLayer;
  textLayer?: HTMLElement;
  waiting: (() => void)[];
}

export async function createPdfViewer(deps: PdfViewerDeps): Promise<PdfViewer> {
  const { doc, container, pdf, text } = deps;
  const win = doc.defaultView!;
  let scale = deps.scale ?? 1.25;
  const first = (await pdf.getPage(1)).getViewport({ scale: 1 });
  const views: PageView[] = [];
  for (let index = 0; index < pdf.numPages; index++) {
    const element = doc.createElement('div');
    element.className = 'pdf-page';
    element.setAttribute(PAGE_INDEX_ATTRIBUTE, String(index));
    element.setAttribute('role', 'region');
    const label = deps.labels?.[index];
    element.setAttribute(
      'aria-label',
      label && label !== String(index + 1) ? `Page ${index + 1} (${label})` : `Page ${index + 1}`,
    );
    const view: PageView = {
      index,
      element,
      size: { width: first.width, height: first.height },
      state: 'empty',
      token: 0,
      waiting: [],
    };
    views.push(view);
    sizePage(view);
    container.append(element);
  }

  function sizePage(view: PageView): void {
    view.element.style.width = `${Math.floor(view.size.width * scale)}px`;
    view.element.style.height = `${Math.floor(view.size.height * scale)}px`;
    view.element.style.setProperty('--total-scale-factor', String(scale));
  }

  async function render(view: PageView): Promise<void> {
    if (view.state !== 'empty') return;
    view.state = 'rendering';
    const token = ++view.token;
    const current = () => view.token === token;
    try {
      const page = await pdf.getPage(view.index + 1);
      const base = page.getViewport({ scale: 1 });
      if (base.width !== view.size.width || base.height !== view.size.height) {
        view.size = { width: base.width, height: base.height };
        sizePage(view);
      }
      const viewport = page.getViewport({ scale });
      const ratio = win.devicePixelRatio || 1;
      const canvas = doc.createElement('canvas');
      canvas.width = Math.floor(viewport.width * ratio);
      canvas.height = Math.floor(viewport.height * ratio);
      canvas.style.width = `${Math.floor(viewport.width)}px`;
      canvas.style.height = `${Math.floor(viewport.height)}px`;
      canvas.setAttribute('aria-hidden', 'true');
      const layerDiv = doc.createElement('div');
      layerDiv.className = 'textLayer';
      const task = page.render({
        canvas,
        canvasContext: canvas.getContext('2d')!,
        viewport,
        transform: ratio !== 1 ? [ratio, 0, 0, ratio, 0, 0] : undefined,
      });
      view.task = task;
      const layer = new TextLayer({
        textContentSource: await text.content(view.index),
        container: layerDiv,
        viewport,
      });
      view.layer = layer;
      await Promise.all([task.promise, layer.render()]);
      if (!current()) return;
      addLineBreaks(layerDiv);
      view.element.replaceChildren(canvas, layerDiv);
      view.textLayer = layerDiv;
      view.state = 'rendered';
      view.element.dataset.rendered = 'true';
      deps.onPageRendered?.(view.index, layerDiv);
      view.waiting.splice(0).forEach((done) => done());
    } catch (error) {
      if (!current()) return;
      view.state = 'empty';
      if ((error as { name?: string }).name !== 'RenderingCancelledException') throw error;
    }
  }

  function clear(view: PageView): void {
    if (view.state === 'empty') return;
    view.token++;
    view.task?.cancel();
    view.layer?.cancel();
    const wasRendered = view.state === 'rendered';
    view.state = 'empty';
    view.task = view.layer = view.textLayer = undefined;
    delete view.element.dataset.rendered;
    view.element.replaceChildren();
    if (wasRendered) deps.onPageCleared?.(view.index);
  }

  const near = new Set<number>();
  const observer = new win.IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        const view = views[Number(entry.target.getAttribute(PAGE_INDEX_ATTRIBUTE))];
        if (!view) continue;
        if (entry.isIntersecting) {
          near.add(view.index);
          void render(view).catch(() => undefined);
        } else {
          near.delete(view.index);
          clear(view);
        }
      }
    },
    { root: container, rootMargin: deps.margin ?? '100% 0px' },
  );
  views.forEach((view) => observer.observe(view.element));

  return {
    pageCount: views.length,
    scale: () => scale,
    async setScale(next) {
      if (next === scale) return;
      const anchorView = views.find(
        (v) => v.element.offsetTop + v.element.offsetHeight > container.scrollTop,
      );
      const within = anchorView
        ? (container.scrollTop - anchorView.element.offsetTop) / anchorView.element.offsetHeight
        : 0;
      scale = next;
      views.forEach((view) => {
        clear(view);
        sizePage(view);
      });
      if (anchorView) {
        container.scrollTop =
          anchorView.element.offsetTop + within * anchorView.element.offsetHeight;
      }
      await Promise.all([...near].map((i) => render(views[i]!).catch(() => undefined)));
    },
    scrollToPage(index) {
      const view = views[Math.min(Math.max(index, 0), views.length - 1)];
      if (view) container.scrollTop = view.element.offsetTop;
    },
    pageElement: (index) => views[index]!.element,
    textLayer: (index) => views[index]?.textLayer,
    whenRendered(index) {
      const view = views[index];
      if (!view || view.state === 'rendered') return Promise.resolve();
      return new Promise((done) => view.waiting.push(done));
    },
    destroy() {
      observer.disconnect();
      views.forEach(clear);
      container.replaceChildren();
    },
  };
}
