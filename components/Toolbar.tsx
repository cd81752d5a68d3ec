import type { ClaimType } from '../utils/core/model';
import { TagInput } from './TagInput';
import { TypePicker } from './TypePicker';

export interface ToolbarProps {
  type: ClaimType;
  tags: string[];
  knownTags: string[];
  note: string;
  busy: boolean;
  error: string;
  onTypeChange: (type: ClaimType) => void;
  onTagsChange: (tags: string[]) => void;
  onNoteChange: (note: string) => void;
  onSave: () => void;
  onClose: () => void;
}

/**
 * The bar shown next to a selection: pick a type, add tags and a note, save.
 * Enter saves (Ctrl/⌘+Enter in the note), Esc closes.
 */
export function Toolbar(props: ToolbarProps) {
  return (
    <form
      class="toolbar"
      role="dialog"
      aria-label="Claimmark"
      // Saving happens on the reader's click or key only (see utils/page/ui-host.ts): a page script
      // can call form.requestSubmit(), whose submit event the browser marks as trusted.
      onSubmit={(event) => event.preventDefault()}
      onMouseDown={(event) => {
        // Keep the page's selection visible while the reader clicks our buttons.
        const target = event.target as HTMLElement;
        // (Save takes focus, so a tag still being typed is added before saving.)
        if (!target.closest('input[type="text"], textarea, .save')) event.preventDefault();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          props.onClose();
        } else if (event.key === 'Enter' && (event.target as HTMLElement).matches('textarea')) {
          if (event.ctrlKey || event.metaKey) {
            event.preventDefault();
            props.onSave();
          }
        } else if (event.key === 'Enter' && (event.target as HTMLElement).matches('[type=radio]')) {
          event.preventDefault();
          props.onSave();
        }
      }}
    >
      <div class="row">
        <TypePicker value={props.type} onChange={props.onTypeChange} name="claim-type" />
        <button type="button" class="close" aria-label="Close" onClick={props.onClose}>
          ×
        </button>
      </div>
      <div class="row">
        <TagInput
          tags={props.tags}
          known={props.knownTags}
          onChange={props.onTagsChange}
          onSubmit={props.onSave}
          idPrefix="toolbar"
        />
      </div>
      <textarea
        class="note"
        aria-label="Note"
        placeholder="Note (optional)"
        rows={1}
        value={props.note}
        onInput={(event) => props.onNoteChange(event.currentTarget.value)}
      />
      <div class="row end">
        <button type="button" class="save" disabled={props.busy} onClick={props.onSave}>
          Save claim
        </button>
      </div>
      {props.error ? (
        <p class="error" role="alert">
          {props.error}
        </p>
      ) : null}
    </form>
  );
}
