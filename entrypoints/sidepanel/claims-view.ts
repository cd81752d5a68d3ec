/**
 * What the side panel lists: the claims stored for the page (fresh type, tags and note, from the
 * database) in the order and with the anchoring status the tab's content script reports. Pure.
 */
import type { PanelClaim } from '../../components/PanelClaimItem';
import type { TypeFilterValue } from '../../components/TypeFilter';
import type { ClaimSummary } from '../../utils/protocol/to-content';
import type { AnnotationPatch } from '../../utils/protocol/to-background';
import type { Annotation, ClaimType } from '../../utils/core/model';
import { CLAIM_TYPES, positionSelectorOf } from '../../utils/core/model';

export interface ClaimsView {
  located: PanelClaim[];
  orphans: PanelClaim[];
  counts: Record<ClaimType, number>;
}

/**
 * `stored` null means the database has not answered yet: the content script's list is shown as
 * is. A stored claim the content script does not know yet (saved a moment ago, or the page still
 * loading) is 'pending' and placed by its saved position; one it knows but the database no longer
 * has (deleted elsewhere) is left out.
 */
export function claimsView(
  content: readonly ClaimSummary[],
  stored: readonly Annotation[] | null,
  filter: TypeFilterValue,
): ClaimsView {
  const reported = new Map(content.map((claim) => [claim.id, claim]));
  const all: (PanelClaim & { created: string })[] =
    stored === null
      ? content.map((claim) => ({ ...claim, created: '' }))
      : stored.map((a) => {
          const seen = reported.get(a.id);
          const status = seen?.status ?? 'pending';
          const start = seen?.start ?? positionSelectorOf(a)?.start;
          return {
            id: a.id,
            quote: a.quote,
            type: a.type,
            tags: a.tags,
            note: a.note,
            status,
            created: a.created,
            ...(start === undefined ? {} : { start }),
            ...(a.author === undefined ? {} : { author: a.author }),
            ...(a.otherNotes?.length ? { otherNotes: a.otherNotes } : {}),
            ...(seen?.placedByQuote ? { placedByQuote: true } : {}),
            ...(status === 'approximate' && a.anchor?.text !== undefined
              ? { approximateText: a.anchor.text }
              : {}),
          };
        });
  const counts = Object.fromEntries(CLAIM_TYPES.map((t) => [t, 0])) as Record<ClaimType, number>;
  for (const claim of all) counts[claim.type]++;
  const shown = all.filter((claim) => filter === 'all' || claim.type === filter);
  const located = shown
    .filter((claim) => claim.status !== 'orphan')
    .sort(
      (a, b) =>
        (a.start ?? Infinity) - (b.start ?? Infinity) ||
        a.created.localeCompare(b.created) ||
        a.id.localeCompare(b.id),
    );
  const orphans = shown.filter((claim) => claim.status === 'orphan');
  return { located: located.map(strip), orphans: orphans.map(strip), counts };
}

function strip({ created: _created, ...claim }: PanelClaim & { created: string }): PanelClaim {
  return claim;
}

/** Edits sent but maybe not stored yet, by claim id: shown at once, so controls never snap back. */
export type PendingEdits = ReadonlyMap<string, AnnotationPatch>;

export function withEdits(stored: readonly Annotation[], edits: PendingEdits): Annotation[] {
  return stored.map((a) => {
    const patch = edits.get(a.id);
    return patch ? { ...a, ...patch } : a;
  });
}

/** The edits the database does not show yet (the others are done: the stored value has them). */
export function unsettledEdits(stored: readonly Annotation[], edits: PendingEdits): PendingEdits {
  const byId = new Map(stored.map((a) => [a.id, a]));
  const left = new Map(
    [...edits].filter(([id, patch]) => {
      const a = byId.get(id);
      if (!a) return false;
      return (
        (patch.type !== undefined && patch.type !== a.type) ||
        (patch.note !== undefined && patch.note !== a.note) ||
        (patch.tags !== undefined && patch.tags.join('\n') !== a.tags.join('\n'))
      );
    }),
  );
  return left.size === edits.size ? edits : left;
}
