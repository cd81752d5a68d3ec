import type { SuggestionSummary } from '../utils/protocol/to-content';
import { SUGGESTION_TYPES } from '../utils/suggest/types';
import { TYPE_LABELS } from '../utils/core/claim-types';

const KIND_LABELS: Record<SuggestionSummary['kind'], string> = {
  money: 'Money',
  percent: 'Percentages',
  quantity: 'Quantities',
  date: 'Dates',
  quote: 'Quotes',
  org: 'Organisations',
  person: 'People',
};

export interface SuggestionListProps {
  suggestions: SuggestionSummary[];
  /** Ids being saved right now. */
  busy: string[];
  onSave: (suggestion: SuggestionSummary) => void;
  onDismiss: (suggestion: SuggestionSummary) => void;
}

/** Suggested claims by kind, each with its sentence; one click saves, another dismisses. */
export function SuggestionList({ suggestions, busy, onSave, onDismiss }: SuggestionListProps) {
  if (suggestions.length === 0) return <p class="empty">No more suggestions on this page.</p>;
  return (
    <div class="suggestions">
      {SUGGESTION_TYPES.filter((kind) => suggestions.some((s) => s.kind === kind)).map((kind) => (
        <section key={kind} aria-label={KIND_LABELS[kind]}>
          <h3 class="suggestion-kind">{KIND_LABELS[kind]}</h3>
          <ul class="suggestion-list" aria-label={`Suggested ${KIND_LABELS[kind].toLowerCase()}`}>
            {suggestions
              .filter((s) => s.kind === kind)
              .map((s) => (
                <li key={s.id} class="suggestion">
                  <p class="suggestion-text">
                    <strong>{s.kind === 'quote' ? `“${s.text}”` : s.text}</strong>
                    {s.speaker ? <span class="speaker"> — {s.speaker}</span> : null}
                  </p>
                  {s.sentence !== s.text ? <p class="suggestion-sentence">{s.sentence}</p> : null}
                  <div class="row">
                    <button
                      type="button"
                      class="primary"
                      disabled={busy.includes(s.id)}
                      aria-label={`Save “${s.text.slice(0, 60)}” as ${TYPE_LABELS[s.type]}`}
                      onClick={() => onSave(s)}
                    >
                      Save as {TYPE_LABELS[s.type]}
                    </button>
                    <button
                      type="button"
                      class="secondary"
                      aria-label={`Dismiss “${s.text.slice(0, 60)}”`}
                      onClick={() => onDismiss(s)}
                    >
                      Dismiss
                    </button>
                  </div>
                </li>
              ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
