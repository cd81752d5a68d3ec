/**
 * The text of an HTML fragment, without a DOM: tags dropped (a block element or <br> is a line
 * break, a <script>, <style> or <template> with its content goes), character references decoded.
 * For Obsidian Web Clipper highlights, whose `text` is the highlighted range's HTML. The result
 * is data: it is never parsed or rendered as HTML. Pure.
 */
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00A0',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  hellip: '…',
  euro: '€',
  pound: '£',
  copy: '©',
  reg: '®',
  trade: '™',
  shy: '\u00AD',
  zwj: '\u200D',
  zwnj: '\u200C',
};

const BLOCK =
  /^(?:address|article|aside|blockquote|br|dd|div|dl|dt|figcaption|figure|footer|h[1-6]|header|hr|li|main|nav|ol|p|pre|section|table|td|th|tr|ul)$/i;

function decode(text: string): string {
  return text.replace(
    /&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z][a-z0-9]{1,31});?/gi,
    (whole, ref: string) => {
      if (ref[0] === '#') {
        const code =
          ref[1] === 'x' || ref[1] === 'X'
            ? parseInt(ref.slice(2), 16)
            : parseInt(ref.slice(1), 10);
        return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
          ? String.fromCodePoint(code)
          : '\uFFFD';
      }
      return NAMED[ref.toLowerCase()] ?? whole;
    },
  );
}

export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return html;
  const out: string[] = [];
  const tag = /<(\/?)([a-z][a-z0-9-]*)\b[^>]*>|<!--[\s\S]*?(?:-->|$)/gi;
  let last = 0;
  let skipping: string | undefined;
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    if (!skipping) out.push(decode(html.slice(last, m.index)));
    last = m.index + m[0].length;
    const name = m[2]?.toLowerCase();
    if (!name) continue; // a comment
    if (skipping) {
      if (m[1] && name === skipping) skipping = undefined;
      continue;
    }
    if (!m[1] && (name === 'script' || name === 'style' || name === 'template')) skipping = name;
    else if (BLOCK.test(name)) out.push('\n');
  }
  if (!skipping) out.push(decode(html.slice(last)));
  return out.join('');
}
