/**
 * Claims as W3C Web Annotations (https://www.w3.org/TR/annotation-model/): an
 * AnnotationCollection in JSON-LD whose one embedded AnnotationPage holds every annotation.
 * Pure and deterministic.
 *
 * Each claim becomes:
 * ```json
 * {
 *   "@context": "http://www.w3.org/ns/anno.jsonld",
 *   "id": "urn:uuid:<claim id>",
 *   "type": "Annotation",
 *   "motivation": "commenting",                     ("highlighting" when there is no note)
 *   "created": "2025-03-06T10:05:00.000Z",
 *   "modified": "2025-03-06T11:00:00.000Z",         (only when later than created)
 *   "body": [
 *     { "type": "TextualBody", "purpose": "tagging", "value": "claimmark:figure" },   (the type)
 *     { "type": "TextualBody", "purpose": "tagging", "value": "tiktok" },             (each tag)
 *     { "type": "TextualBody", "purpose": "commenting", "value": "…", "format": "text/plain" }
 *   ],
 *   "target": {
 *     "source": "https://normalized.url/",
 *     "selector": [
 *       { "type": "TextQuoteSelector", "exact": "…", "prefix": "…", "suffix": "…" },
 *       { "type": "TextPositionSelector", "start": 1234, "end": 1245 }
 *     ]
 *   }
 * }
 * ```
 *
 * The MUSTs this keeps (section numbers of the Recommendation):
 * - 3.1 every annotation has `@context` (the anno.jsonld IRI, as a string — each annotation can be
 *   taken out of the file and stand alone), exactly one IRI `id`, `type` "Annotation", ≥ 1 target;
 * - 3.2.4 every TextualBody has exactly one `value`;
 * - 3.3.1 `created`/`modified` are xsd:dateTime in UTC with "Z" (times that do not parse are left
 *   out: both are optional);
 * - 4.2.4/4.2.5 selectors have their one `type`; TextQuoteSelector one `exact` (+ prefix, suffix),
 *   TextPositionSelector one `start` and `end`, non-negative integers;
 * - 5.1 the collection has `@context`, an IRI `id`, `type` "AnnotationCollection", an integer
 *   `total` and, when total > 0, exactly one `first` page — embedded; 5.2 that page has an IRI
 *   `id`, `type` "AnnotationPage", 1 or more `items`, no `next` (it is the last page), and no
 *   `@context` (it is embedded). An empty collection has no page (a page needs ≥ 1 item).
 *
 * The claim type travels as a tag `claimmark:<type>` (readable in any tool, and unambiguous when
 * read back: a plain tag "figure" stays a tag). Page metadata is not part of this format: use
 * the JSON backup for full fidelity. Positions are those of Claimmark's text model in UTF-16
 * code units (as browsers and Hypothesis count); anchoring checks them against the quote.
 */
import type { Annotation, Selector } from '../core/model';
import { hashId } from './hash-id';
import { sortedByCreated, timeOf, utcTime } from './text';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/** Tag value prefix that carries the claim type: `claimmark:figure`. */
export const TYPE_TAG_PREFIX = 'claimmark:';
export const DEFAULT_COLLECTION_LABEL = 'Claimmark export';

export interface W3CTextualBody {
  type: 'TextualBody';
  purpose: 'tagging' | 'commenting';
  value: string;
  format?: 'text/plain';
}

export interface W3CAnnotation {
  '@context': typeof ANNO_CONTEXT;
  id: string;
  type: 'Annotation';
  motivation: 'highlighting' | 'commenting';
  created?: string;
  modified?: string;
  /** Who saved it (the CouchDB user of a synced claim). */
  creator?: { type: 'Person'; name: string };
  body: W3CTextualBody[];
  target: { source: string; selector: (Selector | W3CFragmentSelector)[] };
}

/**
 * A claim's page in a PDF, the W3C way (4.2.1): a FragmentSelector after RFC 3778, the
 * `application/pdf` fragment syntax (`page=12`, 1-based). The quote and position selectors then
 * count in the text of the whole document.
 */
export interface W3CFragmentSelector {
  type: 'FragmentSelector';
  conformsTo: typeof PDF_FRAGMENT;
  value: string;
}

export const PDF_FRAGMENT = 'http://tools.ietf.org/rfc/rfc3778';

export interface W3COptions {
  /** The collection's label (default "Claimmark export"). */
  label?: string;
  /** ISO time of the export, written as the collection's `generated`. */
  exportedAt?: string;
  /** The collection's IRI (default: a urn:uuid derived from the claims, stable across exports). */
  collectionId?: string;
}

export function toW3CAnnotation(a: Annotation): W3CAnnotation {
  const body: W3CTextualBody[] = [
    { type: 'TextualBody', purpose: 'tagging', value: `${TYPE_TAG_PREFIX}${a.type}` },
    ...a.tags.map(
      (tag): W3CTextualBody => ({ type: 'TextualBody', purpose: 'tagging', value: tag }),
    ),
  ];
  if (a.note) {
    body.push({ type: 'TextualBody', purpose: 'commenting', value: a.note, format: 'text/plain' });
  }
  const created = utcTime(a.created);
  const modified = utcTime(a.updated);
  const out: W3CAnnotation = {
    '@context': ANNO_CONTEXT,
    id: `urn:uuid:${a.id}`,
    type: 'Annotation',
    motivation: a.note ? 'commenting' : 'highlighting',
    body,
    target: {
      source: a.url,
      selector: [...a.selectors]
        .sort((x, y) => (x.type === y.type ? 0 : x.type === 'TextQuoteSelector' ? -1 : 1))
        .map(
          (s): Selector =>
            s.type === 'TextQuoteSelector'
              ? { type: s.type, exact: s.exact, prefix: s.prefix, suffix: s.suffix }
              : { type: s.type, start: s.start, end: s.end },
        ),
    },
  };
  if (a.pdfPage) {
    out.target.selector.unshift({
      type: 'FragmentSelector',
      conformsTo: PDF_FRAGMENT,
      value: `page=${a.pdfPage.index + 1}`,
    });
  }
  if (created) out.created = created;
  if (a.author) out.creator = { type: 'Person', name: a.author };
  if (modified && (!created || timeOf(modified) > timeOf(created))) out.modified = modified;
  // Key order as in the spec's examples: @context, id, type, motivation, created, modified, body, target.
  const { body: b, target, ...head } = out;
  return { ...head, body: b, target };
}

export function toW3C(annotations: readonly Annotation[], options: W3COptions = {}): string {
  let out = '';
  for (const part of w3cParts(annotations, options)) out += part;
  return out;
}

/** The collection in pieces: the header, then one piece per annotation. */
export function* w3cParts(
  annotations: readonly Annotation[],
  options: W3COptions = {},
): Generator<string, void, undefined> {
  const sorted = yield* sortedByCreated(annotations);
  const collectionId =
    options.collectionId ??
    `urn:uuid:${hashId(`claimmark-collection\n${options.exportedAt ?? ''}\n${sorted.map((a) => a.id).join('\n')}`)}`;
  const pageId = `urn:uuid:${hashId(`claimmark-page\n${collectionId}\n0`)}`;
  const head: string[] = [
    `"@context": ${JSON.stringify(ANNO_CONTEXT)}`,
    `"id": ${JSON.stringify(collectionId)}`,
    `"type": "AnnotationCollection"`,
    `"label": ${JSON.stringify(options.label || DEFAULT_COLLECTION_LABEL)}`,
  ];
  const generated = utcTime(options.exportedAt);
  if (generated) head.push(`"generated": ${JSON.stringify(generated)}`);
  head.push(`"total": ${sorted.length}`);
  if (sorted.length === 0) {
    yield `{\n  ${head.join(',\n  ')}\n}\n`;
    return;
  }
  head.push(`"last": ${JSON.stringify(pageId)}`);
  yield `{\n  ${head.join(',\n  ')},\n  "first": {\n    "id": ${JSON.stringify(pageId)},\n    "type": "AnnotationPage",\n    "partOf": ${JSON.stringify(collectionId)},\n    "startIndex": 0,\n    "items": [`;
  for (let i = 0; i < sorted.length; i++) {
    yield `${i ? ',' : ''}\n      ${JSON.stringify(toW3CAnnotation(sorted[i]!))}`;
  }
  yield '\n    ]\n  }\n}\n';
}
