export interface UnsavedClaimBarProps {
  quote: string;
  /** Why the claim could not be stored, as the background said it. */
  error: string;
  /** A retry is under way. */
  busy: boolean;
  /** The background has not answered for a while; the save is being sent again. */
  stillTrying?: boolean;
  onRetry: () => void;
  onDiscard: () => void;
  onClose: () => void;
}

/**
 * Shown when a claim could not be stored (storage full…): its highlight stays on the page, marked
 * unsaved, until the reader retries or discards it. Closing keeps it unsaved; a click on the
 * highlight brings this bar back.
 */
export function UnsavedClaimBar(props: UnsavedClaimBarProps) {
  return (
    <section
      class="card"
      role="dialog"
      aria-label="Claim not saved"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          props.onClose();
        }
      }}
    >
      <div class="row">
        <q class="card-quote">{props.quote}</q>
        <button type="button" class="close" aria-label="Close" onClick={props.onClose}>
          ×
        </button>
      </div>
      <p class="error" role="alert">
        {props.stillTrying
          ? 'Still trying to save: Claimmark keeps trying for as long as this page is open.'
          : props.busy
            ? 'Saving again…'
            : `Not saved. ${props.error}`}
      </p>
      <div class="row end">
        <button type="button" class="save" disabled={props.busy} onClick={props.onRetry}>
          Retry
        </button>
        <button type="button" class="danger" disabled={props.busy} onClick={props.onDiscard}>
          Discard
        </button>
      </div>
    </section>
  );
}
