/** The vocabulary of claim suggestions. Pure types: no DOM, no browser APIs. */

export type SuggestionType = 'money' | 'percent' | 'quantity' | 'date' | 'quote' | 'org' | 'person';

export const SUGGESTION_TYPES: readonly SuggestionType[] = [
  'money',
  'percent',
  'quantity',
  'date',
  'quote',
  'org',
  'person',
];

export interface Suggestion {
  type: SuggestionType;
  /** The claim as it stands in the paragraph (a quote without its quotation marks). */
  text: string;
  /** Quotes only: who said it, as written in the article ("Bob Kang", "one employee"). */
  speaker?: string;
  /** Index into `article.paragraphs`. */
  paragraph: number;
  /** Offsets of `text` within `article.paragraphs[paragraph]`. */
  start: number;
  end: number;
  /** The sentence that holds `text` (for a quote spanning sentences: the whole quote's context). */
  sentence: string;
}

export interface Article {
  /** The article's text, one block (paragraph, list item, heading, quote) an entry. */
  paragraphs: string[];
  /** BCP 47 language tag of the article ('en', 'fr-FR', …); '' or absent when unknown. */
  lang?: string;
  /** Indices of paragraphs that stood in a <blockquote> (quoted without quotation marks). */
  blockquotes?: number[];
}
