export interface PickBarProps {
  /** 'reattach': an orphan gets new words; 'adjust': a claim's extent changes. */
  reason: 'reattach' | 'adjust';
  /** The claim's quote as stored. */
  quote: string;
  /** Why the last selection was not taken, if it was not. */
  error: string;
  busy: boolean;
  onCancel: () => void;
}

const short = (quote: string) => (quote.length > 120 ? `${quote.slice(0, 119)}…` : quote);

/** Shown while the reader selects a claim's new words in the page. */
export function PickBar(props: PickBarProps) {
  return (
    <div
      class="undo pick"
      role="dialog"
      aria-label={props.reason === 'reattach' ? 'Re-attach claim' : 'Adjust highlight'}
    >
      <p class="pick-text">
        {props.reason === 'reattach'
          ? 'Select the words of this claim in the page: '
          : 'Select the new extent of this highlight: '}
        <q>{short(props.quote)}</q>. Release the mouse, or press Enter after selecting with the
        keyboard.{props.busy ? ' Saving…' : ''}
      </p>
      {props.error ? (
        <p class="error" role="alert">
          {props.error}
        </p>
      ) : null}
      <button type="button" class="secondary" onClick={props.onCancel}>
        Cancel
      </button>
    </div>
  );
}
