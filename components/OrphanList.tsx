import type { ClaimSummary } from '../utils/protocol/to-content';
import { TYPE_LABELS } from '../utils/core/claim-types';

export interface OrphanListProps {
  orphans: ClaimSummary[];
  /** Select new words in the page for one of them (closes the popup). */
  onReattach?: (id: string) => void;
}

const short = (quote: string) => (quote.length > 60 ? `${quote.slice(0, 59)}…` : quote);

/** Claims of the current page whose text is no longer on it: kept, never deleted, listed here. */
export function OrphanList({ orphans, onReattach }: OrphanListProps) {
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
            {onReattach ? (
              <>
                {' '}
                <button
                  type="button"
                  class="secondary"
                  aria-label={`Re-attach claim: ${short(claim.quote)}`}
                  onClick={() => onReattach(claim.id)}
                >
                  Re-attach
                </button>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
