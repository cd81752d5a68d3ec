import { describe, expect, it } from 'vitest';
import { documentText, pageAt, pageStarts, pageTextOf } from '../../../utils/pdf/text';
import { pdfErrorMessage } from '../../../utils/pdf/errors';

describe("a PDF's text", () => {
  it('joins a page’s items and breaks lines where PDF.js says a line ends', () => {
    const items = [
      { str: 'the team missed its', hasEOL: false },
      { str: ' ', hasEOL: false },
      { str: 'goal of $17', hasEOL: true },
      { type: 'beginMarkedContent' },
      { str: 'billion in sales.', hasEOL: false },
    ];
    expect(pageTextOf(items)).toBe('the team missed its goal of $17\nbillion in sales.');
  });

  it('counts document offsets across pages joined by a line break', () => {
    const texts = ['abc', '', 'defg'];
    expect(documentText(texts)).toBe('abc\n\ndefg');
    const starts = pageStarts(texts);
    expect(starts).toEqual([0, 4, 5]);
    expect(documentText(texts).slice(starts[2], starts[2]! + 4)).toBe('defg');
    expect(pageAt(starts, 0)).toBe(0);
    expect(pageAt(starts, 3)).toBe(0);
    expect(pageAt(starts, 5)).toBe(2);
    expect(pageAt(starts, 99)).toBe(2);
  });

  it('says why a PDF could not be opened', () => {
    expect(pdfErrorMessage({ name: 'PasswordException', message: 'No password given' })).toMatch(
      /protected by a password/,
    );
    expect(pdfErrorMessage({ name: 'InvalidPDFException' })).toMatch(/not a PDF, or it is damaged/);
    expect(pdfErrorMessage({ name: 'ResponseException', status: 404 })).toMatch(/answered 404/);
    expect(pdfErrorMessage(new Error('boom'))).toMatch(/boom/);
  });
});
