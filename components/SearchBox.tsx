export interface SearchBoxProps {
  value: string;
  onInput: (value: string) => void;
  /** ↑ ↓ move through the results, Enter opens one (handled by the owner). */
  onKeyDown?: (event: KeyboardEvent) => void;
  /** Id of the list of results the box drives, and of the result chosen with the arrows. */
  controls?: string;
  activeId?: string;
}

/** The search field: the query language is explained in its placeholder and title. */
export function SearchBox({ value, onInput, onKeyDown, controls, activeId }: SearchBoxProps) {
  return (
    <input
      class="search"
      type="search"
      role="searchbox"
      aria-label="Search claims"
      aria-controls={controls}
      aria-activedescendant={activeId}
      placeholder={'Search claims: words, "phrases", tag:, type:, site:…'}
      title={
        'Words match the start of words (tikt → TikTok); numbers as written ($17, 17bn).\n' +
        '"exact phrase"   -leave out   tag:x or #x   type:figure   site:bloomberg.com\n' +
        'before:2025-04-01   after:2025-01'
      }
      autoFocus
      autoComplete="off"
      spellcheck={false}
      value={value}
      onInput={(event) => onInput(event.currentTarget.value)}
      onKeyDown={onKeyDown}
    />
  );
}
