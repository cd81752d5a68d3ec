import { useState } from 'preact/hooks';

export interface TagInputProps {
  tags: string[];
  /** Tags in use elsewhere, most used first: offered as you type. */
  known: string[];
  onChange: (tags: string[]) => void;
  /** Enter in an empty field: the form's main action (e.g. save). */
  onSubmit?: () => void;
  label?: string;
  idPrefix: string;
}

function clean(tag: string): string {
  return tag.replace(/^#+/, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * Tags as removable chips plus a combobox that completes from known tags. Enter or comma adds
 * the typed tag (or the highlighted suggestion); Backspace in an empty field removes the last.
 */
export function TagInput({
  tags,
  known,
  onChange,
  onSubmit,
  label = 'Tags',
  idPrefix,
}: TagInputProps) {
  const [text, setText] = useState('');
  const [active, setActive] = useState(-1);
  const query = clean(text);
  const options = query
    ? known.filter((t) => t.startsWith(query) && !tags.includes(t)).slice(0, 6)
    : [];
  const listId = `${idPrefix}-tag-options`;

  function add(...added: string[]): void {
    const next = [...tags];
    for (const value of added.map(clean)) if (value && !next.includes(value)) next.push(value);
    if (next.length !== tags.length) onChange(next);
    setText('');
    setActive(-1);
  }

  return (
    <div class="tag-input">
      <ul class="chips" aria-label="Chosen tags">
        {tags.map((tag) => (
          <li key={tag} class="chip">
            #{tag}
            <button
              type="button"
              class="chip-remove"
              aria-label={`Remove tag ${tag}`}
              onClick={() => onChange(tags.filter((t) => t !== tag))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <input
        type="text"
        class="tags"
        role="combobox"
        aria-label={label}
        aria-autocomplete="list"
        aria-expanded={options.length > 0}
        aria-controls={listId}
        aria-activedescendant={active >= 0 ? `${listId}-${active}` : undefined}
        placeholder="add tags"
        value={text}
        onInput={(event) => {
          const value = event.currentTarget.value;
          if (value.includes(',')) {
            const parts = value.split(',');
            add(...parts.slice(0, -1));
            setText(parts.at(-1) ?? '');
          } else {
            setText(value);
            setActive(-1);
          }
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && options.length > 0) {
            event.preventDefault();
            setActive((active + 1) % options.length);
          } else if (event.key === 'ArrowUp' && options.length > 0) {
            event.preventDefault();
            setActive(active <= 0 ? options.length - 1 : active - 1);
          } else if (event.key === 'Enter') {
            event.preventDefault();
            event.stopPropagation();
            if (active >= 0 && options[active]) add(options[active]);
            else if (query) add(query);
            else onSubmit?.();
          } else if (event.key === 'Backspace' && text === '' && tags.length > 0) {
            onChange(tags.slice(0, -1));
          }
        }}
        onBlur={() => query && add(query)}
      />
      <ul
        id={listId}
        role="listbox"
        class="tag-options"
        aria-label="Tag suggestions"
        hidden={options.length === 0}
      >
        {options.map((option, i) => (
          <li
            key={option}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            class={i === active ? 'option active' : 'option'}
            onMouseDown={(event) => {
              event.preventDefault();
              add(option);
            }}
          >
            #{option}
          </li>
        ))}
      </ul>
    </div>
  );
}
