import { describe, expect, it } from 'vitest';
import { ANNO_CONTEXT, toW3C, toW3CAnnotation } from '../../../utils/export/w3c';
import { claim, demo, golden } from '../../support/demo';

const GOLDEN = 'tests/fixtures/golden/w3c/demo.jsonld';

/** Terms of http://www.w3.org/ns/anno.jsonld that Claimmark writes: nothing outside it. */
const CONTEXT_TERMS = new Set([
  'id',
  'type',
  'motivation',
  'created',
  'modified',
  'generated',
  'body',
  'target',
  'source',
  'selector',
  'value',
  'purpose',
  'format',
  'exact',
  'prefix',
  'suffix',
  'start',
  'end',
  'label',
  'total',
  'first',
  'last',
  'partOf',
  'startIndex',
  'items',
]);
const MOTIVATIONS = new Set(
  'assessing bookmarking classifying commenting describing editing highlighting identifying linking moderating questioning replying tagging'.split(
    ' ',
  ),
);
const IRI =
  /^(?:urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|https?:\/\/\S+)$/;
const XSD_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

type Json = Record<string, unknown>;

/** Every MUST of the Web Annotation Data Model that applies to what Claimmark writes. */
function checkAnnotation(a: Json): void {
  // 3.1 Annotations
  expect(a['@context']).toBe(ANNO_CONTEXT); // one value → a string
  expect(a.id).toMatch(IRI);
  expect([a.type].flat()).toContain('Annotation');
  expect(a.target).toBeDefined();
  // 3.3.1 created / modified: at most one, xsd:dateTime in UTC with "Z"
  for (const key of ['created', 'modified']) {
    if (a[key] !== undefined) expect(a[key]).toMatch(XSD_UTC);
  }
  // 3.3.5 motivation and purpose from the Motivation instances
  for (const m of [a.motivation].flat()) expect(MOTIVATIONS.has(m as string)).toBe(true);
  // 3.2.4 each TextualBody has exactly 1 value
  for (const body of [a.body].flat() as Json[]) {
    expect(body.type).toBe('TextualBody');
    expect(typeof body.value).toBe('string');
    for (const p of [body.purpose].flat()) expect(MOTIVATIONS.has(p as string)).toBe(true);
  }
  // 4 Specific resources: exactly 1 source (an IRI); selectors with their MUSTs
  for (const target of [a.target].flat() as Json[]) {
    expect(typeof target.source).toBe('string');
    expect(target.source).toMatch(/^https?:\/\/|^file:\/\//);
    const selectors = [target.selector].flat() as Json[];
    expect(selectors.length).toBeGreaterThan(0);
    for (const s of selectors) {
      if (s.type === 'TextQuoteSelector') {
        expect(typeof s.exact).toBe('string');
        for (const key of ['prefix', 'suffix']) {
          if (s[key] !== undefined) expect(typeof s[key]).toBe('string');
        }
      } else {
        expect(s.type).toBe('TextPositionSelector');
        expect(Number.isSafeInteger(s.start) && (s.start as number) >= 0).toBe(true);
        expect(Number.isSafeInteger(s.end) && (s.end as number) >= 0).toBe(true);
      }
    }
  }
}

function checkCollection(doc: Json): Json[] {
  // 5.1 Annotation Collection
  expect([doc['@context']].flat()).toContain(ANNO_CONTEXT);
  expect(doc.id).toMatch(IRI);
  expect([doc.type].flat()).toContain('AnnotationCollection');
  expect(typeof doc.label).toBe('string');
  expect(Number.isSafeInteger(doc.total) && (doc.total as number) >= 0).toBe(true);
  if (doc.total === 0) {
    expect(doc.first).toBeUndefined();
    return [];
  }
  // a collection with total > 0 has exactly 1 first page; 5.2 Annotation Page
  const page = doc.first as Json;
  expect(page['@context']).toBeUndefined(); // embedded: SHOULD NOT
  expect(page.id).toMatch(IRI);
  expect([page.type].flat()).toContain('AnnotationPage');
  expect(page.partOf).toBe(doc.id);
  expect(page.next).toBeUndefined(); // the only page is the last
  expect(doc.last).toBe(page.id);
  expect(page.startIndex).toBe(0);
  const items = page.items as Json[];
  expect(Array.isArray(items) && items.length > 0).toBe(true);
  expect(items).toHaveLength(doc.total as number);
  items.forEach(checkAnnotation);
  return items;
}

function keysOf(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => keysOf(v, out));
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      keysOf(v, out);
    }
  }
  return out;
}

describe('W3C Web Annotation export', () => {
  it('writes the demo like the golden file (UPDATE_FIXTURES=1 regenerates it)', () => {
    const { annotations } = demo();
    const output = toW3C(annotations, { exportedAt: '2025-03-07T09:00:00.000Z' });
    expect(output).toBe(golden(GOLDEN, output));
  });

  it('keeps every MUST of the data model, and only terms of the anno.jsonld context', () => {
    const { annotations } = demo();
    const doc = JSON.parse(toW3C(annotations, { exportedAt: '2025-03-07' })) as Json;
    const items = checkCollection(doc);
    expect(items).toHaveLength(2);
    const keys = [...keysOf(doc)].filter((k) => k !== '@context');
    expect(keys.filter((k) => !CONTEXT_TERMS.has(k))).toEqual([]);
    expect(doc.generated).toBe('2025-03-07T00:00:00.000Z');
  });

  it('maps a claim: urn:uuid id, type and tags as tagging bodies, note as commenting body', () => {
    const { annotations } = demo();
    const a = toW3CAnnotation(annotations[0]!);
    expect(a).toMatchObject({
      id: 'urn:uuid:b2f3c4d5-0000-4000-8000-000000000002',
      type: 'Annotation',
      motivation: 'commenting',
      created: '2025-03-06T10:00:00.000Z',
      modified: '2025-03-06T10:20:00.000Z',
      body: [
        { type: 'TextualBody', purpose: 'tagging', value: 'claimmark:quote' },
        { type: 'TextualBody', purpose: 'tagging', value: 'employee morale' },
        {
          type: 'TextualBody',
          purpose: 'commenting',
          format: 'text/plain',
          value: 'Unnamed employee, via Business Insider.\nCompare with the PIP rollout.',
        },
      ],
      target: {
        source: 'https://influencermarketinghub.com/tiktok-cracks-down-us-ecommerce-team/',
        selector: [
          { type: 'TextQuoteSelector', exact: annotations[0]!.quote },
          { type: 'TextPositionSelector' },
        ],
      },
    });
    expect(Object.keys(a)).toEqual([
      '@context',
      'id',
      'type',
      'motivation',
      'created',
      'modified',
      'body',
      'target',
    ]);
  });

  it('highlights without a note, leaves out modified when not later, and times that do not parse', () => {
    const a = toW3CAnnotation(
      claim({ quote: 'q', created: '2025-01-01T00:00:00+02:00', updated: 'x' }),
    );
    expect(a.motivation).toBe('highlighting');
    expect(a.created).toBe('2024-12-31T22:00:00.000Z');
    expect(a.modified).toBeUndefined();
    expect(toW3CAnnotation(claim({ quote: 'q', created: 'never' })).created).toBeUndefined();
  });

  it('puts the TextQuoteSelector first whatever the stored order', () => {
    const c = claim({ quote: 'q', start: 4 });
    c.selectors.reverse();
    expect(toW3CAnnotation(c).target.selector.map((s) => s.type)).toEqual([
      'TextQuoteSelector',
      'TextPositionSelector',
    ]);
  });

  it('writes an empty collection without a page (a page needs at least one item)', () => {
    const doc = JSON.parse(toW3C([])) as Json;
    checkCollection(doc);
    expect(doc).not.toHaveProperty('first');
  });

  it('is deterministic, its ids stable for the same claims and time', () => {
    const { annotations } = demo();
    expect(toW3C([...annotations].reverse(), { exportedAt: 'x' })).toBe(
      toW3C(annotations, { exportedAt: 'x' }),
    );
    expect(toW3C(annotations, { collectionId: 'https://example.org/c1' })).toContain(
      '"id": "https://example.org/c1"',
    );
  });
});
