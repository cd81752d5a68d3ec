import { useEffect, useState } from 'preact/hooks';
import type { ClaimType, OtherNote } from '../utils/core/model';
import { TagInput } from './TagInput';
import { TypePicker } from './TypePicker';

export interface ClaimEditorProps {
  quote: string;
  type: ClaimType;
  tags: string[];
  note: string;
  knownTags: string[];
  /** The text it re-attached to when the page changed since it was saved. */
  approximateText?: string;
  /** It has only its quote, which the page holds more than once: painted at the first. */
  placedByQuoteOnly?: boolean;
  /** A short status line: "Saved", "Copied", an error… */
  message: string;
  /** Select new bounds for the claim in the page (absent where there is no page to select in). */
  onAdjust?: () => void;
  onTypeChange: (type: ClaimType) => void;
  onTagsChange: (tags: string[]) => void;
  onNoteCommit: (note: string) => void;
  /** Who saved it (CouchDB user), once synced. */
  author?: string;
  /** Notes written on another device at the same time (a sync conflict). */
  otherNotes?: OtherNote[];
  /** Keep this note and forget the other versions. */
  onKeepNote?: (note: string) => void;
  onCopy: () => void;
  onDelete: () => void;
  onClose: () => void;
}

/** The card a click on a highlight opens: retype, retag, annotate, copy or delete the claim. */
export function ClaimEditor(props: ClaimEditorProps) {
  const [note, setNote] = useState(props.note);
  useEffect(() => setNote(props.note), [props.note]);
  const commit = () => {
    if (note !== props.note) props.onNoteCommit(note);
  };
  return (
    <section
      class="card"
      role="dialog"
      aria-label="Edit claim"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          commit();
          props.onClose();
        }
      }}
    >
      <div class="row">
        <q class="card-quote">{props.quote}</q>
        <button
          type="button"
          class="close"
          aria-label="Close"
          onClick={() => {
            commit();
            props.onClose();
          }}
        >
          ×
        </button>
      </div>
      {props.approximateText !== undefined ? (
        <p class="hint">The page changed; now attached to: “{props.approximateText}”</p>
      ) : null}
      {props.placedByQuoteOnly ? (
        <p class="hint">
          Placed by quote only: the page has these words more than once, and this is the first.
        </p>
      ) : null}
      <TypePicker value={props.type} onChange={props.onTypeChange} name="card-type" />
      <TagInput
        tags={props.tags}
        known={props.knownTags}
        onChange={props.onTagsChange}
        idPrefix="card"
      />
      <textarea
        class="note"
        aria-label="Note"
        placeholder="Note"
        rows={2}
        value={note}
        onInput={(event) => setNote(event.currentTarget.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            commit();
          }
        }}
      />
      {props.otherNotes && props.otherNotes.length > 0 && props.onKeepNote ? (
        <div class="also-edited" role="group" aria-label="Also edited on another device">
          <p class="hint">Also edited on another device:</p>
          {props.otherNotes.map((other, i) => (
            <div key={i} class="other-note">
              <p class="note-text">{other.note || '(no note)'}</p>
              {other.author ? <p class="hint">by {other.author}</p> : null}
              <button type="button" class="secondary" onClick={() => props.onKeepNote!(other.note)}>
                Keep this note
              </button>
            </div>
          ))}
          <button type="button" class="secondary" onClick={() => props.onKeepNote!(note)}>
            Keep the note above
          </button>
        </div>
      ) : null}
      {props.author ? <p class="hint card-author">Saved by {props.author}</p> : null}
      <div class="row end">
        {props.onAdjust ? (
          <button type="button" class="secondary" onClick={props.onAdjust}>
            Adjust
          </button>
        ) : null}
        <button type="button" class="secondary" onClick={props.onCopy}>
          Copy as Markdown
        </button>
        <button type="button" class="danger" onClick={props.onDelete}>
          Delete claim
        </button>
      </div>
      <p class="status" role="status">
        {props.message}
      </p>
    </section>
  );
}

export interface UndoBarProps {
  /** What was done (default "Claim deleted."). */
  text?: string;
  onUndo: () => void;
  onClose: () => void;
}

/** Shown after a delete: the claim comes back exactly as it was with one click. */
export function UndoBar({ text = 'Claim deleted.', onUndo, onClose }: UndoBarProps) {
  return (
    <div class="undo" role="status">
      {text}{' '}
      <button type="button" class="secondary" onClick={onUndo}>
        Undo
      </button>
      <button type="button" class="close" aria-label="Dismiss" onClick={onClose}>
        ×
      </button>
    </div>
  );
}
