import type { ClaimSummary } from '../utils/protocol/to-content';
import { TYPE_LABELS } from '../utils/core/claim-types';

export interface OrphanListProps {
  orphans: ClaimSummary[];
}

/** Claims of the current page whose text is no longer on it: kept, never deleted, listed here. */
export function OrphanList({ orphans }: OrphanListProps) {
  if (orphans.length === 0) return null;
  return (
    <section class="orphans" aria-labelledby="orphans-heading">
      <h2 id="orphans-heading">Not found on this page ({orphans.length})</h2>
      <p class="hint">The page no longer contains these words. The claims are kept.</p>
      <ul aria-label="Not found on this page">
        {orphans.map((claim) => (
          <li key={claim.id} class="orphan">
            <span class={`badge badge-${claim.type}`}>{TYPE_LABELS[claim.type]}</span>{' '}
            <q>{claim.quote}</q>
          </li>
        ))}
      </ul>
    </section>
  );
}
