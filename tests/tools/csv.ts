/**
 * A strict RFC 4180 reader for tests: quoted fields, doubled quotes, CRLF between rows and line
 * breaks only inside quotes; anything else (a stray quote, a bare line break, a last row without
 * its CRLF) throws, so a test reading an export also checks its framing.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let wasQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') {
      if (cell !== '' || wasQuoted) throw new Error(`stray quote at ${i}`);
      quoted = true;
      wasQuoted = true;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
      wasQuoted = false;
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      wasQuoted = false;
      i++;
    } else if (c === '\r' || c === '\n') throw new Error(`bare line break at ${i}`);
    else cell += c;
  }
  if (quoted || cell !== '' || row.length) throw new Error('the CSV ends inside a row');
  return rows;
}
