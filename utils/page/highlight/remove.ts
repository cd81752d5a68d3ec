/** Finding, retyping and removing the marks of a painted highlight. */
import type { ClaimType } from '../../core/model';
import { wasSplitOff } from './paint';
import { isText } from './portions';
import { applyType, HIGHLIGHT_ATTRIBUTE, HIGHLIGHT_CLASS } from './style';

/** Marks of `id` under root, in document order. Page elements with the same attribute are not. */
export function highlightsOf(root: ParentNode, id: string): HTMLElement[] {
  const marks = root.querySelectorAll<HTMLElement>(
    `mark.${HIGHLIGHT_CLASS}[${HIGHLIGHT_ATTRIBUTE}]`,
  );
  return Array.from(marks).filter((mark) => mark.getAttribute(HIGHLIGHT_ATTRIBUTE) === id);
}

/** Change the type (colour) of painted marks of `id`. */
export function setHighlightType(root: ParentNode, id: string, type: ClaimType): void {
  for (const mark of highlightsOf(root, id)) applyType(mark, type);
}

/**
 * Remove every mark of `id` under root, restoring the DOM exactly: each mark's children move back
 * in its place and the Text pieces painting split off are merged into their left neighbour. Text
 * nodes the page itself kept apart stay apart (no `normalize()`); pieces still parted by another
 * highlight's marks are merged when that highlight goes.
 */
export function removeHighlight(root: ParentNode, id: string): void {
  for (const mark of highlightsOf(root, id)) {
    const parent = mark.parentNode;
    if (!parent) continue;
    // The nodes that may now touch: the mark's old neighbours and its children.
    const run: ChildNode[] = mark.previousSibling ? [mark.previousSibling] : [];
    for (let child = mark.firstChild; child; child = mark.firstChild) {
      run.push(child);
      parent.insertBefore(child, mark);
    }
    if (mark.nextSibling) run.push(mark.nextSibling);
    mark.remove();
    let left: ChildNode | null = run[0] ?? null;
    for (const right of run.slice(1)) {
      if (isText(left) && isText(right) && wasSplitOff(right) && left.nextSibling === right) {
        left.appendData(right.data);
        right.remove();
      } else left = right;
    }
  }
}
