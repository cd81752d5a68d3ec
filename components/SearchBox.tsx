export interface SearchBoxProps {
  value: string;
  onInput: (value: string) => void;
}

export function SearchBox({ value, onInput }: SearchBoxProps) {
  return (
    <input
      class="search"
      type="search"
      role="searchbox"
      aria-label="Search claims"
      placeholder="Search claims: words, #tags, sites…"
      autoFocus
      value={value}
      onInput={(event) => onInput(event.currentTarget.value)}
    />
  );
}
