/**
 * The persistent part of pages and claims: exactly the fields a backup holds, in a fixed order.
 * Anything else a stored record carries — fields derived by the database (such as a search
 * index's terms) or left by older code — is not data and is recomputed on import. Pure.
 */
import type { AnchorRecord, Annotation, Page, Selector } from '../core/model';

export function cleanPage(page: Page): Page {
  return {
    url: page.url,
    aliases: [...(page.aliases ?? [])],
    title: page.title,
    byline: page.byline,
    siteName: page.siteName,
    publishedTime: page.publishedTime,
    lang: page.lang,
    excerpt: page.excerpt,
    firstSeen: page.firstSeen,
    lastSeen: page.lastSeen,
  };
}

export function cleanSelector(selector: Selector): Selector {
  return selector.type === 'TextQuoteSelector'
    ? {
        type: 'TextQuoteSelector',
        exact: selector.exact,
        prefix: selector.prefix,
        suffix: selector.suffix,
      }
    : { type: 'TextPositionSelector', start: selector.start, end: selector.end };
}

export function cleanAnchor(anchor: AnchorRecord): AnchorRecord {
  return anchor.text === undefined
    ? { status: anchor.status, at: anchor.at }
    : { status: anchor.status, at: anchor.at, text: anchor.text };
}

export function cleanAnnotation(annotation: Annotation): Annotation {
  const clean: Annotation = {
    id: annotation.id,
    url: annotation.url,
    quote: annotation.quote,
    selectors: annotation.selectors.map(cleanSelector),
    type: annotation.type,
    tags: [...annotation.tags],
    note: annotation.note,
    created: annotation.created,
    updated: annotation.updated,
  };
  if (annotation.anchor) clean.anchor = cleanAnchor(annotation.anchor);
  if (annotation.pdfPage) {
    clean.pdfPage = { index: annotation.pdfPage.index, label: annotation.pdfPage.label };
  }
  if (annotation.author) clean.author = annotation.author;
  if (annotation.otherNotes?.length) {
    clean.otherNotes = annotation.otherNotes.map((o) => ({
      note: o.note,
      updated: o.updated,
      ...(o.author ? { author: o.author } : {}),
    }));
  }
  if (annotation.reattached) {
    clean.reattached = { at: annotation.reattached.at, quote: annotation.reattached.quote };
  }
  return clean;
}

/** Whether two records hold the same data (their clean forms serialize alike). */
export function samePage(a: Page, b: Page): boolean {
  return JSON.stringify(cleanPage(a)) === JSON.stringify(cleanPage(b));
}

export function sameAnnotation(a: Annotation, b: Annotation): boolean {
  return JSON.stringify(cleanAnnotation(a)) === JSON.stringify(cleanAnnotation(b));
}
