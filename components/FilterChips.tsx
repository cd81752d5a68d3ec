export interface FilterChip {
  /** What the chip filters on, e.g. `type`, and by what, e.g. `figure`. */
  kind: 'type' | 'tag' | 'site';
  value: string;
  label: string;
  active: boolean;
}

export interface FilterChipsProps {
  chips: FilterChip[];
  onToggle: (chip: FilterChip) => void;
}

const GROUPS: { kind: FilterChip['kind']; label: string }[] = [
  { kind: 'type', label: 'Type' },
  { kind: 'tag', label: 'Tags' },
  { kind: 'site', label: 'Sites' },
];

/**
 * Toggle buttons that add a filter to the query or take it out (`type:figure`, `tag:x`,
 * `site:x`): the query stays the one place the search is described.
 */
export function FilterChips({ chips, onToggle }: FilterChipsProps) {
  if (chips.length === 0) return null;
  return (
    <div class="chips" role="group" aria-label="Filters">
      {GROUPS.map(({ kind, label }) => {
        const group = chips.filter((c) => c.kind === kind);
        if (group.length === 0) return null;
        return (
          <span key={kind} class={`chip-group chip-group-${kind}`}>
            <span class="chip-group-label">{label}</span>
            {group.map((chip) => (
              <button
                key={chip.value}
                type="button"
                class={`chip chip-${kind}${kind === 'type' ? ` badge-${chip.value}` : ''}`}
                aria-pressed={chip.active}
                title={`${chip.active ? 'Remove' : 'Add'} ${kind}:${chip.value}`}
                onClick={() => onToggle(chip)}
              >
                {chip.label}
              </button>
            ))}
          </span>
        );
      })}
    </div>
  );
}
