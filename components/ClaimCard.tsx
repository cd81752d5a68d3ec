import { useEffect, useRef } from 'preact/hooks';
import type { ClaimSummary, PageSummary } from '../utils/core/model';
import { pageCitation } from '../utils/pdf/url';
import { HighlightedText } from './HighlightedText';
import { TYPE_LABELS } from '../utils/core/claim-types';

/** Ranges [start, end) a search matched in each field, for highlighting. */
export interface ClaimMarks {
  quote?: [number, number][];
  note?: [number, number][];
  title?: [number, number][];
}

export interface ClaimCardProps {
  annotation: ClaimSummary;
  page?: PageSummary;
  onOpen: (annotation: ClaimSummary) => void;
  marks?: ClaimMarks;
  /** Chosen with the arrow keys (scrolled into view). */
  active?: boolean;
  /** Element id (the search box points at the active result with it). */
  id?: string;
}

function siteOf(annotation: ClaimSummary, page?: PageSummary): string {
  if (page?.siteName) return page.siteName;
  try {
    return new URL(annotation.url).hostname;
  } catch {
    return '';
  }
}

/**
 * One search result: the quote, its type and tags, and where and when it was saved. The whole
 * card is the button that opens it; its text is its accessible name (what a reader sees is
 * what a voice command or a screen reader says).
 */
export function ClaimCard({ annotation, page, onOpen, marks, active, id }: ClaimCardProps) {
  const title = page?.title || annotation.url;
  const item = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (active) item.current?.scrollIntoView({ block: 'nearest' });
  }, [active]);
  return (
    <li
      ref={item}
      id={id}
      class={`claim claim-${annotation.type}${active ? ' active' : ''}`}
      aria-current={active ? 'true' : undefined}
    >
      <button type="button" class="open" onClick={() => onOpen(annotation)}>
        <q class="quote">
          <HighlightedText text={annotation.quote} ranges={marks?.quote} />
        </q>
        <span class="meta">
          <span class={`badge badge-${annotation.type}`}>{TYPE_LABELS[annotation.type]}</span>
          {annotation.tags.map((tag) => (
            <span key={tag} class="tag">
              #{tag}
            </span>
          ))}
        </span>
        {annotation.note ? (
          <span class="note">
            <HighlightedText text={annotation.note} ranges={marks?.note} />
          </span>
        ) : null}
        <span class="source">
          <span class="title">
            {page?.title ? <HighlightedText text={title} ranges={marks?.title} /> : title}
          </span>{' '}
          · <span class="site">{siteOf(annotation, page)}</span> ·{' '}
          {annotation.pdfPage ? (
            <>
              <span class="pdf-page">{pageCitation(annotation.pdfPage)}</span> ·{' '}
            </>
          ) : null}
          <time dateTime={annotation.created}>{annotation.created.slice(0, 10)}</time>
          {annotation.author ? (
            <>
              {' '}
              · by <span class="author">{annotation.author}</span>
            </>
          ) : null}
        </span>
      </button>
    </li>
  );
}
