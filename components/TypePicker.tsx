import { CLAIM_TYPES, TYPE_LABELS, type ClaimType } from '../utils/core/claim-types';

export interface TypePickerProps {
  value: ClaimType;
  onChange: (type: ClaimType) => void;
  name: string;
}

/** The claim types as a radio group (arrow keys move between them), each in its colour. */
export function TypePicker({ value, onChange, name }: TypePickerProps) {
  return (
    <fieldset class="types">
      <legend class="visually-hidden">Claim type</legend>
      {CLAIM_TYPES.map((type) => (
        <label key={type} class={`type type-${type}`}>
          <input
            type="radio"
            name={name}
            value={type}
            checked={value === type}
            onChange={() => onChange(type)}
          />
          <span>{TYPE_LABELS[type]}</span>
        </label>
      ))}
    </fieldset>
  );
}
