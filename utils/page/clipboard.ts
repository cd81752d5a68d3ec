/**
 * Copy text to the clipboard from a content script. The async Clipboard API exists only in
 * secure contexts (many news pages are plain http), so fall back to a hidden textarea and
 * `execCommand('copy')` inside the given container (our shadow root). DOM code.
 */
export async function copyText(doc: Document, container: Node, text: string): Promise<boolean> {
  const clipboard = doc.defaultView?.navigator.clipboard;
  if (clipboard && doc.defaultView?.isSecureContext) {
    try {
      await clipboard.writeText(text);
      return true;
    } catch {
      // fall through: permission or focus problems
    }
  }
  const area = doc.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.setProperty('position', 'fixed');
  area.style.setProperty('opacity', '0');
  container.appendChild(area);
  area.select();
  try {
    return doc.execCommand('copy');
  } finally {
    area.remove();
  }
}
