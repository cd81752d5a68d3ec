/**
 * One open PDF's text, fetched from PDF.js once per page and shared by the viewer (its text
 * layers), the claims session (positions over the document's text) and suggestions. No DOM.
 */
import type { PDFDocumentProxy } from 'pdfjs-dist';
import type { TextContent } from 'pdfjs-dist/types/src/display/api';
import { documentText, pageStarts, pageTextOf } from '../../pdf/text';

export interface PdfText {
  readonly pageCount: number;
  /** The page's text content, as PDF.js gives it (fetched once). */
  content(index: number): Promise<TextContent>;
  /** The page's text (utils/pdf/text.ts). */
  page(index: number): Promise<string>;
  /** The page's text when already fetched. */
  pageNow(index: number): string | undefined;
  /** Every page's text (fetched one page after another, then cached). */
  all(): Promise<string[]>;
  /** Where each page starts in the document's text, and the text itself. */
  document(): Promise<{ text: string; starts: number[] }>;
}

export function createPdfText(pdf: PDFDocumentProxy): PdfText {
  const contents = new Map<number, Promise<TextContent>>();
  const texts = new Map<number, string>();
  let everything: Promise<string[]> | undefined;

  function content(index: number): Promise<TextContent> {
    let found = contents.get(index);
    if (!found) {
      found = pdf.getPage(index + 1).then((page) => page.getTextContent());
      contents.set(index, found);
      found.catch(() => contents.delete(index));
    }
    return found;
  }

  async function page(index: number): Promise<string> {
    const known = texts.get(index);
    if (known !== undefined) return known;
    const text = pageTextOf((await content(index)).items);
    texts.set(index, text);
    return text;
  }

  return {
    pageCount: pdf.numPages,
    content,
    page,
    pageNow: (index) => texts.get(index),
    all() {
      everything ??= (async () => {
        const out: string[] = [];
        for (let i = 0; i < pdf.numPages; i++) out.push(await page(i));
        return out;
      })();
      return everything;
    },
    async document() {
      const all = await this.all();
      return { text: documentText(all), starts: pageStarts(all) };
    },
  };
}
