import { describe, expect, it } from 'vitest';
import { toBackupJson } from '../../../utils/export/json';
import { parseImport } from '../../../utils/import';
import { claim, page } from '../../support/demo';

describe('a backup with claims in PDFs', () => {
  it('reads back the page of each claim, and PDFs known only by their fingerprint', async () => {
    const urn = 'urn:x-pdf:5c53b107478e20229b640d911479775a';
    const pages = [
      page({ url: 'https://ir.example.com/q3.pdf', title: 'Q3', aliases: [urn] }),
      page({ url: 'urn:x-pdf:0123456789abcdef0123456789abcdef', title: 'Local copy' }),
    ];
    const annotations = [
      claim({
        id: '0b1f6c1e-9a4b-4f6e-8d2a-1c2b3d4e5f60',
        url: pages[0]!.url,
        quote: '$17 billion',
        pdfPage: { index: 2, label: '3' },
      }),
      claim({
        id: '0b1f6c1e-9a4b-4f6e-8d2a-1c2b3d4e5f61',
        url: pages[1]!.url,
        quote: 'a local claim',
        pdfPage: { index: 0, label: 'i' },
      }),
    ];
    const parsed = await parseImport(toBackupJson(pages, annotations));
    expect(parsed.rejections).toEqual([]);
    expect(parsed.pages).toEqual(pages);
    expect(parsed.annotations.map((a) => a.pdfPage)).toEqual([
      { index: 2, label: '3' },
      { index: 0, label: 'i' },
    ]);
  });
});
