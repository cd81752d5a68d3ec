/**
 * The little YAML Claimmark writes: front matter for Obsidian and other Markdown apps. Pure.
 * Strings are always double-quoted with every character YAML could read as syntax or a line
 * break escaped, so a title like `Breaking: "Yes" # no` or `- x` stays one plain string value;
 * characters YAML 1.2 does not allow in a stream (C0/C1 controls, DEL, U+FFFE, U+FFFF) are
 * written as escapes and lone surrogates as U+FFFD, so the front matter always parses.
 */
import { wellFormed } from './text';

const NAMED: Record<string, string> = {
  '\\': '\\\\',
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\u0085': '\\N',
  '\u2028': '\\L',
  '\u2029': '\\P',
};

/** A YAML double-quoted scalar holding exactly `text`. */
export function yamlString(text: string): string {
  const escaped = wellFormed(text).replace(
    // eslint-disable-next-line no-control-regex
    /[\\"\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g,
    (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `"${escaped}"`;
}

export type FrontMatterValue = string | string[] | { date: string };

/**
 * A `---` block of `key: value` lines. Empty strings and lists are left out; `{ date }` is written
 * as a bare `YYYY-MM-DD` (a date property in Obsidian); keys must be plain identifiers.
 */
export function frontMatter(fields: [key: string, value: FrontMatterValue][]): string {
  const lines: string[] = [];
  for (const [key, value] of fields) {
    if (!/^[a-z][a-z0-9_-]*$/i.test(key)) throw new Error(`invalid front matter key: ${key}`);
    if (Array.isArray(value)) {
      if (value.length > 0) lines.push(`${key}:`, ...value.map((v) => `  - ${yamlString(v)}`));
    } else if (typeof value === 'object') {
      if (/^\d{4}-\d{2}-\d{2}$/.test(value.date)) lines.push(`${key}: ${value.date}`);
    } else if (value !== '') {
      lines.push(`${key}: ${yamlString(value)}`);
    }
  }
  return ['---', ...lines, '---'].join('\n');
}
