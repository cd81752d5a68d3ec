import type { ClaimType } from '../utils/model';
import { CLAIM_TYPES } from '../utils/model';

export const TYPE_LABELS: Record<ClaimType, string> = {
  figure: 'Figure',
  quote: 'Quote',
  date: 'Date',
  forecast: 'Forecast',
  claim: 'Claim',
};

export interface ToolbarProps {
  type: ClaimType;
  tags: string;
  busy: boolean;
  error: string;
  onTypeChange: (type: ClaimType) => void;
  onTagsChange: (tags: string) => void;
  onSave: () => void;
  onClose: () => void;
}

/** The small bar shown next to a selection: pick a type, add tags, save. */
export function Toolbar(props: ToolbarProps) {
  return (
    <form
      class="toolbar"
      role="dialog"
      aria-label="Claimmark"
      onSubmit={(event) => {
        event.preventDefault();
        props.onSave();
      }}
      onMouseDown={(event) => {
        // Keep the page's selection visible while the reader clicks our buttons.
        const target = event.target as HTMLElement;
        if (!target.matches('input[type="text"]')) event.preventDefault();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') props.onClose();
      }}
    >
      <fieldset class="types">
        <legend class="visually-hidden">Claim type</legend>
        {CLAIM_TYPES.map((type) => (
          <label key={type} class={`type type-${type}`}>
            <input
              type="radio"
              name="claim-type"
              value={type}
              checked={props.type === type}
              onChange={() => props.onTypeChange(type)}
            />
            <span>{TYPE_LABELS[type]}</span>
          </label>
        ))}
      </fieldset>
      <input
        class="tags"
        type="text"
        aria-label="Tags"
        placeholder="tags, comma separated"
        value={props.tags}
        onInput={(event) => props.onTagsChange(event.currentTarget.value)}
      />
      <button type="submit" class="save" disabled={props.busy}>
        Save claim
      </button>
      <button type="button" class="close" aria-label="Close" onClick={props.onClose}>
        ×
      </button>
      {props.error ? (
        <p class="error" role="alert">
          {props.error}
        </p>
      ) : null}
    </form>
  );
}
