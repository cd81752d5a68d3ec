/**
 * A reader's corrections to a page's metadata (title, author, site, published date), as edited in
 * the side panel. Pure validation plus one data function over Dexie; no DOM, no browser APIs.
 */
import type { ClaimmarkDB } from './db';
import type { Page } from '../core/model';
import { collapseWhitespace } from '../core/model';

export type PageMetadataEdit = Pick<Page, 'title' | 'byline' | 'siteName' | 'publishedTime'>;

/** The same limits the background applies to metadata a content script sends (utils/core/validate.ts). */
export const PAGE_EDIT_LIMITS: Record<keyof PageMetadataEdit, number> = {
  title: 1_000,
  byline: 500,
  siteName: 500,
  publishedTime: 100,
};

const LABELS: Record<keyof PageMetadataEdit, string> = {
  title: 'Title',
  byline: 'Author',
  siteName: 'Site',
  publishedTime: 'Published',
};

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The `YYYY-MM-DD` a date input shows for a stored published time ('' when there is none). */
export function dateInputValue(publishedTime: string): string {
  const day = publishedTime.slice(0, 10);
  return DATE.test(day) ? day : '';
}

/**
 * The published time to store for what a date input holds: the stored value (with its time of
 * day) when the day did not change, '' when cleared, else the new day as `YYYY-MM-DD`.
 */
export function publishedTimeFrom(stored: string, dateInput: string): string | null {
  const day = dateInput.trim();
  if (day === '') return '';
  const match = DATE.exec(day);
  if (!match) return null;
  const [year, month, date] = match.slice(1).map(Number) as [number, number, number];
  const check = new Date(Date.UTC(year, month - 1, date));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1) return null;
  if (check.getUTCDate() !== date) return null;
  return dateInputValue(stored) === day ? stored : day;
}

export type PageEditResult = { ok: true; value: PageMetadataEdit } | { ok: false; error: string };

/** Validate a form's values against the stored page: whitespace collapsed, lengths checked. */
export function parsePageEdit(
  stored: Pick<Page, 'publishedTime'>,
  input: { title: string; byline: string; siteName: string; published: string },
): PageEditResult {
  const publishedTime = publishedTimeFrom(stored.publishedTime, input.published);
  if (publishedTime === null) {
    return { ok: false, error: 'Published must be a date (YYYY-MM-DD) or empty.' };
  }
  const value: PageMetadataEdit = {
    title: collapseWhitespace(input.title),
    byline: collapseWhitespace(input.byline),
    siteName: collapseWhitespace(input.siteName),
    publishedTime,
  };
  for (const key of Object.keys(PAGE_EDIT_LIMITS) as (keyof PageMetadataEdit)[]) {
    if (value[key].length > PAGE_EDIT_LIMITS[key]) {
      return {
        ok: false,
        error: `${LABELS[key]} has at most ${PAGE_EDIT_LIMITS[key]} characters.`,
      };
    }
  }
  return { ok: true, value };
}

/** Store the edited metadata of the page at `url` (one transaction); the page as stored after. */
export async function updatePageMetadata(
  db: ClaimmarkDB,
  url: string,
  edit: PageMetadataEdit,
): Promise<Page> {
  return db.transaction('rw', db.pages, async () => {
    const page = await db.pages.get(url);
    if (!page) throw new Error('This page has no saved claims yet.');
    const next: Page = { ...page, ...edit };
    await db.pages.put(next);
    return next;
  });
}
