import { PanelClaimItem, type PanelClaim, type PanelClaimActions } from './PanelClaimItem';

export interface SidePanelClaimsProps extends PanelClaimActions {
  /** Claims painted (or about to be) on the page, in document order. */
  located: PanelClaim[];
  /** Claims whose text the page no longer has. */
  orphans: PanelClaim[];
  /** The id of the claim whose editor is open. */
  editing: string | null;
  knownTags: string[];
  tagColours: Record<string, string>;
  message: string;
  /** Shown instead of the list when the filter leaves nothing. */
  emptyText: string;
}

/** The current page's claims in document order, then those not found on it, listed apart. */
export function SidePanelClaims(props: SidePanelClaimsProps) {
  const { located, orphans, editing, ...rest } = props;
  const item = (claim: PanelClaim) => (
    <PanelClaimItem key={claim.id} claim={claim} editing={editing === claim.id} {...rest} />
  );
  return (
    <>
      {located.length > 0 ? (
        <ol class="panel-claims" aria-label="Claims on this page">
          {located.map(item)}
        </ol>
      ) : orphans.length === 0 ? (
        <p class="empty">{props.emptyText}</p>
      ) : null}
      {orphans.length > 0 ? (
        <section class="orphans" aria-labelledby="orphans-heading">
          <h2 id="orphans-heading">Not found on this page ({orphans.length})</h2>
          <p class="hint">The page no longer contains these words. The claims are kept.</p>
          <ul class="panel-claims" aria-label="Not found on this page">
            {orphans.map(item)}
          </ul>
        </section>
      ) : null}
    </>
  );
}
