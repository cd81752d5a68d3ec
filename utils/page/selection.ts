/**
 * The reader's current selection as a Range over page text, or null when there is nothing to
 * save (collapsed, outside <body>, or inside our own UI). DOM code: the document is a parameter.
 */
import { UI_ATTRIBUTE } from './anchoring/text-model';

export function selectedRange(doc: Document): Range | null {
  const selection = doc.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  const body = doc.body;
  if (!body || !body.contains(range.commonAncestorContainer)) return null;
  const container =
    range.commonAncestorContainer instanceof Element
      ? range.commonAncestorContainer
      : range.commonAncestorContainer.parentElement;
  if (container?.closest(`[${UI_ATTRIBUTE}]`)) return null;
  if (range.toString().trim() === '') return null;
  return range.cloneRange();
}
