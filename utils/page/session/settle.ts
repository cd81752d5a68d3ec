/**
 * How a claim anchored, turned into what the session records and what it tells the background.
 * Pure: given the claim's annotation, the anchoring result and the text it was found in, it
 * returns the claim's new status, start and annotation (with its anchor record), and the report
 * to send when that record differs from the stored one (null otherwise). The time of a new record
 * comes from `now`.
 */
import type { AnchorStatus, Annotation } from '../../core/model';
import { collapseWhitespace } from '../../core/model';
import type { AnchorReport } from '../../protocol/to-background';
import type { Located } from '../anchoring/anchor';

export interface Settled {
  status: AnchorStatus;
  start: number | undefined;
  annotation: Annotation;
  report: AnchorReport | null;
}

export function settle(
  annotation: Annotation,
  found: Located | null,
  text: string,
  now: () => string = () => new Date().toISOString(),
): Settled {
  const status: AnchorStatus = found ? found.status : 'orphan';
  const landed =
    found && status === 'approximate'
      ? collapseWhitespace(text.slice(found.start, found.end))
      : undefined;
  const start = found?.start;
  const last = annotation.anchor;
  if (last && last.status === status && last.text === landed) {
    return { status, start, annotation, report: null };
  }
  const at = now();
  const { id } = annotation;
  return {
    status,
    start,
    annotation: {
      ...annotation,
      anchor: landed === undefined ? { status, at } : { status, at, text: landed },
    },
    report: landed === undefined ? { id, status } : { id, status, text: landed },
  };
}
