import { useEffect, useRef } from 'preact/hooks';
import type { Annotation, ClaimType } from '../utils/core/model';
import type { ClaimSummary } from '../utils/protocol/to-content';
import { ClaimEditor } from './ClaimEditor';
import { TagLabel, tagColour } from './TagLabel';
import { TYPE_LABELS } from '../utils/core/claim-types';

/**
 * A claim as the side panel shows it: what the tab's content script reports of it (its stored
 * fields and how it anchored on the open page), plus the stored fields the panel adds.
 */
export interface PanelClaim extends ClaimSummary, Pick<Annotation, 'author' | 'otherNotes'> {
  /** The text it is attached to now, when the page changed since it was saved. */
  approximateText?: string;
}

/** What a claim in the side panel can ask for. */
export interface PanelClaimActions {
  onShow: (id: string) => void;
  onEdit: (id: string | null) => void;
  onTypeChange: (id: string, type: ClaimType) => void;
  onTagsChange: (id: string, tags: string[]) => void;
  onNoteCommit: (id: string, note: string) => void;
  onKeepNote?: (id: string, note: string) => void;
  onCopy: (id: string) => void;
  onDelete: (id: string) => void;
  /** Select new words in the page for a claim not found on it. */
  onReattach?: (id: string) => void;
}

export interface PanelClaimItemProps extends PanelClaimActions {
  claim: PanelClaim;
  editing: boolean;
  knownTags: string[];
  tagColours: Record<string, string>;
  /** The editor's status line ("Saved", an error…). */
  message: string;
}

const short = (quote: string) => (quote.length > 60 ? `${quote.slice(0, 59)}…` : quote);

/**
 * One claim: its quote (a button that scrolls the page to it, unless it is not on the page), type,
 * tags and note, and an Edit button that opens the same editor as the in-page card.
 */
export function PanelClaimItem(props: PanelClaimItemProps) {
  const { claim, editing } = props;
  const item = useRef<HTMLLIElement>(null);
  const wasEditing = useRef(editing);
  useEffect(() => {
    // Opening the editor moves focus into it; closing it brings focus back to its button.
    if (editing && !wasEditing.current) {
      item.current?.querySelector<HTMLElement>('.card input:checked')?.focus();
    } else if (!editing && wasEditing.current && item.current) {
      // Only when focus was in the editor (now gone), not when the reader moved on elsewhere.
      const focused = item.current.ownerDocument.activeElement;
      if (
        !focused ||
        focused === item.current.ownerDocument.body ||
        item.current.contains(focused)
      ) {
        item.current.querySelector<HTMLElement>('.edit-toggle')?.focus();
      }
    }
    wasEditing.current = editing;
  }, [editing]);

  const orphan = claim.status === 'orphan';
  return (
    <li ref={item} class={`panel-claim claim-${claim.type}`} data-claim-id={claim.id}>
      <div class="panel-claim-head">
        {orphan ? (
          <q class="quote">{claim.quote}</q>
        ) : (
          <button
            type="button"
            class="show"
            title="Show it on the page"
            onClick={() => props.onShow(claim.id)}
          >
            <q class="quote">{claim.quote}</q>
          </button>
        )}
        {orphan && props.onReattach ? (
          <button
            type="button"
            class="reattach secondary"
            onClick={() => props.onReattach?.(claim.id)}
          >
            Re-attach<span class="visually-hidden"> claim: {short(claim.quote)}</span>
          </button>
        ) : null}
        <button
          type="button"
          class="edit-toggle secondary"
          aria-expanded={editing}
          onClick={() => props.onEdit(editing ? null : claim.id)}
        >
          Edit<span class="visually-hidden"> claim: {short(claim.quote)}</span>
        </button>
      </div>
      <p class="meta">
        <span class={`badge badge-${claim.type}`}>{TYPE_LABELS[claim.type]}</span>
        {claim.tags.map((tag) => (
          <TagLabel key={tag} tag={tag} colour={tagColour(props.tagColours, tag)} />
        ))}
        {claim.status === 'approximate' ? <span class="hint">page changed</span> : null}
        {claim.author ? <span class="hint author">by {claim.author}</span> : null}
        {claim.otherNotes?.length ? <span class="hint">also edited on another device</span> : null}
        {claim.placedByQuote ? <span class="hint">placed by quote only</span> : null}
      </p>
      {claim.note && !editing ? <p class="note">{claim.note}</p> : null}
      {editing ? (
        <ClaimEditor
          quote={claim.quote}
          type={claim.type}
          tags={claim.tags}
          note={claim.note}
          knownTags={props.knownTags}
          approximateText={claim.approximateText}
          placedByQuoteOnly={claim.placedByQuote === true}
          message={props.message}
          onTypeChange={(type) => props.onTypeChange(claim.id, type)}
          onTagsChange={(tags) => props.onTagsChange(claim.id, tags)}
          onNoteCommit={(note) => props.onNoteCommit(claim.id, note)}
          author={claim.author}
          otherNotes={claim.otherNotes}
          onKeepNote={props.onKeepNote ? (note) => props.onKeepNote!(claim.id, note) : undefined}
          onCopy={() => props.onCopy(claim.id)}
          onDelete={() => props.onDelete(claim.id)}
          onClose={() => props.onEdit(null)}
        />
      ) : null}
    </li>
  );
}
