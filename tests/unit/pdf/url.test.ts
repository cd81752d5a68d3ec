import { describe, expect, it } from 'vitest';
import {
  fingerprintUrn,
  isPdfUrl,
  mayShowPdf,
  pageCitation,
  parseViewerTarget,
  pdfPageLink,
  viewerPath,
} from '../../../utils/pdf/url';

describe('PDF addresses', () => {
  it('tells a PDF address by its path', () => {
    expect(isPdfUrl('https://ir.example.com/q3/Results.PDF')).toBe(true);
    expect(isPdfUrl('https://ir.example.com/q3/results.pdf?download=1#page=2')).toBe(true);
    expect(isPdfUrl('file:///home/me/report.pdf')).toBe(true);
    expect(isPdfUrl('https://ir.example.com/pdf/results')).toBe(false);
    expect(isPdfUrl('chrome-extension://abc/pdf.html?file=x.pdf')).toBe(false);
    expect(isPdfUrl('not a url')).toBe(false);
    expect(isPdfUrl(undefined)).toBe(false);
  });

  it('knows a PDF by its fingerprint', () => {
    expect(fingerprintUrn('5C53B107478E20229B640D911479775A')).toBe(
      'urn:x-pdf:5c53b107478e20229b640d911479775a',
    );
  });

  it('links to a page of the original PDF, never of a local copy', () => {
    expect(pdfPageLink('https://x.example/a.pdf', 11)).toBe('https://x.example/a.pdf#page=12');
    expect(pdfPageLink('https://x.example/a.pdf#page=2', 0)).toBe('https://x.example/a.pdf#page=1');
    expect(pdfPageLink('urn:x-pdf:abc', 3)).toBeNull();
    expect(pageCitation({ index: 11, label: '' })).toBe('p. 12');
    expect(pageCitation({ index: 3, label: 'iv' })).toBe('p. iv');
  });

  it('builds and reads the viewer address', () => {
    const path = viewerPath('https://x.example/a b.pdf?x=1&y=2', { claim: 'id-1', page: 29 });
    const url = new URL(path, 'chrome-extension://ext/');
    expect(url.pathname).toBe('/pdf.html');
    expect(parseViewerTarget(url.search, url.hash)).toEqual({
      file: 'https://x.example/a b.pdf?x=1&y=2',
      claim: 'id-1',
      page: 29,
    });
    expect(parseViewerTarget('?file=javascript:alert(1)', '').file).toBeNull();
    expect(parseViewerTarget('', '#page=abc')).toEqual({ file: null, claim: null, page: null });
  });

  it('asks only a web or file tab whether it shows a PDF', () => {
    expect(mayShowPdf('https://ir.example.com/download?id=7')).toBe(true);
    expect(mayShowPdf('file:///home/me/q3')).toBe(true);
    expect(mayShowPdf('chrome://settings')).toBe(false);
    expect(mayShowPdf('chrome-extension://abc/pdf.html?file=x')).toBe(false);
    expect(mayShowPdf('')).toBe(false);
    expect(mayShowPdf(undefined)).toBe(false);
  });
});
