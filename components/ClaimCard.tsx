import type { Annotation, Page } from '../utils/model';
import { TYPE_LABELS } from './Toolbar';

export interface ClaimCardProps {
  annotation: Annotation;
  page?: Page;
  onOpen: (annotation: Annotation) => void;
}

function siteOf(annotation: Annotation, page?: Page): string {
  if (page?.siteName) return page.siteName;
  try {
    return new URL(annotation.url).hostname;
  } catch {
    return '';
  }
}

/** One search result: the quote, its type and tags, and where and when it was saved. */
export function ClaimCard({ annotation, page, onOpen }: ClaimCardProps) {
  const title = page?.title || annotation.url;
  return (
    <li class={`claim claim-${annotation.type}`}>
      <button
        type="button"
        class="open"
        aria-label={`Open claim: ${annotation.quote.slice(0, 80)}`}
        onClick={() => onOpen(annotation)}
      >
        <q class="quote">{annotation.quote}</q>
        <span class="meta">
          <span class={`badge badge-${annotation.type}`}>{TYPE_LABELS[annotation.type]}</span>
          {annotation.tags.map((tag) => (
            <span key={tag} class="tag">
              #{tag}
            </span>
          ))}
        </span>
        {annotation.note ? <span class="note">{annotation.note}</span> : null}
        <span class="source">
          <span class="title">{title}</span> · <span class="site">{siteOf(annotation, page)}</span>{' '}
          · <time dateTime={annotation.created}>{annotation.created.slice(0, 10)}</time>
        </span>
      </button>
    </li>
  );
}
