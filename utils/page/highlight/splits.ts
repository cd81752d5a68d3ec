/**
 * Keeping a text model (anchoring/text-model.ts) current across painting, without walking the DOM
 * again: painting keeps the text and only splits Text nodes, so the model after a paint is the
 * same text over the pieces (paint.ts reports them as {@link Splits}). Lets a page with thousands
 * of claims be painted in slices against one model. DOM code: the nodes come in the model.
 */
import type { TextModel } from '../anchoring/text-model';
import type { Splits } from './paint';

/** The model once `splits` happened: each split node replaced by its pieces, same text. */
export function afterSplits(model: TextModel, splits: Splits): TextModel {
  if (splits.size === 0) return model;
  const nodes: Text[] = [];
  const starts: number[] = [];
  model.nodes.forEach((node, i) => {
    let start = model.starts[i]!;
    for (const piece of splits.get(node) ?? [node]) {
      nodes.push(piece);
      starts.push(start);
      start += piece.length;
    }
  });
  return { root: model.root, text: model.text, nodes, starts };
}

/**
 * Whether every node of the model is still in the document with the text the model holds for it:
 * then ranges made from it are right. Text the page added since is not in it (the page's own
 * changes are watched and trigger a new pass: watch-dom.ts).
 */
export function isCurrentModel(model: TextModel): boolean {
  const { nodes, starts, text } = model;
  return nodes.every((node, i) => {
    const end = i + 1 < starts.length ? starts[i + 1]! : text.length;
    return node.isConnected && node.length === end - starts[i]!;
  });
}
