import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toBackupJson } from '../../../utils/export/json';
import { toW3C } from '../../../utils/export/w3c';
import { hashId } from '../../../utils/export/hash-id';
import { ImportError, parseImport } from '../../../utils/import';
import type { Progress } from '../../../utils/export/work';
import { demo } from '../../support/demo';

const FIXTURES = 'tests/fixtures/import';
const fixture = (name: string) => readFileSync(`${FIXTURES}/${name}`, 'utf8');
const NOW = '2026-01-01T00:00:00.000Z';

async function refusal(text: string): Promise<string> {
  const error = await parseImport(text, { now: NOW }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  return (error as ImportError).message;
}

describe('parseImport: Claimmark backup', () => {
  it('reads back exactly what was written', async () => {
    const { pages, annotations } = demo();
    const settings = { defaultType: 'figure', tagColours: { tiktok: '#ff0000' } };
    const parsed = await parseImport(toBackupJson(pages, annotations, { settings }));
    expect(parsed.format).toBe('claimmark-backup');
    expect(parsed.version).toBe(1);
    expect(parsed.pages).toEqual(pages);
    expect(parsed.annotations).toEqual(
      [...annotations].sort((a, b) => a.created.localeCompare(b.created)),
    );
    expect(parsed.settings).toEqual(settings);
    expect(parsed.rejections).toEqual([]);
    expect(parsed.warnings).toEqual([]);
  });

  it('keeps the valid records of a hostile file and refuses the rest, with reasons', async () => {
    const parsed = await parseImport(fixture('backup-hostile.json'));
    const reasons = parsed.rejections.map((r) => `${r.kind} #${r.index + 1}: ${r.reason}`);
    expect(reasons).toEqual([
      'settings #1: settings key __proto__ is not allowed',
      'settings #1: settings key nested.constructor is not allowed',
      'page #2: url must be an http(s) or file URL',
      'page #3: title must be a string',
      'annotation #3: type must be a claim type',
      'annotation #4: selectors must be a non-empty array',
      'annotation #5: quote must be a string',
      'annotation #8: id must be a UUID',
      'annotation #11: tags must be an array',
      'annotation #12: created must be a date and time',
      'annotation #13: annotation must be an object',
      'annotation #14: anchor.status must be exact, approximate or orphan',
      'page #4: duplicate of page #1 in this file',
      'annotation #2: same id as annotation #1 in this file, which is newer and is imported instead',
    ]);
    expect(parsed.pages.map((p) => p.url)).toEqual([
      'https://example.com/a',
      'https://example.com/d',
    ]);
    expect(parsed.annotations.map((a) => a.quote)).toEqual([
      'quote 0',
      'quote 5',
      'quote 6',
      'quote 8',
      'quote 9',
    ]);
    // Text stays text; nothing reaches a prototype; unknown keys are not copied.
    expect(parsed.annotations[0]!.note).toBe('<script>alert(1)</script>');
    expect(parsed.annotations[4]!.note).toBe('=HYPERLINK("http://evil.example","click")');
    expect(Object.keys(parsed.annotations[1]!)).not.toContain('__proto__');
    expect(Object.keys(parsed.pages[1]!)).not.toContain('__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(parsed.settings).toEqual({ defaultType: 'figure', nested: {} });
    // A lone surrogate cannot be stored as text: replaced, and said so.
    expect(parsed.annotations[2]!.note).toBe('broken \uFFFD char');
    expect(parsed.warnings).toEqual([
      '1 text had broken characters (unpaired UTF-16 surrogates), replaced with �.',
    ]);
  });

  it('refuses a backup from a newer version as a whole, saying what to do', async () => {
    expect(await refusal(fixture('backup-newer-version.json'))).toMatch(
      /newer version of Claimmark \(backup format 2; this version reads up to 1\)\. Update Claimmark/,
    );
  });

  it('refuses a cut-off file, saying it ends early', async () => {
    const { pages, annotations } = demo();
    const text = toBackupJson(pages, annotations);
    expect(await refusal(text.slice(0, Math.floor(text.length * 0.7)))).toMatch(
      /not complete JSON: it ends early \(at line \d+\)/,
    );
    expect(await refusal('')).toBe('This file is empty.');
  });

  it('refuses text that is not JSON, saying where', async () => {
    expect(await refusal('{\n  "format": "claimmark-backup",\n  version: 1\n}')).toMatch(
      /not valid JSON \(line 3, column 3/,
    );
    expect(await refusal('<html>nope</html>')).toMatch(/not valid JSON \(line 1, column 1/);
  });

  it('refuses files of another kind or with the wrong shape', async () => {
    expect(await refusal('{"format":"other-app","version":1}')).toMatch(/not a Claimmark backup/);
    expect(await refusal('{"format":"claimmark-backup","version":"1"}')).toMatch(
      /no valid version/,
    );
    expect(await refusal('{"format":"claimmark-backup","version":1,"pages":{}}')).toMatch(
      /no list of pages/,
    );
    expect(await refusal('{"hello":"world"}')).toMatch(/neither a Claimmark backup nor W3C/);
    expect(await refusal('42')).toMatch(/neither/);
  });

  it('refuses 10 MB strings in a record, a huge settings object, and deep nesting, without crashing', async () => {
    const big = 'x'.repeat(10 * 1024 * 1024);
    const { pages, annotations } = demo();
    const text = toBackupJson(pages, [
      { ...annotations[0]!, note: big },
      { ...annotations[1]!, quote: big },
    ]).replace('"version": 1', `"version": 1,\n  "settings": {"blob": "${big}"}`);
    const parsed = await parseImport(text);
    expect(parsed.annotations).toEqual([]);
    expect(parsed.rejections.map((r) => r.reason)).toEqual([
      'settings are larger than 1000000 characters',
      'note is longer than 50000 characters',
      'quote is longer than 100000 characters',
    ]);
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const nested = toBackupJson(pages, [{ ...annotations[0]!, note: 'PLACEHOLDER' }]).replace(
      '"PLACEHOLDER"',
      deep,
    );
    const result = await parseImport(nested);
    expect(result.rejections).toHaveLength(1);
    expect(result.annotations).toEqual([]);
  });

  it('reads in slices and reports progress', async () => {
    const { pages, annotations } = demo();
    const many = Array.from({ length: 500 }, (_, i) => ({
      ...annotations[1]!,
      id: hashId(String(i)),
    }));
    const events: Progress[] = [];
    let yields = 0;
    const parsed = await parseImport(toBackupJson(pages, many), {
      sliceMs: 0,
      yieldToUi: async () => void yields++,
      onProgress: (p) => void events.push(p),
    });
    expect(parsed.annotations).toHaveLength(500);
    expect(yields).toBeGreaterThan(500);
    expect(events.some((e) => e.phase === 'read')).toBe(true);
    expect(events.at(-1)).toEqual({ phase: 'check', done: 501, total: 501 });
  });

  it('can be stopped', async () => {
    const { pages, annotations } = demo();
    const controller = new AbortController();
    const run = parseImport(toBackupJson(pages, annotations), {
      sliceMs: 0,
      signal: controller.signal,
      yieldToUi: async () => controller.abort(),
    });
    await expect(run).rejects.toThrow();
  });
});

describe('parseImport: W3C Web Annotations', () => {
  it('reads a Hypothesis-style collection: keeps what has a quote, refuses the rest', async () => {
    const parsed = await parseImport(fixture('hypothesis-style.jsonld'), { now: NOW });
    expect(parsed.format).toBe('w3c');
    expect(parsed.rejections.map((r) => [r.index, r.id, r.reason])).toEqual([
      [
        2,
        'https://hypothes.is/a/PageNoteOnly000000000',
        'target has no TextQuoteSelector (a quote of the page text)',
      ],
      [
        3,
        'https://hypothes.is/a/Reply0000000000000000',
        'target has no TextQuoteSelector (a quote of the page text)',
      ],
      [
        5,
        'https://hypothes.is/a/PdfAnnotation00000000',
        'target source must be an http(s) or file URL',
      ],
    ]);
    const [hypothesis, quoteOnly, refined, semantic, choice] = parsed.annotations;
    expect(hypothesis).toEqual({
      id: hashId('w3c-id\nhttps://hypothes.is/a/Zq1xJ0fgEe6rQ2s0Wc7kTA'),
      url: 'https://influencermarketinghub.com/tiktok-cracks-down-us-ecommerce-team/',
      quote: '$17 billion',
      selectors: [
        {
          type: 'TextQuoteSelector',
          exact: '$17 billion',
          prefix: 'am missed its ambitious goal of ',
          suffix: ' in sales. Now, the U.S. divisio',
        },
        { type: 'TextPositionSelector', start: 589, end: 600 },
      ],
      type: 'claim',
      tags: ['tiktok', 'e-commerce'],
      note: 'GMV target **missed** by a wide margin. <script>alert(1)</script>',
      created: '2025-03-06T10:00:00.000Z',
      updated: '2025-03-06T11:30:00.000Z',
    });
    expect(quoteOnly).toMatchObject({
      id: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
      url: 'https://example.com/markets/story',
      selectors: [
        { type: 'TextQuoteSelector', exact: 'up 20% in the first quarter', prefix: '', suffix: '' },
      ],
      note: 'Only a quote: its position is found on the next visit.',
      created: '2025-03-06T12:00:00.000Z',
    });
    expect(refined).toMatchObject({
      url: 'https://www.example.net/report.html',
      quote: 'Revenue grew 12 percent',
      selectors: [{ type: 'TextQuoteSelector', prefix: 'In the second quarter, ' }],
    });
    expect(semantic).toMatchObject({
      type: 'forecast',
      tags: ['http://www.wikidata.org/entity/q48938223'],
      selectors: [{ type: 'TextQuoteSelector' }], // the invalid position is dropped
    });
    expect(semantic!.selectors).toHaveLength(1);
    expect(choice!.note).toBe('Note in English');
    expect(parsed.pages.map((p) => [p.url, p.title, p.lang])).toEqual([
      ['https://influencermarketinghub.com/tiktok-cracks-down-us-ecommerce-team/', '', ''],
      ['https://example.com/markets/story', '', ''],
      ['https://www.example.net/report.html', 'Quarterly Report', 'en-GB'],
    ]);
  });

  it('gives the same ids on every read, so importing again updates instead of duplicating', async () => {
    const a = await parseImport(fixture('hypothesis-style.jsonld'), { now: NOW });
    const b = await parseImport(fixture('hypothesis-style.jsonld'), {
      now: '2030-01-01T00:00:00Z',
    });
    expect(b.annotations.map((x) => x.id)).toEqual(a.annotations.map((x) => x.id));
  });

  it('reads one annotation, an array, and a page', async () => {
    const single = await parseImport(fixture('single-annotation.jsonld'));
    expect(single.annotations).toHaveLength(1);
    expect(single.annotations[0]!.url).toBe('https://news.example.com/a?id=7');
    const one = JSON.parse(fixture('single-annotation.jsonld')) as Record<string, unknown>;
    const array = await parseImport(
      JSON.stringify([one, { ...one, id: 'urn:uuid:00000000-0000-4000-8000-000000000009' }]),
    );
    expect(array.annotations.map((a) => a.id)).toEqual([
      '8d2f0f0e-7a1b-4c5d-9e8f-0a1b2c3d4e5f',
      '00000000-0000-4000-8000-000000000009',
    ]);
    const page = await parseImport(
      JSON.stringify({
        '@context': one['@context'],
        id: 'urn:x',
        type: 'AnnotationPage',
        items: [one],
      }),
    );
    expect(page.annotations).toHaveLength(1);
  });

  it("reads Claimmark's own W3C export back to the same claims (without anchoring state)", async () => {
    const { annotations } = demo();
    const parsed = await parseImport(toW3C(annotations));
    const strip = ({ anchor: _anchor, ...rest }: (typeof annotations)[number]) => rest;
    expect(parsed.annotations).toEqual(
      annotations.map(strip).sort((a, b) => a.created.localeCompare(b.created)),
    );
  });

  it('refuses a collection whose annotations are only linked', async () => {
    expect(
      await refusal(
        '{"@context":"http://www.w3.org/ns/anno.jsonld","id":"urn:x","type":"AnnotationCollection","total":3,"first":"https://example.org/page1"}',
      ),
    ).toMatch(/links to its annotations instead of including them/);
  });

  it('warns when only part of a collection is in the file', async () => {
    const one = JSON.parse(fixture('single-annotation.jsonld')) as Record<string, unknown>;
    const parsed = await parseImport(
      JSON.stringify({
        '@context': 'http://www.w3.org/ns/anno.jsonld',
        id: 'urn:x',
        type: 'AnnotationCollection',
        total: 50,
        first: { id: 'urn:p1', type: 'AnnotationPage', next: 'urn:p2', items: [one] },
      }),
    );
    expect(parsed.warnings).toEqual([
      'This file holds 1 annotations of a larger collection (50): only those are imported.',
    ]);
  });

  it('refuses annotations with oversized or malformed parts, keeping the rest', async () => {
    const one = JSON.parse(fixture('single-annotation.jsonld')) as Record<string, unknown>;
    const items = [
      { ...one, type: 'Note' },
      {
        ...one,
        target: {
          source: 'https://x.example/',
          selector: { type: 'TextQuoteSelector', exact: 'x'.repeat(200_000) },
        },
      },
      {
        ...one,
        body: Array.from({ length: 60 }, (_, i) => ({
          type: 'TextualBody',
          purpose: 'tagging',
          value: `t${i}`,
        })),
      },
      { ...one, body: { type: 'TextualBody', value: 'n'.repeat(60_000) } },
      {
        ...one,
        target: {
          source: 'https://x.example/',
          selector: { type: 'TextQuoteSelector', exact: '   ' },
        },
      },
      { ...one, target: [] },
      'not an object',
      one,
    ];
    const parsed = await parseImport(JSON.stringify(items));
    expect(parsed.rejections.map((r) => r.reason)).toEqual([
      'type must include "Annotation"',
      'exact is longer than 100000 characters',
      'more than 50 tags',
      'note is longer than 50000 characters',
      'TextQuoteSelector exact has no text',
      'annotation has no target',
      'annotation must be an object',
    ]);
    expect(parsed.annotations).toHaveLength(1);
  });
});
