/**
 * The claim type a selection suggests, so the toolbar, the keyboard command and the context
 * menu can pre-select it: money or a percentage → figure, words in quotation marks → quote,
 * a date → date; null when nothing stands out. Pure.
 */
import type { ClaimType } from './model';

const MONEY =
  /(?:[$€£¥]\s?\d|\d(?:[.,]\d+)?\s?(?:%|percent\b|per cent\b|(?:bn|m|k)\b)|\b\d[\d,.]*\s?(?:billion|million|trillion|thousand)\b)/i;
const QUOTED = /^\s*["“«„‘'][\s\S]{3,}["”»“’']\s*[.,]?\s*$/;
const MONTHS =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const DATE = new RegExp(
  `\\b(?:(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?(?:\\s+\\d{4})?|\\d{1,2}\\s+(?:${MONTHS})\\.?(?:\\s+\\d{4})?|(?:${MONTHS})\\.?\\s+\\d{4}|\\d{4}-\\d{2}-\\d{2}|Q[1-4]\\s?\\d{4}|(?:FY|fiscal(?: year)?)\\s?'?\\d{2,4}|black friday|cyber monday|prime day)\\b`,
  'i',
);

export function suggestType(selection: string): Exclude<ClaimType, 'forecast' | 'claim'> | null {
  const text = selection.trim();
  if (!text) return null;
  if (QUOTED.test(text)) return 'quote';
  if (MONEY.test(text) && text.length <= 120) return 'figure';
  if (DATE.test(text) && text.length <= 80) return 'date';
  return null;
}
