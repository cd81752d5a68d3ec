import { describe, expect, it } from 'vitest';
import { parseRequest } from '../../../utils/protocol/to-background';

const annotation = {
  id: '0b1f6c1e-9a4b-4f6e-8d2a-1c2b3d4e5f60',
  url: 'https://ir.example.com/q3.pdf',
  quote: '$17 billion',
  selectors: [{ type: 'TextQuoteSelector', exact: '$17 billion', prefix: '', suffix: '' }],
  type: 'figure',
  tags: [],
  note: '',
};

describe('claims in PDFs over the protocol', () => {
  it('keeps the page of a claim in a PDF', () => {
    const parsed = parseRequest({
      type: 'annotation:save',
      payload: {
        annotation: { ...annotation, pdfPage: { index: 2, label: '3', extra: 'dropped' } },
        aliases: ['urn:x-pdf:5c53b107478e20229b640d911479775a'],
      },
    });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok || parsed.value.type !== 'annotation:save') return;
    const payload = parsed.value.payload as {
      annotation: { pdfPage?: unknown };
      aliases?: string[];
    };
    expect(payload.annotation.pdfPage).toEqual({ index: 2, label: '3' });
    expect(payload.aliases).toEqual(['urn:x-pdf:5c53b107478e20229b640d911479775a']);
  });

  it('leaves a web claim without a page', () => {
    const parsed = parseRequest({ type: 'annotation:save', payload: { annotation } });
    expect(
      parsed.ok && 'pdfPage' in (parsed.value.payload as { annotation: object }).annotation,
    ).toBe(false);
  });

  it('refuses a bad page and an address that is neither a URL nor a PDF fingerprint', () => {
    const bad = (extra: object) =>
      parseRequest({
        type: 'annotation:save',
        payload: { annotation: { ...annotation, ...extra } },
      });
    expect(bad({ pdfPage: { index: -1, label: '' } }).ok).toBe(false);
    expect(bad({ pdfPage: { index: 1.5, label: '' } }).ok).toBe(false);
    expect(bad({ pdfPage: 'p. 3' }).ok).toBe(false);
    expect(bad({ url: 'urn:x-pdf:5c53b107478e20229b640d911479775a' }).ok).toBe(true);
    expect(bad({ url: 'urn:x-pdf:<script>' }).ok).toBe(false);
    expect(bad({ url: 'javascript:alert(1)' }).ok).toBe(false);
  });

  it('carries the new page of a claim re-attached in a PDF, and refuses a bad one', () => {
    const reanchor = (pdfPage: unknown) =>
      parseRequest({
        type: 'annotation:reanchor',
        payload: {
          id: annotation.id,
          quote: 'new words',
          selectors: [{ type: 'TextQuoteSelector', exact: 'new words', prefix: '', suffix: '' }],
          reason: 'reattach',
          pdfPage,
        },
      });
    const parsed = reanchor({ index: 4, label: '5' });
    expect(parsed.ok && parsed.value.payload).toMatchObject({ pdfPage: { index: 4, label: '5' } });
    const web = reanchor(undefined);
    expect(web.ok && 'pdfPage' in (web.value.payload as object)).toBe(false);
    expect(reanchor({ index: -2, label: '' }).ok).toBe(false);
  });
});
