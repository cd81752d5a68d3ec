import { useEffect, useRef, useState } from 'preact/hooks';
import { TagLabel, tagColour } from './TagLabel';

export interface TagManagerProps {
  /** Tags in use with their number of claims, most used first. */
  tags: { tag: string; count: number }[];
  colours: Record<string, string>;
  /** A rename or merge is being written: its buttons wait. */
  busy: boolean;
  onRename: (from: string, to: string) => void;
  onMerge: (from: string[], into: string) => void;
  /** A new colour for the tag, or null to remove it. */
  onColour: (tag: string, colour: string | null) => void;
}

const NO_COLOUR = '#9aa0a6';

/** Every tag with its count: rename one, give it a colour, or select several and merge them. */
export function TagManager({ tags, colours, busy, onRename, onMerge, onColour }: TagManagerProps) {
  const [filter, setFilter] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const [into, setInto] = useState('');
  const [renaming, setRenaming] = useState<{ tag: string; text: string } | null>(null);
  const renameInput = useRef<HTMLInputElement>(null);
  useEffect(() => renameInput.current?.select(), [renaming?.tag]);

  const inUse = new Set(tags.map((t) => t.tag));
  const selected = picked.filter((tag) => inUse.has(tag));
  const query = filter.trim().replace(/^#/, '').toLowerCase();
  const shown = query ? tags.filter((t) => t.tag.includes(query)) : tags;
  const target = into.trim() || selected[0] || '';

  function toggle(tag: string, on: boolean): void {
    const next = on ? [...selected, tag] : selected.filter((t) => t !== tag);
    // Most used first, so the suggested target is the tag most claims have already.
    setPicked(tags.map((t) => t.tag).filter((t) => next.includes(t)));
  }

  function rename(): void {
    if (!renaming) return;
    onRename(renaming.tag, renaming.text);
    setRenaming(null);
  }

  if (tags.length === 0) {
    return <p class="empty">No tags yet. Tags you add to claims are listed here.</p>;
  }
  return (
    <div class="tag-manager">
      <label class="field">
        <span>Filter tags</span>
        <input type="search" value={filter} onInput={(e) => setFilter(e.currentTarget.value)} />
      </label>
      <table class="tags-table">
        <caption class="visually-hidden">Tags</caption>
        <thead>
          <tr>
            <th scope="col">
              <span class="visually-hidden">Select</span>
            </th>
            <th scope="col">Tag</th>
            <th scope="col">Claims</th>
            <th scope="col">Colour</th>
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map(({ tag, count }) => (
            <tr key={tag}>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Select #${tag}`}
                  checked={selected.includes(tag)}
                  onChange={(e) => toggle(tag, e.currentTarget.checked)}
                />
              </td>
              <th scope="row">
                {renaming?.tag === tag ? (
                  <input
                    type="text"
                    aria-label={`New name for #${tag}`}
                    value={renaming.text}
                    ref={renameInput}
                    onInput={(e) => setRenaming({ tag, text: e.currentTarget.value })}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter') {
                        e.preventDefault();
                        rename();
                      } else if (e.key === 'Escape') {
                        e.preventDefault();
                        setRenaming(null);
                      }
                    }}
                  />
                ) : (
                  <TagLabel tag={tag} colour={tagColour(colours, tag)} />
                )}
              </th>
              <td class="number">{count}</td>
              <td class="colour">
                <input
                  type="color"
                  aria-label={`Colour of #${tag}`}
                  value={tagColour(colours, tag) ?? NO_COLOUR}
                  onChange={(e) => onColour(tag, e.currentTarget.value)}
                />
                {tagColour(colours, tag) ? (
                  <button type="button" class="link" onClick={() => onColour(tag, null)}>
                    No colour<span class="visually-hidden"> for #{tag}</span>
                  </button>
                ) : null}
              </td>
              <td class="actions">
                {renaming?.tag === tag ? (
                  <>
                    <button type="button" class="primary" disabled={busy} onClick={rename}>
                      Save<span class="visually-hidden"> new name for #{tag}</span>
                    </button>
                    <button type="button" class="secondary" onClick={() => setRenaming(null)}>
                      Cancel
                    </button>
                  </>
                ) : (
                  <button
                    type="button"
                    class="secondary"
                    disabled={busy}
                    onClick={() => setRenaming({ tag, text: tag })}
                  >
                    Rename<span class="visually-hidden"> #{tag}</span>
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        class="merge row"
        aria-label="Merge tags"
        onSubmit={(e) => {
          e.preventDefault();
          if (selected.length < 2 || !target) return;
          onMerge(selected, target);
          setPicked([]);
          setInto('');
        }}
      >
        <p class="hint" aria-live="polite">
          {selected.length < 2
            ? 'Select two or more tags to merge them into one.'
            : `${selected.length} tags selected: ${selected.map((t) => `#${t}`).join(', ')}.`}
        </p>
        <label class="field">
          <span>Merge into</span>
          <input
            type="text"
            list="merge-targets"
            placeholder={selected[0] ?? 'tag'}
            value={into}
            disabled={selected.length < 2}
            onInput={(e) => setInto(e.currentTarget.value)}
          />
        </label>
        <datalist id="merge-targets">
          {selected.map((tag) => (
            <option key={tag} value={tag} />
          ))}
        </datalist>
        <button type="submit" class="primary" disabled={busy || selected.length < 2}>
          Merge{selected.length >= 2 ? ` ${selected.length} tags into #${target}` : ' tags'}
        </button>
      </form>
    </div>
  );
}
