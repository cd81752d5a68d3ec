/**
 * JSON in slices. `JSON.parse` of a 50 MB backup blocks the page for half a second; this reader
 * walks the outer structure itself — the containers the caller asks for (the root, its record
 * lists) — and hands every record to `JSON.parse` alone, calling `tick` between records so the
 * caller can yield. Every character is checked: by the walk (brackets, commas, colons, keys) or by
 * `JSON.parse` (each value), so it accepts exactly what `JSON.parse` accepts. Duplicate keys:
 * the last one wins, as with `JSON.parse`. A UTF-8 byte order mark at the start is skipped. Pure.
 */

export class JsonSyntaxError extends Error {
  override name = 'JsonSyntaxError';
  constructor(
    message: string,
    /** Offset in the text where reading failed. */
    readonly position: number,
    /** Whether the text ended before the JSON did (a cut-off file). */
    readonly truncated: boolean,
  ) {
    super(message);
  }
}

export type JsonNode =
  | { kind: 'object'; start: number; end: number; members: Map<string, JsonNode> }
  | { kind: 'array'; start: number; end: number; items: JsonNode[] }
  | { kind: 'value'; start: number; end: number; value: unknown };

export type JsonPath = readonly (string | number)[];

export interface ScanOptions {
  /** Whether to walk the container at `path` (else it is parsed whole). Default: the root only. */
  expand?: (path: JsonPath, kind: 'object' | 'array') => boolean;
  /** Called after each item of a walked array (may return a promise to wait for). */
  tick?: (items: number, position: number) => Promise<void> | undefined;
}

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;
const COMMA = 44;
const COLON = 58;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

export async function scanJson(text: string, options: ScanOptions = {}): Promise<JsonNode> {
  const expand = options.expand ?? ((path) => path.length === 0);
  const tick = options.tick;
  const n = text.length;
  let items = 0;

  const fail = (message: string, at: number): never => {
    const truncated = at >= n;
    throw new JsonSyntaxError(
      truncated ? `the text ends before the JSON is complete (${message})` : message,
      Math.min(at, n),
      truncated,
    );
  };

  const skip = (i: number): number => {
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    return i;
  };

  const stringEnd = (i: number): number => {
    let j = i + 1;
    for (;;) {
      const q = text.indexOf('"', j);
      if (q < 0) return fail('a string is not closed', n);
      let k = q - 1;
      while (text.charCodeAt(k) === BACKSLASH) k--;
      if ((q - 1 - k) % 2 === 0) return q + 1;
      j = q + 1;
    }
  };

  const valueEnd = (i: number): number => {
    const c = text.charCodeAt(i);
    if (c === QUOTE) return stringEnd(i);
    if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      let depth = 0;
      let j = i;
      while (j < n) {
        const ch = text.charCodeAt(j);
        if (ch === QUOTE) {
          j = stringEnd(j);
          continue;
        }
        if (ch === OPEN_OBJECT || ch === OPEN_ARRAY) depth++;
        else if (ch === CLOSE_OBJECT || ch === CLOSE_ARRAY) {
          depth--;
          if (depth === 0) return j + 1;
        }
        j++;
      }
      return fail('an object or array is not closed', n);
    }
    let j = i;
    while (j < n) {
      const ch = text.charCodeAt(j);
      if (ch === COMMA || ch === CLOSE_OBJECT || ch === CLOSE_ARRAY || isSpace(ch)) break;
      j++;
    }
    if (j === i) fail(`unexpected character ${JSON.stringify(text[i] ?? '')}`, i);
    return j;
  };

  const parseSlice = (start: number, end: number): unknown => {
    try {
      return JSON.parse(text.slice(start, end)) as unknown;
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      const at = /position (\d+)/.exec(detail);
      const cutOff = end >= n && /end of JSON input|Unterminated/i.test(detail);
      const where = cutOff ? n : at ? start + Number(at[1]) : start;
      // V8 appends the position or a quote of the file (`, ..."x"NaN:1"... is not valid JSON`):
      // the caller gives the line and column instead, so the reader is not shown raw file text.
      const reason = detail
        .replace(/ in JSON at position \d+.*$/s, '')
        .replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, '');
      return fail(`invalid JSON value (${reason})`, where);
    }
  };

  const node = async (path: JsonPath, start: number): Promise<JsonNode> => {
    if (start >= n) return fail('a value is missing', n);
    const c = text.charCodeAt(start);
    if (c === OPEN_OBJECT && expand(path, 'object')) return object(path, start);
    if (c === OPEN_ARRAY && expand(path, 'array')) return array(path, start);
    const end = valueEnd(start);
    return { kind: 'value', start, end, value: parseSlice(start, end) };
  };

  const object = async (path: JsonPath, start: number): Promise<JsonNode> => {
    const members = new Map<string, JsonNode>();
    let i = skip(start + 1);
    if (text.charCodeAt(i) === CLOSE_OBJECT) return { kind: 'object', start, end: i + 1, members };
    for (;;) {
      if (i >= n) return fail('an object is not closed', n);
      if (text.charCodeAt(i) !== QUOTE) return fail('expected a "key" in an object', i);
      const keyEnd = stringEnd(i);
      const key = parseSlice(i, keyEnd) as string;
      i = skip(keyEnd);
      if (text.charCodeAt(i) !== COLON)
        return fail(`expected ":" after the key ${JSON.stringify(key)}`, i);
      const child = await node([...path, key], skip(i + 1));
      members.delete(key);
      members.set(key, child);
      i = skip(child.end);
      const c = text.charCodeAt(i);
      if (c === CLOSE_OBJECT) return { kind: 'object', start, end: i + 1, members };
      if (c !== COMMA) return fail('expected "," or "}" in an object', i);
      i = skip(i + 1);
    }
  };

  const array = async (path: JsonPath, start: number): Promise<JsonNode> => {
    const list: JsonNode[] = [];
    let i = skip(start + 1);
    if (text.charCodeAt(i) === CLOSE_ARRAY)
      return { kind: 'array', start, end: i + 1, items: list };
    for (;;) {
      const child = await node([...path, list.length], i);
      list.push(child);
      items++;
      const pause = tick?.(items, child.end);
      if (pause) await pause;
      i = skip(child.end);
      const c = text.charCodeAt(i);
      if (c === CLOSE_ARRAY) return { kind: 'array', start, end: i + 1, items: list };
      if (c !== COMMA) return fail('expected "," or "]" in an array', i);
      i = skip(i + 1);
    }
  };

  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  start = skip(start);
  if (start >= n) throw new JsonSyntaxError('the text is empty', 0, true);
  const root = await node([], start);
  const rest = skip(root.end);
  if (rest < n) fail('unexpected text after the end of the JSON', rest);
  return root;
}

/** The plain value of a node (walked containers are rebuilt as JSON.parse would build them). */
export function valueOf(node: JsonNode): unknown {
  if (node.kind === 'value') return node.value;
  if (node.kind === 'array') return node.items.map(valueOf);
  const out: Record<string, unknown> = {};
  for (const [key, child] of node.members) {
    Object.defineProperty(out, key, {
      value: valueOf(child),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/** `line 3, column 14` for an offset (1-based, as editors count). */
export function lineAndColumn(text: string, position: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < position; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: position - lineStart + 1 };
}
