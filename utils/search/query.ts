/**
 * The query language. Pure. Every string is a valid query: what is not understood is words.
 *
 *   tikt                 words match the start of a word (tikt → TikTok); all must match (AND);
 *                        a lone letter is not a term yet (it would match everything)
 *   $17  17bn  17%       numbers match as written, exactly: `17bn` = `17 billion` = `17 bn`
 *   "falling short"      a phrase: these words in a row (an unclosed quote is being typed:
 *                        its last word is a prefix)
 *   -word  -"a phrase"   leave out claims that match
 *   tag:x  #x            a tag starting with x; several must all match; `tag:"two words"`
 *   type:fig             claims of a type starting with fig; several are alternatives (OR)
 *   site:bloomberg.com   the page's host, a parent domain or site name starts with it; OR
 *   before:2025-04-01    saved before that day (UTC); `after:` on or after it; also 2025, 2025-04
 *   by:alice             saved by a CouchDB user whose name starts with it (synced claims); OR
 *   -tag:x -type:x -site:x -by:x   the filters negated
 *
 * Matching ignores case and diacritics (fold.ts); words and numbers are tokens (tokenize.ts).
 */
import { CLAIM_TYPES, type ClaimType } from '../core/model';
import { DOUBLE_QUOTE_MARKS } from '../core/quotes';
import { fold } from './fold';
import { foldTag } from './stream';
import { tokenize, UNITS } from './tokenize';

export interface QueryToken {
  /** Folded form looked up. */
  key: string;
  /** Matches the start of a form (words) rather than the whole form (numbers, closed phrases). */
  prefix: boolean;
}

export interface TextTerm {
  /** One token: a word. Several: a phrase (`"…"`, or a word like `17bn` or `U.S.`). */
  tokens: QueryToken[];
}

export interface ParsedQuery {
  include: TextTerm[];
  exclude: TextTerm[];
  /** Alternatives; empty = any type. */
  types: ClaimType[];
  excludeTypes: ClaimType[];
  /** Tag prefixes, folded; all must match. */
  tags: string[];
  excludeTags: string[];
  /** Site prefixes; alternatives. */
  sites: string[];
  excludeSites: string[];
  /** Author (CouchDB user) prefixes, folded; alternatives. */
  authors: string[];
  excludeAuthors: string[];
  /** ISO prefixes: created < before, created >= after. */
  before?: string;
  after?: string;
}

const FILTER = /^(tag|type|site|by|before|after):/i;
/** What opens or closes a phrase: `"` and every double quote mark (utils/core/quotes.ts). */
const QUOTES = `"${DOUBLE_QUOTE_MARKS}`;

/** A term of the query as written: its place in the query and its text. */
export interface QueryChunk {
  start: number;
  end: number;
  text: string;
}

/** The query cut into terms: whitespace separates them, except inside quotes. */
export function queryChunks(query: string): QueryChunk[] {
  const chunks: QueryChunk[] = [];
  let i = 0;
  while (i < query.length) {
    while (i < query.length && /\s/.test(query[i]!)) i++;
    if (i >= query.length) break;
    const start = i;
    if (query[i] === '-' && i + 1 < query.length && !/\s/.test(query[i + 1]!)) i++;
    const filter = FILTER.exec(query.slice(i))?.[0];
    if (filter) i += filter.length;
    else if (query[i] === '#') i++;
    if (QUOTES.includes(query[i] ?? ' ')) {
      i++;
      while (i < query.length && !QUOTES.includes(query[i]!)) i++;
      if (i < query.length) i++;
    }
    while (i < query.length && !/\s/.test(query[i]!)) i++;
    chunks.push({ start, end: i, text: query.slice(start, i) });
  }
  return chunks;
}

export function parseQuery(query: string): ParsedQuery {
  const parsed: ParsedQuery = {
    include: [],
    exclude: [],
    types: [],
    excludeTypes: [],
    tags: [],
    excludeTags: [],
    sites: [],
    excludeSites: [],
    authors: [],
    excludeAuthors: [],
  };
  for (const chunk of queryChunks(query)) parseChunk(fold(chunk.text), parsed);
  return parsed;
}

function parseChunk(text: string, parsed: ParsedQuery): void {
  let i = 0;
  let negate = false;
  if (text[0] === '-' && text.length > 1) {
    negate = true;
    i++;
  }
  let filter = FILTER.exec(text.slice(i))?.[1];
  if (filter) i += filter.length + 1;
  else if (text[i] === '#') {
    filter = 'tag';
    i++;
  }
  let value = text.slice(i);
  let quoted = false;
  let closed = false;
  if (value.startsWith('"')) {
    const end = value.indexOf('"', 1);
    quoted = true;
    closed = end >= 0;
    // Text after a closing quote (`"a b"c`) belongs to the phrase.
    value = closed ? value.slice(1, end) + ' ' + value.slice(end + 1) : value.slice(1);
  }
  const understood = filter
    ? applyFilter(parsed, filter, value.replace(/\s+/g, ' ').trim(), negate)
    : false;
  if (understood) return;
  // A filter with a value it does not know is words, like anything else unknown.
  const words = filter ? text.slice(negate ? 1 : 0) : value;
  const term = textTerm(words, quoted && !filter, closed);
  if (term) (negate ? parsed.exclude : parsed.include).push(term);
}

export type FilterKind = 'type' | 'tag' | 'site';

/** Whether the query filters on `kind` = `value` (for chips). */
export function hasFilter(parsed: ParsedQuery, kind: FilterKind, value: string): boolean {
  const list = kind === 'type' ? parsed.types : kind === 'tag' ? parsed.tags : parsed.sites;
  return (list as readonly string[]).includes(value);
}

/**
 * The query with the filter `kind:value` added, or removed when the query has it (however it was
 * spelled: `type:fig` is the Figure chip). Other terms stay as written.
 */
export function toggleFilter(query: string, kind: FilterKind, value: string): string {
  const chunks = queryChunks(query);
  const matching = chunks.filter((c) => hasFilter(parseQuery(c.text), kind, value));
  if (matching.length === 0) {
    const term = `${kind}:${/[\s"]/.test(value) ? `"${value.replace(/"/g, '')}"` : value}`;
    return query.trim() ? `${query.trimEnd()} ${term}` : term;
  }
  let out = '';
  let at = 0;
  for (const chunk of matching) {
    out += query.slice(at, chunk.start);
    at = chunk.end;
  }
  return (out + query.slice(at)).replace(/\s{2,}/g, ' ').trim();
}

/** Whether the query asks for anything (else: the newest claims). */
export function isEmptyQuery(parsed: ParsedQuery): boolean {
  return (
    parsed.include.length === 0 &&
    parsed.exclude.length === 0 &&
    parsed.types.length === 0 &&
    parsed.excludeTypes.length === 0 &&
    parsed.tags.length === 0 &&
    parsed.excludeTags.length === 0 &&
    parsed.sites.length === 0 &&
    parsed.excludeSites.length === 0 &&
    parsed.authors.length === 0 &&
    parsed.excludeAuthors.length === 0 &&
    parsed.before === undefined &&
    parsed.after === undefined
  );
}

function applyFilter(parsed: ParsedQuery, filter: string, value: string, negate: boolean): boolean {
  if (!value) return true; // `tag:` being typed: nothing to filter by yet
  switch (filter) {
    case 'tag':
      (negate ? parsed.excludeTags : parsed.tags).push(foldTag(value));
      return true;
    case 'by':
      (negate ? parsed.excludeAuthors : parsed.authors).push(foldTag(value));
      return true;
    case 'type': {
      const types = CLAIM_TYPES.filter((t) => t.startsWith(value) || value.startsWith(t));
      if (types.length === 0) return false;
      (negate ? parsed.excludeTypes : parsed.types).push(
        ...types.filter((t) => !(negate ? parsed.excludeTypes : parsed.types).includes(t)),
      );
      return true;
    }
    case 'site': {
      const site = siteValue(value);
      if (!site) return false;
      (negate ? parsed.excludeSites : parsed.sites).push(site);
      return true;
    }
    default: {
      const date = isoDate(value);
      if (!date || negate) return false;
      if (filter === 'before') {
        if (parsed.before === undefined || date < parsed.before) parsed.before = date;
      } else if (parsed.after === undefined || date > parsed.after) {
        parsed.after = date;
      }
      return true;
    }
  }
}

/** `2025`, `2025-04`, `2025-04-01` (also with / or .) as an ISO prefix, or undefined. */
export function isoDate(value: string): string | undefined {
  const m = /^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$/.exec(value);
  if (!m) return undefined;
  const [, year, month, day] = m;
  if (month !== undefined && (Number(month) < 1 || Number(month) > 12)) return undefined;
  if (day !== undefined && (Number(day) < 1 || Number(day) > 31)) return undefined;
  return [year, month?.padStart(2, '0'), day?.padStart(2, '0')].filter(Boolean).join('-');
}

/** `https://www.x.com/a` → www.x.com; `x.com/` → x.com; a site name stays as it is. */
function siteValue(value: string): string {
  const url = /^[a-z][a-z0-9+.-]*:\/\//.test(value) ? value : `https://${value}`;
  if (!/\s/.test(value) && /[./]/.test(value)) {
    try {
      return new URL(url).hostname;
    } catch {
      // not a URL: use as written
    }
  }
  return value;
}

function textTerm(words: string, quoted: boolean, closed: boolean): TextTerm | undefined {
  const tokens = tokenize(words);
  if (tokens.length === 0) return undefined;
  // A lone letter (`t` while typing `tiktok`) would match nearly every claim: not a term yet.
  if (!quoted && tokens.length === 1 && tokens[0]!.key.length === 1 && !tokens[0]!.numeric)
    return undefined;
  const last = tokens.length - 1;
  const queryTokens = tokens.map((t, i) => ({
    // `bn` on its own is the unit, as after a number: it finds "17 billion" too.
    key: tokens.length === 1 ? (UNITS[t.key] ?? t.key) : t.key,
    prefix: !t.numeric && i === last && (!quoted || !closed),
  }));
  return { tokens: queryTokens };
}
