/**
 * Reading Hypothesis annotations into claims. Pure. Two files carry them (hypothesis/client
 * `src/types/api.ts`, `src/sidebar/services/annotations-exporter.tsx`):
 * - the sidebar's Export → JSON: `{ export_date, export_userid, client_version, annotations }`;
 * - the API's search response: `{ total, rows, replies? }`.
 *
 * Each annotation (`APIAnnotationData`):
 * - a reply (`references` not empty) is not a claim: left out, counted;
 * - the first `target` with a TextQuoteSelector gives the quote (`exact`, `prefix`, `suffix`) and
 *   its TextPositionSelector the position hint (Hypothesis counts in the body's textContent:
 *   the position is verified against the quote on the page, as every stored position is). A
 *   target without one is a page note: left out, counted. RangeSelector (XPaths),
 *   EPUBContentSelector, PageSelector and MediaTimeSelector are dropped;
 * - the page: `target[].source`, else `uri`, when it is an http(s) or file URL (PDFs known only
 *   as `urn:x-pdf:` are refused with that reason); `document.title` (text or a list) its title;
 * - `text` → note, `tags` → tags, `created` / `updated` → times; type: claim;
 * - `id` (Hypothesis' own, not a UUID) gives a stable claim id, so importing again updates;
 * - dropped: user, group, permissions, hidden, flagged, links, user_info, metadata, mentions.
 */
import { collapseWhitespace } from '../core/model';
import { asRecord, ValidationError } from '../core/validate';
import { buildClaim, type ClaimContext, type ImportedClaim } from './claim';

export const REPLY = 'replies to other annotations (not claims)';
export const PAGE_NOTE = 'page notes, with no quoted text (not claims)';

/** A record that is not a claim: left out with this reason (REPLY, PAGE_NOTE). */
export class LeftOutRecord extends Error {
  override name = 'LeftOutRecord';
}

export function readHypothesisAnnotation(value: unknown, context: ClaimContext): ImportedClaim {
  const record = asRecord(value, 'annotation');
  if (Array.isArray(record.references) && record.references.length > 0) {
    throw new LeftOutRecord(REPLY);
  }
  const targets = Array.isArray(record.target) ? record.target : [];
  let found:
    | { source: unknown; quote: Record<string, unknown>; position?: Record<string, unknown> }
    | undefined;
  for (const target of targets) {
    if (typeof target !== 'object' || target === null) continue;
    const { source, selector } = target as Record<string, unknown>;
    const selectors = (Array.isArray(selector) ? selector : []).filter(
      (s): s is Record<string, unknown> => typeof s === 'object' && s !== null,
    );
    const quote = selectors.find(
      (s) => s.type === 'TextQuoteSelector' && typeof s.exact === 'string' && s.exact.trim(),
    );
    if (!quote) continue;
    const position = selectors.find((s) => s.type === 'TextPositionSelector');
    found = { source, quote, ...(position ? { position } : {}) };
    break;
  }
  if (!found) throw new LeftOutRecord(PAGE_NOTE);
  const { quote, position } = found;
  const text = (key: string) => (typeof quote[key] === 'string' ? (quote[key] as string) : '');
  const id = typeof record.id === 'string' && record.id ? record.id.slice(0, 200) : undefined;
  const tags = record.tags;
  if (tags !== undefined && !Array.isArray(tags)) throw new ValidationError('tags must be a list');
  if (record.text !== undefined && typeof record.text !== 'string') {
    throw new ValidationError('text must be text');
  }
  const claim = buildClaim(
    {
      urls: [found.source, record.uri],
      exact: text('exact'),
      prefix: text('prefix'),
      suffix: text('suffix'),
      ...(position && typeof position.start === 'number' && typeof position.end === 'number'
        ? { position: { start: position.start, end: position.end } }
        : {}),
      tags: (tags ?? []).filter((t): t is string => typeof t === 'string'),
      note: typeof record.text === 'string' ? record.text : '',
      created: record.created,
      updated: record.updated,
      title: titleOf(record.document),
      idSeed: id
        ? `hypothesis-id\n${id}`
        : `hypothesis-content\n${String(found.source)}\n${text('exact')}\n${String(record.created)}`,
    },
    context,
  );
  return claim;
}

function titleOf(document: unknown): string {
  if (typeof document !== 'object' || document === null) return '';
  const title = (document as Record<string, unknown>).title;
  const first = Array.isArray(title) ? title.find((t) => typeof t === 'string') : title;
  return typeof first === 'string' ? collapseWhitespace(first) : '';
}
