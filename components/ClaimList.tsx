import type { Annotation, Page } from '../utils/model';
import { ClaimCard } from './ClaimCard';

export interface ClaimListProps {
  items: { annotation: Annotation; page?: Page }[];
  onOpen: (annotation: Annotation) => void;
}

export function ClaimList({ items, onOpen }: ClaimListProps) {
  return (
    <ul class="claims" aria-label="Claims">
      {items.map(({ annotation, page }) => (
        <ClaimCard key={annotation.id} annotation={annotation} page={page} onOpen={onOpen} />
      ))}
    </ul>
  );
}
