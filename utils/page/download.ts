/** Offer text as a file download from an extension page. DOM code: the document is a parameter. */
export function downloadText(doc: Document, filename: string, text: string, mime: string): void {
  const view = doc.defaultView;
  if (!view) throw new Error('no window to download from');
  const url = view.URL.createObjectURL(new view.Blob([text], { type: `${mime};charset=utf-8` }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  doc.body.append(link);
  link.click();
  link.remove();
  view.setTimeout(() => view.URL.revokeObjectURL(url), 10_000);
}

/** `claimmark-2026-11-25.md` for a date. */
export function exportFilename(date: Date, extension: string): string {
  return `claimmark-${date.toISOString().slice(0, 10)}.${extension}`;
}
