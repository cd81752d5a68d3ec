/**
 * Claims as Markdown, one section per page. Pure and deterministic: the same claims always give
 * the same bytes (no clock, no locale).
 *
 * ```md
 * # Claimmark export
 *
 * 2 claims from 1 page
 *
 * ## [Page title](<https://normalized.url/>)
 *
 * Byline · Site · 2025-03-05
 *
 * <!-- claim 5b1e… -->
 * > The quote, escaped
 *
 * #figure #tiktok
 *
 * The note, escaped
 * ```
 *
 * Pages are ordered by their newest claim (ties by URL), claims by position in the page
 * (TextPositionSelector.start, then created, then id). Pages without claims are left out; a claim
 * whose page has no record gets a section titled with its URL. The HTML comment keeps the claim's
 * id (the identity used by every export) without showing it.
 */
import { collapseWhitespace, positionSelectorOf, type Annotation, type Page } from '../model';
import { escapeMarkdown } from './markdown-escape';

export { escapeMarkdown } from './markdown-escape';

export interface MarkdownOptions {
  /** ISO date shown in the header line; omit for no header date (keeps output deterministic) */
  exportedAt?: string;
}

export function toMarkdown(
  pages: Page[],
  annotations: Annotation[],
  options: MarkdownOptions = {},
): string {
  const pageByUrl = new Map(pages.map((p) => [p.url, p]));
  const groups = new Map<string, Annotation[]>();
  for (const a of annotations) {
    const group = groups.get(a.url);
    if (group) group.push(a);
    else groups.set(a.url, [a]);
  }
  const sections = [...groups]
    .map(([url, claims]) => ({ url, claims: claims.sort(byPosition), newest: newestOf(claims) }))
    .sort((a, b) => b.newest - a.newest || compare(a.url, b.url))
    .map(({ url, claims }) => section(url, pageByUrl.get(url), claims));

  const date = options.exportedAt
    ? ` — ${escapeMarkdown(collapseWhitespace(options.exportedAt))}`
    : '';
  const count = `${plural(annotations.length, 'claim')} from ${plural(groups.size, 'page')}`;
  return [`# Claimmark export${date}`, count, ...sections].join('\n\n') + '\n';
}

function section(url: string, page: Page | undefined, claims: Annotation[]): string {
  const title = escapeMarkdown(collapseWhitespace(page?.title ?? '') || collapseWhitespace(url));
  const linkable = /^https?:\/\//i.test(url);
  const heading = linkable
    ? `## [${title}](<${url.replace(/[\s<>\\]/g, encodeURIComponent)}>)`
    : `## ${title.replace(/ (#+)$/, ' \\$1')}`; // a trailing ' #' would close the heading
  const meta = [
    page?.byline ?? '',
    page?.siteName ?? '',
    dateOnly(page?.publishedTime ?? ''),
    linkable || !page?.title ? '' : url,
  ]
    .map((part) => escapeMarkdown(collapseWhitespace(part)))
    .filter(Boolean)
    .join(' · ');
  return [heading, meta, ...claims.map(claim)].filter(Boolean).join('\n\n');
}

function claim(a: Annotation): string {
  const id = a.id.replace(/[^\w-]/g, '');
  const quote = paragraphs(a.quote)
    .map((lines) => lines.map((line) => `> ${line}`).join('\n'))
    .join('\n>\n');
  const tags = [a.type, ...a.tags].map(hashtag).filter((t, i, all) => t && all.indexOf(t) === i);
  const note = paragraphs(a.note)
    .map((lines) => lines.join('\n'))
    .join('\n\n');
  return [`<!-- claim ${id} -->\n${quote || '>'}`, tags.map((t) => `#${t}`).join(' '), note]
    .filter(Boolean)
    .join('\n\n');
}

/** Escaped text as paragraphs of lines; lines of one paragraph end in a `\` hard break. */
function paragraphs(text: string): string[][] {
  return escapeMarkdown(text)
    .split(/\n{2,}/)
    .map((p) => p.split('\n').filter(Boolean))
    .filter((lines) => lines.length > 0)
    .map((lines) => lines.map((line, i) => (i < lines.length - 1 ? `${line}\\` : line)));
}

/** `Q1 earnings!` → `q1-earnings`: letters, digits, `_` and `-` only. */
function hashtag(tag: string): string {
  return tag
    .trim()
    .toLowerCase()
    .replace(/\s+/g, '-')
    .replace(/[^\p{L}\p{M}\p{N}_-]/gu, '');
}

function dateOnly(time: string): string {
  const iso = /^\d{4}-\d{2}-\d{2}/.exec(time.trim());
  if (iso) return iso[0];
  const parsed = Date.parse(time);
  return Number.isNaN(parsed) ? '' : new Date(parsed).toISOString().slice(0, 10);
}

function byPosition(a: Annotation, b: Annotation): number {
  const start = (x: Annotation) => positionSelectorOf(x)?.start ?? Number.POSITIVE_INFINITY;
  return start(a) - start(b) || timeOf(a.created) - timeOf(b.created) || compare(a.id, b.id);
}

function newestOf(claims: Annotation[]): number {
  return Math.max(...claims.map((c) => timeOf(c.created)));
}

function timeOf(iso: string): number {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
