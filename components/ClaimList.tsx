import type { ClaimSummary, PageSummary } from '../utils/core/model';
import { ClaimCard, type ClaimMarks } from './ClaimCard';

export interface ClaimListItem {
  annotation: ClaimSummary;
  page?: PageSummary;
  marks?: ClaimMarks;
}

export interface ClaimListProps {
  items: ClaimListItem[];
  onOpen: (annotation: ClaimSummary) => void;
  /** Index of the result chosen with the arrow keys (-1: none). */
  active?: number;
  /** Element id of the list; items get `${id}-${index}`. */
  id?: string;
}

export function ClaimList({ items, onOpen, active = -1, id = 'claims' }: ClaimListProps) {
  return (
    <ul class="claims" id={id} aria-label="Claims">
      {items.map(({ annotation, page, marks }, i) => (
        <ClaimCard
          key={annotation.id}
          id={`${id}-${i}`}
          annotation={annotation}
          page={page}
          marks={marks}
          active={i === active}
          onOpen={onOpen}
        />
      ))}
    </ul>
  );
}
