/**
 * The demo article as the extension sees it on its own site, with claims on it: the input of the
 * golden export files. Context is cut like the extension's (32 characters, whitespace collapsed).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { JSDOM } from 'jsdom';
import { extractMetadata } from '../../utils/page/extract';
import type { Annotation, ClaimType, Page } from '../../utils/core/model';
import { pageUrlOf } from '../../utils/page/page-url';

export const DEMO = 'tests/fixtures/pages/tiktok-shop-us-crackdown';

export function claim(fields: Partial<Annotation> & { quote: string; start?: number }): Annotation {
  const { start, ...rest } = fields;
  return {
    id: '00000000-0000-4000-8000-000000000000',
    url: 'https://example.com/a',
    selectors: [
      { type: 'TextQuoteSelector', exact: fields.quote, prefix: '', suffix: '' },
      ...(start === undefined
        ? []
        : [{ type: 'TextPositionSelector' as const, start, end: start + fields.quote.length }]),
    ],
    type: 'claim',
    tags: [],
    note: '',
    created: '2025-03-06T10:00:00.000Z',
    updated: '2025-03-06T10:00:00.000Z',
    ...rest,
  };
}

export function page(fields: Partial<Page> & { url: string }): Page {
  return {
    aliases: [],
    title: '',
    byline: '',
    siteName: '',
    publishedTime: '',
    lang: '',
    excerpt: '',
    firstSeen: '2025-03-06T09:00:00.000Z',
    lastSeen: '2025-03-06T09:00:00.000Z',
    ...fields,
  };
}

const collapse = (text: string) => text.replace(/\s+/g, ' ');

export function demo(): { pages: Page[]; annotations: Annotation[] } {
  const html = readFileSync(`${DEMO}/source.html`, 'utf8');
  const url =
    'https://influencermarketinghub.com/tiktok-cracks-down-us-ecommerce-team/?utm_source=x';
  const doc = new JSDOM(html, { url }).window.document;
  const text = doc.body.textContent ?? '';
  const pageUrl = pageUrlOf(doc);
  const on = (quote: string, type: ClaimType, rest: Partial<Annotation>): Annotation => {
    const start = text.indexOf(quote);
    if (start < 0) throw new Error(`not in the demo page: ${quote}`);
    const end = start + quote.length;
    return claim({
      url: pageUrl,
      quote,
      type,
      selectors: [
        {
          type: 'TextQuoteSelector',
          exact: quote,
          prefix: collapse(text.slice(Math.max(0, start - 32), start)),
          suffix: collapse(text.slice(end, end + 32)),
        },
        { type: 'TextPositionSelector', start, end },
      ],
      ...rest,
    });
  };
  return {
    pages: [page({ url: pageUrl, ...extractMetadata(doc) })],
    annotations: [
      // Created first but further down the page: the Markdown export follows the page.
      on(
        'No matter how hard we work, it feels like we’re always falling short of what they expect.',
        'quote',
        {
          id: 'b2f3c4d5-0000-4000-8000-000000000002',
          tags: ['employee morale'],
          note: 'Unnamed employee, via Business Insider.\nCompare with the PIP rollout.',
          created: '2025-03-06T10:00:00.000Z',
          updated: '2025-03-06T10:20:00.000Z',
          anchor: { status: 'exact', at: '2025-03-07T08:00:00.000Z' },
        },
      ),
      on('$17 billion', 'figure', {
        id: 'a1e2d3c4-0000-4000-8000-000000000001',
        tags: ['tiktok'],
        note: 'FY2024 GMV target',
        created: '2025-03-06T10:05:00.000Z',
        updated: '2025-03-06T10:05:00.000Z',
      }),
    ],
  };
}

/** Compare with a golden file; `UPDATE_FIXTURES=1` rewrites it. */
export function golden(path: string, output: string): string {
  if (process.env.UPDATE_FIXTURES === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, output);
  }
  return readFileSync(path, 'utf8');
}
