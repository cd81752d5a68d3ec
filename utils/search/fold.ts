/**
 * Folding: the case-, diacritic- and typography-insensitive form of text that search compares.
 * Pure.
 */
import { foldQuotes } from '../core/quotes';

/** Letters NFKD does not decompose, spelled the way a reader without the key would type them. */
const LETTERS: Record<string, string> = {
  ß: 'ss',
  ẞ: 'ss',
  æ: 'ae',
  Æ: 'ae',
  œ: 'oe',
  Œ: 'oe',
  ø: 'o',
  Ø: 'o',
  ł: 'l',
  Ł: 'l',
  đ: 'd',
  Đ: 'd',
  ð: 'd',
  þ: 'th',
  Þ: 'th',
  ı: 'i',
};
const SPECIAL = new RegExp(`[${Object.keys(LETTERS).join('')}]`, 'g');

/**
 * Case-, diacritic- and typography-insensitive form of a text: NFKD with combining marks dropped,
 * lower case, ß → ss and friends, typographic quotes and dashes as their ASCII forms.
 */
export function fold(text: string): string {
  return foldQuotes(text)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(SPECIAL, (c) => LETTERS[c] ?? c)
    .toLowerCase()
    .replace(/[‐‑‒–—―−]/g, '-');
}
