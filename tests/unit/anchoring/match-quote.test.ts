import { describe, expect, it } from 'vitest';
import { matchQuote } from '../../../utils/anchoring/match-quote';

const P1 =
  'Despite impressive figures in some areas, the team missed its ambitious goal of $17 billion in sales. Now, the U.S. division is facing a crackdown, with ByteDance instituting stricter performance reviews.';
const P2 =
  'ByteDance leadership, based in China, expressed dissatisfaction with TikTok Shop’s U.S. performance during a global all-hands meeting in February 2025.';
const P3 =
  'While TikTok has experienced some wins, such as hitting $100 million in sales on Black Friday, the company is still struggling to replicate the success of Douyin in the U.S.';
const TEXT = [P1, P2, P3].join('\n      ');

/** Context as describe() stores it: 32 characters each side. */
function contextOf(text: string, quote: string, nth = 0) {
  let start = text.indexOf(quote);
  for (let i = 0; i < nth; i++) start = text.indexOf(quote, start + 1);
  const end = start + quote.length;
  const prefix = text.slice(Math.max(0, start - 32), start).replace(/\s+/g, ' ');
  const suffix = text.slice(end, end + 32).replace(/\s+/g, ' ');
  return { start, end, context: { prefix, suffix, hint: start } };
}

const at = (text: string, m: { start: number; end: number } | null) =>
  m && text.slice(m.start, m.end);

describe('matchQuote', () => {
  it('finds an exact quote, with or without context', () => {
    const { start, end, context } = contextOf(TEXT, 'missed its ambitious goal');
    expect(matchQuote(TEXT, 'missed its ambitious goal', context)).toEqual({
      start,
      end,
      score: 1,
      exact: true,
    });
    expect(matchQuote(TEXT, 'missed its ambitious goal')).toMatchObject({ start, end });
  });

  it('picks among occurrences by context, then by position', () => {
    const second = contextOf(TEXT, 'ByteDance', 1);
    expect(matchQuote(TEXT, 'ByteDance', second.context)?.start).toBe(second.start);
    const first = contextOf(TEXT, 'ByteDance', 0);
    expect(matchQuote(TEXT, 'ByteDance', first.context)?.start).toBe(first.start);
    const twice = 'in sales. in sales.';
    expect(matchQuote(twice, 'sales', { hint: 13 })?.start).toBe(13);
    expect(matchQuote(twice, 'sales', { hint: 0 })?.start).toBe(3);
  });

  it('ignores whitespace, invisible characters and typographic quotes', () => {
    const { context } = contextOf(TEXT, 'goal of $17 billion');
    const spaced = TEXT.replace('goal of $17', 'goal\n        of\u00a0$1\u00ad7');
    const m = matchQuote(spaced, 'goal of $17 billion', context);
    expect(at(spaced, m)).toBe('goal\n        of\u00a0$1\u00ad7 billion');
    expect(m?.exact).toBe(true);
    const quoted = contextOf(TEXT, 'TikTok Shop’s U.S. performance');
    const straight = TEXT.replace('Shop’s', "Shop's");
    const n = matchQuote(straight, 'TikTok Shop’s U.S. performance', quoted.context);
    expect(n).toMatchObject({ start: quoted.start, end: quoted.end, exact: true });
  });

  it('lands on the corrected words when a typo in the quote was fixed', () => {
    const typo = TEXT.replace('ambitious', 'ambitous');
    const { context } = contextOf(typo, 'the team missed its ambitous goal');
    const m = matchQuote(TEXT, 'the team missed its ambitous goal', context);
    expect(at(TEXT, m)).toBe('the team missed its ambitious goal');
    expect(m?.exact).toBe(false);
    expect(m!.score).toBeGreaterThan(0.95);
  });

  it('returns null when the quoted sentence is gone, even with a look-alike elsewhere', () => {
    const quote = 'the team missed its ambitious goal of $17 billion in sales';
    const { context } = contextOf(TEXT, quote);
    const gone = [P2, P3].join('\n      ');
    expect(matchQuote(gone, quote, context)).toBeNull();
    const lookAlike = `${gone} Analysts said the unit missed its modest goal of $7 billion in sales.`;
    expect(matchQuote(lookAlike, quote, context)).toBeNull();
  });

  it('finds a short quote by one intact side of its context', () => {
    const { context } = contextOf(TEXT, '$17 billion');
    const moved = `A new paragraph about e-commerce.\n      ${TEXT.replace('goal of', 'target of')}`;
    expect(at(moved, matchQuote(moved, '$17 billion', context))).toBe('$17 billion');
  });

  it('accepts a short quote with an error only when its context agrees', () => {
    const { context } = contextOf(TEXT, '$17 billion');
    const fixed = TEXT.replace('$17 billion', '$17 bilion');
    expect(at(fixed, matchQuote(fixed, '$17 billion', context))).toBe('$17 bilion');
    const elsewhere = `${P2} The unit aims for $17 bilion next year, sources said.`;
    expect(matchQuote(elsewhere, '$17 billion', context)).toBeNull();
  });

  it('finds an edited short quote next to unedited copies of it in other contexts', () => {
    const stored = `${P1} ByteDance has ramped up pressure on its U.S. team following the miss. Kang singled out the U.S. team as underperforming.`;
    const { context } = contextOf(stored, 'U.S. team');
    const now = stored.replace('its U.S. team', 'its US team');
    const m = matchQuote(now, 'U.S. team', context);
    expect(at(now, m)).toBe('US team');
    expect(m?.start).toBe(now.indexOf('US team'));
  });

  it('rejects a short exact quote whose context is gone', () => {
    const { context } = contextOf(TEXT, 'ByteDance instituting');
    const other = 'Analysts expect ByteDance instituting a hiring freeze across Europe soon.';
    expect(matchQuote(other, 'ByteDance instituting', context)).toBeNull();
  });

  it('finds a long quote with errors near both ends (chunked search)', () => {
    const quote = P1.slice(0, 180);
    const { start, context } = contextOf(TEXT, quote);
    const edited = TEXT.replace('Despite impressive', 'Despite impresive').replace(
      'ByteDance instituting',
      'ByteDance instituing',
    );
    const m = matchQuote(edited, quote, context);
    expect(m).toMatchObject({ start, end: start + 178, exact: false });
  });

  it('keeps approximate matches on whole words', () => {
    const text = 'ByteDance has reportedly revamped up pressure on its U.S. team.';
    const stored = 'ByteDance has reportedly ramped up pressure on its U.S. team.';
    const { context } = contextOf(stored, 'ramped up pressure');
    expect(at(text, matchQuote(text, 'ramped up pressure', context))).toBe('revamped up pressure');
  });

  it('is null for an empty or blank quote', () => {
    expect(matchQuote(TEXT, '')).toBeNull();
    expect(matchQuote(TEXT, ' \n ')).toBeNull();
  });
});
