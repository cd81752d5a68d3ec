import { describe, expect, it } from 'vitest';
import { toMarkdown } from '../../../utils/export/markdown';
import { claimAsMarkdown } from '../../../utils/export/claim-markdown';
import { toW3CAnnotation } from '../../../utils/export/w3c';
import { claim, page } from '../../support/demo';

const PDF = 'https://ir.example.com/reports/q3.pdf';
const onPage3 = claim({
  url: PDF,
  quote: '$17 billion',
  type: 'figure',
  start: 5_000,
  pdfPage: { index: 2, label: '3' },
});

describe('exports of claims in a PDF', () => {
  it('Markdown cites the page and links to the original PDF at that page', () => {
    const md = toMarkdown([page({ url: PDF, title: 'Q3 results' })], [onPage3]);
    expect(md).toContain(`[p. 3](<${PDF}#page=3>)`);
    expect(md).not.toContain(':~:text=');
    expect(md).toContain(`## [Q3 results](<${PDF}>)`);
  });

  it('Markdown cites the printed page label', () => {
    const md = toMarkdown([], [{ ...onPage3, pdfPage: { index: 4, label: 'iv' } }]);
    expect(md).toContain(`[p. iv](<${PDF}#page=5>)`);
  });

  it('Markdown of a local copy (no address) cites the page without a link', () => {
    const local = { ...onPage3, url: 'urn:x-pdf:5c53b107478e20229b640d911479775a' };
    const md = toMarkdown([], [local]);
    expect(md).toContain('p. 3');
    expect(md).not.toContain('#page=');
  });

  it('Copy as Markdown cites the page and links to the PDF at it', () => {
    expect(claimAsMarkdown(onPage3, 'Q3 results')).toContain(
      `> — [Q3 results, p. 3](<${PDF}#page=3>) #figure`,
    );
  });

  it('W3C adds an RFC 3778 FragmentSelector for the page', () => {
    const w3c = toW3CAnnotation(onPage3);
    expect(w3c.target.source).toBe(PDF);
    expect(w3c.target.selector[0]).toEqual({
      type: 'FragmentSelector',
      conformsTo: 'http://tools.ietf.org/rfc/rfc3778',
      value: 'page=3',
    });
    expect(w3c.target.selector.map((s) => s.type)).toEqual([
      'FragmentSelector',
      'TextQuoteSelector',
      'TextPositionSelector',
    ]);
  });

  it('a web claim has no page and keeps its text fragment link', () => {
    const web = claim({ url: 'https://news.example.com/a', quote: 'Hello world' });
    const md = toMarkdown([], [web]);
    expect(md).toContain('[Open in page]');
    expect(toW3CAnnotation(web).target.selector.map((s) => s.type)).not.toContain(
      'FragmentSelector',
    );
  });
});
