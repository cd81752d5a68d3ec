import type { ClaimType } from '../utils/core/model';
import { CLAIM_TYPES } from '../utils/core/model';
import { TYPE_LABELS } from '../utils/core/claim-types';

export type TypeFilterValue = ClaimType | 'all';

export interface TypeFilterProps {
  value: TypeFilterValue;
  counts: Record<ClaimType, number>;
  onChange: (value: TypeFilterValue) => void;
}

/**
 * Filter chips for the claim types with their counts, as one radio group (arrow keys move, one
 * Tab stop). Types without claims are left out, unless selected.
 */
export function TypeFilter({ value, counts, onChange }: TypeFilterProps) {
  const total = CLAIM_TYPES.reduce((sum, type) => sum + counts[type], 0);
  const shown = CLAIM_TYPES.filter((type) => counts[type] > 0 || type === value);
  const options: { key: TypeFilterValue; label: string; count: number }[] = [
    { key: 'all', label: 'All', count: total },
    ...shown.map((type) => ({ key: type, label: TYPE_LABELS[type], count: counts[type] })),
  ];
  return (
    <fieldset class="types filter">
      <legend class="visually-hidden">Show claims of type</legend>
      {options.map(({ key, label, count }) => (
        <label key={key} class={`type type-${key}`}>
          <input
            type="radio"
            name="type-filter"
            value={key}
            checked={value === key}
            onChange={() => onChange(key)}
          />
          <span>
            {label} <span class="count">({count})</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
