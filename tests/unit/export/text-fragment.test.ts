import { describe, expect, it } from 'vitest';
import {
  deepLink,
  encodeTextDirectiveTerm,
  formatTextDirective,
  textDirectiveOf,
  textDirectivesOf,
} from '../../../utils/export/text-fragment';
import type { Annotation } from '../../../utils/core/model';

function quoted(exact: string, prefix = '', suffix = ''): Pick<Annotation, 'quote' | 'selectors'> {
  return {
    quote: exact.replace(/\s+/g, ' ').trim(),
    selectors: [{ type: 'TextQuoteSelector', exact, prefix, suffix }],
  };
}

/** Decode a `text=` directive the way the spec's parser does. */
function parse(directive: string): {
  prefix?: string;
  start: string;
  end?: string;
  suffix?: string;
} {
  const tokens = directive.replace(/^text=/, '').split(',');
  const out: { prefix?: string; start: string; end?: string; suffix?: string } = { start: '' };
  if (tokens[0]!.endsWith('-')) out.prefix = decodeURIComponent(tokens.shift()!.slice(0, -1));
  if (tokens.at(-1)!.startsWith('-')) out.suffix = decodeURIComponent(tokens.pop()!.slice(1));
  out.start = decodeURIComponent(tokens[0]!);
  if (tokens[1] !== undefined) out.end = decodeURIComponent(tokens[1]);
  expect(tokens.length).toBeLessThanOrEqual(2);
  return out;
}

describe('encodeTextDirectiveTerm', () => {
  it('percent-encodes the directive syntax (- , &) and everything but [A-Za-z0-9_.~]', () => {
    expect(encodeTextDirectiveTerm('A-B, C&D')).toBe('A%2DB%2C%20C%26D');
    expect(encodeTextDirectiveTerm("it's (up) 5%! *x* #1 :~: ?=/")).toBe(
      'it%27s%20%28up%29%205%25%21%20%2Ax%2A%20%231%20%3A~%3A%20%3F%3D%2F',
    );
    expect(encodeTextDirectiveTerm('São Paulo — “quoted” 😀')).toBe(
      'S%C3%A3o%20Paulo%20%E2%80%94%20%E2%80%9Cquoted%E2%80%9D%20%F0%9F%98%80',
    );
    expect(encodeTextDirectiveTerm('_.~')).toBe('_.~');
  });

  it('survives lone surrogates (encodeURIComponent would throw)', () => {
    expect(encodeTextDirectiveTerm('a\uD800b')).toBe('a%EF%BF%BDb');
  });

  it('round-trips every term through decodeURIComponent', () => {
    for (const term of ['-,&', 'a-b,c', '100% - 5%', 'x,-y', 'émoji 😀 & co.']) {
      const encoded = encodeTextDirectiveTerm(term);
      expect(encoded).toMatch(/^[A-Za-z0-9_.~%]+$/);
      expect(decodeURIComponent(encoded)).toBe(term);
    }
  });
});

describe('textDirectiveOf', () => {
  it('writes a short quote whole, with whole words of context from the same sentence', () => {
    const d = textDirectiveOf(
      quoted(
        '$17 billion',
        'ales team had a goal of reaching ',
        ' in sales for 2024, a target the',
      ),
    );
    expect(d).toEqual({ prefix: 'goal of reaching', start: '$17 billion', suffix: 'in sales for' });
  });

  it('cuts context at sentence ends and quotation marks, where blocks often begin', () => {
    expect(textDirectiveOf(quoted('Revenue fell', 'in 2024. Page two. ', '. Next head'))).toEqual({
      start: 'Revenue fell',
    });
    expect(
      textDirectiveOf(quoted('No matter how hard', 'employee stated, “', '” This sentiment')),
    ).toEqual({ start: 'No matter how hard' });
    expect(textDirectiveOf(quoted('x y', 'he said. “I think', ' so.” Then she'))).toEqual({
      prefix: 'I think',
      start: 'x y',
      suffix: 'so.',
    });
  });

  it('keeps a first context word only when it is whole', () => {
    expect(textDirectiveOf(quoted('q', ' whole words here ', ' after it '))).toEqual({
      prefix: 'whole words here',
      start: 'q',
      suffix: 'after it',
    });
    expect(textDirectiveOf(quoted('q', 'tial', 'part'))).toEqual({ start: 'q' });
  });

  it('uses textStart,textEnd for a quote across lines (blocks)', () => {
    const d = textDirectiveOf(
      quoted('First paragraph of a long quote ends here.\n\nSecond paragraph concludes the quote.'),
    );
    expect(d).toEqual({ start: 'First paragraph of a', end: 'concludes the quote.' });
  });

  it('uses textStart,textEnd for a quote over 300 characters, with an unambiguous end', () => {
    const words = Array.from({ length: 60 }, (_, i) => `word${i % 7}`);
    words.push('the', 'end', 'word1', 'word2', 'word3');
    const d = textDirectiveOf(quoted(words.join(' ')))!;
    expect(d.start).toBe('word0 word1 word2 word3');
    // "word1 word2 word3" occurs earlier in the quote: the end grows until it does not.
    expect(d.end).toBe('end word1 word2 word3');
    const text = words.join(' ');
    const rest = text.slice(d.start.length);
    expect(rest.indexOf(d.end!)).toBe(rest.length - d.end!.length);
  });

  it('gives nothing for a claim without text', () => {
    expect(textDirectiveOf(quoted('   '))).toBeNull();
  });
});

describe('deepLink', () => {
  it('adds the quote alone as a fallback directive when context was used', () => {
    const a = quoted('$17 billion', ' a goal of ', ' in sales.');
    expect(textDirectivesOf(a)).toHaveLength(2);
    expect(deepLink('https://x.example/a?b=1', a)).toBe(
      'https://x.example/a?b=1#:~:text=a%20goal%20of-,%2417%20billion,-in%20sales.&text=%2417%20billion',
    );
    expect(deepLink('https://x.example/a', quoted('plain'))).toBe(
      'https://x.example/a#:~:text=plain',
    );
  });

  it('parses back to the same terms with the spec grammar', () => {
    const a = quoted('A-B, C&D', 'x, y - z ', ' -a, b&c d');
    const link = deepLink('https://x.example/', a)!;
    const [first] = link.split(':~:')[1]!.split('&');
    expect(parse(first!)).toEqual(textDirectiveOf(a));
    expect(formatTextDirective(textDirectiveOf(a)!)).toBe(first);
  });

  it('follows an SPA route fragment, encodes unsafe URL characters, and skips non-web pages', () => {
    expect(deepLink('https://app.example/#/story/1', quoted('hi'))).toBe(
      'https://app.example/#/story/1:~:text=hi',
    );
    expect(deepLink('https://x.example/a b<c>', quoted('hi'))).toBe(
      'https://x.example/a%20b%3Cc%3E#:~:text=hi',
    );
    expect(deepLink('file:///notes/a.html', quoted('hi'))).toBeNull();
  });
});
