/**
 * Claims as Markdown, one section per page. Pure and deterministic: the same claims always give
 * the same bytes (no clock, no locale).
 *
 * ```md
 * ---                                   (optional front matter, for Obsidian)
 * title: "Page title"
 * url: "https://normalized.url/"
 * …
 * ---
 *
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
 * #figure #tiktok · [Open in page](<https://normalized.url/#:~:text=The%20quote%2C%20escaped>)
 *
 * The note, escaped
 * ```
 *
 * Pages are ordered by their newest claim (ties by URL), claims by position in the page
 * (TextPositionSelector.start, then created, then id). Pages without claims are left out; a claim
 * whose page has no record gets a section titled with its URL. The HTML comment keeps the claim's
 * id (the identity used by every export) without showing it. The deep link opens the page
 * scrolled to the claim (a text fragment, see text-fragment.ts); http(s) pages only.
 *
 * Front matter: for one page, its title, url, author, site, published date and the claims' tags;
 * for several, the export's title and tags. Strings are YAML double-quoted (see yaml.ts).
 */
import { collapseWhitespace, positionSelectorOf, type Annotation, type Page } from '../core/model';
import { escapeMarkdown } from './markdown-escape';
import { claimLink, claimPage } from './claim-link';
import { hashtagLine, hashtagsOf } from './hashtag';
import { compareStrings, dateOnly, PREPARE_STEP, timeOf } from './text';
import { frontMatter as yamlFrontMatter } from './yaml';

export { escapeMarkdown } from './markdown-escape';

export interface MarkdownOptions {
  /** ISO date shown in the header line; omit for no header date (keeps output deterministic). */
  exportedAt?: string;
  /** The top heading (default "Claimmark export"). */
  title?: string;
  /** Start with YAML front matter (title, url, author, site, published, tags). Default false. */
  frontMatter?: boolean;
  /** Give every claim a deep link to its place in the page. Default true. */
  deepLinks?: boolean;
}

export const DEFAULT_MARKDOWN_TITLE = 'Claimmark export';

export function toMarkdown(
  pages: readonly Page[],
  annotations: readonly Annotation[],
  options: MarkdownOptions = {},
): string {
  let out = '';
  for (const part of markdownParts(pages, annotations, options)) out += part;
  return out;
}

/**
 * The Markdown in pieces — the header, then one piece per page heading and per claim — so a
 * long export can yield between them. Concatenated they are `toMarkdown`'s result.
 */
export function* markdownParts(
  pages: readonly Page[],
  annotations: readonly Annotation[],
  options: MarkdownOptions = {},
): Generator<string, void, undefined> {
  const pageByUrl = new Map(pages.map((p) => [p.url, p]));
  // Preparing (grouping, newest time per page, tags) yields '' now and then: see PREPARE_STEP.
  const groups = new Map<string, { url: string; claims: Annotation[]; newest: number }>();
  const tags = new Set<string>();
  for (let i = 0; i < annotations.length; i++) {
    const a = annotations[i]!;
    const group = groups.get(a.url);
    const time = timeOf(a.created);
    if (group) {
      group.claims.push(a);
      if (time > group.newest) group.newest = time;
    } else groups.set(a.url, { url: a.url, claims: [a], newest: time });
    if (options.frontMatter) for (const tag of hashtagsOf(a)) tags.add(tag);
    if (i % PREPARE_STEP === PREPARE_STEP - 1) yield '';
  }
  const sections = [...groups.values()].sort(
    (a, b) => b.newest - a.newest || compareStrings(a.url, b.url),
  );

  const title = collapseWhitespace(options.title ?? '') || DEFAULT_MARKDOWN_TITLE;
  if (options.frontMatter) {
    const only = sections.length === 1 ? sections[0]! : undefined;
    const page = only && { url: only.url, page: pageByUrl.get(only.url) };
    yield `${frontMatterOf(title, page, [...tags].sort(compareStrings))}\n\n`;
  }
  const date = options.exportedAt
    ? ` — ${escapeMarkdown(collapseWhitespace(options.exportedAt))}`
    : '';
  const count = `${plural(annotations.length, 'claim')} from ${plural(groups.size, 'page')}`;
  yield `# ${headingText(escapeMarkdown(title))}${date}\n\n${count}`;
  const links = options.deepLinks ?? true;
  for (const { url, claims } of sections) {
    yield `\n\n${sectionHeader(url, pageByUrl.get(url))}`;
    for (const c of sortByPosition(claims)) yield `\n\n${claim(c, links)}`;
  }
  yield '\n';
}

function frontMatterOf(
  title: string,
  only: { url: string; page: Page | undefined } | undefined,
  tags: string[],
): string {
  if (!only)
    return yamlFrontMatter([
      ['title', title],
      ['tags', tags],
    ]);
  const { url, page } = only;
  return yamlFrontMatter([
    ['title', collapseWhitespace(page?.title ?? '') || url],
    ['url', url],
    ['author', collapseWhitespace(page?.byline ?? '')],
    ['site', collapseWhitespace(page?.siteName ?? '')],
    ['published', { date: dateOnly(page?.publishedTime ?? '') }],
    ['tags', tags],
  ]);
}

function sectionHeader(url: string, page: Page | undefined): string {
  const title = escapeMarkdown(collapseWhitespace(page?.title ?? '') || collapseWhitespace(url));
  const linkable = /^https?:\/\//i.test(url);
  const heading = linkable
    ? `## [${title}](<${url.replace(/[\s<>\\]/g, encodeURIComponent)}>)`
    : `## ${headingText(title)}`;
  const meta = [
    page?.byline ?? '',
    page?.siteName ?? '',
    dateOnly(page?.publishedTime ?? ''),
    linkable || !page?.title ? '' : url,
  ]
    .map((part) => escapeMarkdown(collapseWhitespace(part)))
    .filter(Boolean)
    .join(' · ');
  return [heading, meta].filter(Boolean).join('\n\n');
}

/** A trailing ' #' would close an ATX heading: escape it. */
function headingText(text: string): string {
  return text.replace(/ (#+)$/, ' \\$1');
}

function claim(a: Annotation, links: boolean): string {
  const id = a.id.replace(/[^\w-]/g, '');
  const quote = paragraphs(a.quote)
    .map((lines) => lines.map((line) => `> ${line}`).join('\n'))
    .join('\n>\n');
  const link = links ? claimLink(a) : null;
  const page = claimPage(a);
  const tagLine = [
    hashtagLine(a),
    page && link ? `[${page}](<${link}>)` : page,
    !page && link ? `[Open in page](<${link}>)` : '',
    a.author ? `saved by ${escapeMarkdown(collapseWhitespace(a.author))}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  const note = paragraphs(a.note)
    .map((lines) => lines.join('\n'))
    .join('\n\n');
  return [`<!-- claim ${id} -->\n${quote || '>'}`, tagLine, note].filter(Boolean).join('\n\n');
}

/** Escaped text as paragraphs of lines; lines of one paragraph end in a `\` hard break. */
function paragraphs(text: string): string[][] {
  return escapeMarkdown(text)
    .split(/\n{2,}/)
    .map((p) => p.split('\n').filter(Boolean))
    .filter((lines) => lines.length > 0)
    .map((lines) => lines.map((line, i) => (i < lines.length - 1 ? `${line}\\` : line)));
}

/** Claims by position in the page (TextPositionSelector.start), then created, then id. */
function sortByPosition(claims: Annotation[]): Annotation[] {
  return claims
    .map((a) => ({
      a,
      start: positionSelectorOf(a)?.start ?? Number.POSITIVE_INFINITY,
      time: timeOf(a.created),
    }))
    .sort((x, y) => x.start - y.start || x.time - y.time || compareStrings(x.a.id, y.a.id))
    .map((x) => x.a);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
