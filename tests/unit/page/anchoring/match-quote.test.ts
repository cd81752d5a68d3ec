import { describe, expect, it } from 'vitest';
import { matchQuote } from '../../../../utils/page/anchoring/match-quote';
import { SECONDARY_PENALTY } from '../../../../utils/page/anchoring/score';

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

/** `length` characters of sentences that share no words with the paragraphs above. */
function filler(length: number): string {
  let text = '';
  for (let i = 1; text.length < length; i++) text += `Filler sentence number ${i} says nothing. `;
  return text.slice(0, length);
}

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

  it('finds the whole of an edited quote that moved by about a search window', () => {
    // The first window around the stored position ends a few characters into the quote: the
    // match it holds is cut short at its edge, though still acceptable.
    const S = 'Hori Parata at his Pātaua farm, the place where he was born and grew up.';
    const stored = `${P1} ${S} “We’re having to put up with a lot of stuff today. ${P3}`;
    const quote = 'We’re having to put up with a';
    const { context } = contextOf(stored, quote);
    for (const shift of [258, 260]) {
      const now = `${filler(shift - 1)} ${stored.replace('up with a', 'up wath a')}`;
      expect(at(now, matchQuote(now, quote, context))).toBe('We’re having to put up wath a');
    }
  });
});

describe('matchQuote: choosing between candidates', () => {
  // An edit shifted everything by SHIFT; a copy of the quote's sentence stands FAR before it, on
  // a page of some 50,000 characters (the rest: comments, links…), as news pages are.
  const SHIFT = 300;
  const FAR = 6000;
  const REST = filler(40000);
  const SENTENCE =
    'Te Kaurinui left university this year to return to Whangārei and study whale tikanga (protocol) and carving.';
  const stored = `${filler(FAR)} ${P1} ${SENTENCE} ${P2} ${REST}`;
  /** The page now: shifted, with a pull quote of the sentence as stored, far before it. */
  const page = (article: string) =>
    `${filler(SHIFT)} “${SENTENCE}” ${filler(FAR - SHIFT)} ${P1} ${article} ${P2} ${REST}`;

  it('prefers, of two exact occurrences agreeing about equally, the one near the stored position', () => {
    // Whitespace changed inside the quote, one letter in its suffix: the copy far before it
    // agrees one character better.
    const quote = 'to Whangārei and study';
    const { context } = contextOf(stored, quote);
    const now = page(
      SENTENCE.replace('to Whangārei and', 'to Whangārei\n      and').replace(
        '(protocol)',
        '(pretocol)',
      ),
    );
    const m = matchQuote(now, quote, context);
    expect(m).toMatchObject({ start: now.lastIndexOf('to Whangārei'), exact: true });
  });

  it('prefers a near-exact quote where it stood to an exact copy far away with half its context', () => {
    // A typo fixed in the quote and the next paragraph replaced; the far copy ends its block.
    const quote = 'tikanga (protocol) and carving.';
    const { context } = contextOf(stored, quote);
    const article = SENTENCE.replace('(protocol)', '(pretocol)');
    const now = page(article).replace(P2, 'A new paragraph was added here.');
    const m = matchQuote(now, quote, context);
    expect(at(now, m)).toBe('tikanga (pretocol) and carving.');
    expect(m).toMatchObject({ start: now.lastIndexOf('tikanga'), exact: false });
  });

  it('still takes an exact copy when the quote is gone from where it stood', () => {
    const quote = 'tikanga (protocol) and carving.';
    const { context } = contextOf(stored, quote);
    const now = page('Te Kaurinui left university this year.');
    expect(matchQuote(now, quote, context)).toMatchObject({
      start: now.indexOf('tikanga'),
      exact: true,
    });
  });

  it('accepts a long quote with a few errors whose neighbours moved away from it', () => {
    const quote = P2;
    const { context } = contextOf(TEXT, quote);
    // Three letters changed (0.98); a paragraph inserted before it, a pull quote after it: the
    // context next to it is gone, still there a little further.
    const fixed = P2.replace('expressed', 'expresed')
      .replace('global', 'glbal')
      .replace('meeting', 'meting');
    const moved = TEXT.replace(P2, `A paragraph was inserted. ${fixed} “A pull quote was added.”`);
    expect(at(moved, matchQuote(moved, quote, context))).toBe(fixed);
    // Its neighbours replaced: another text, unless it is nearly the same.
    const replaced = (p2: string) =>
      `A paragraph was inserted. ${p2} Another one replaced the last.`;
    expect(matchQuote(replaced(fixed), quote, context)).toBeNull();
    const typo = P2.replace('expressed', 'expresed');
    expect(at(replaced(typo), matchQuote(replaced(typo), quote, context))).toBe(typo);
    // … and near where it stood.
    const far = `${filler(6000)} ${replaced(typo)}`;
    expect(matchQuote(far, quote, context)).toBeNull();
    // A sentence saying something else the same way next to its old neighbours is another text.
    const other = moved.replace('dissatisfaction', 'satisfaction').replace('February', 'March');
    expect(matchQuote(other, quote, context)).toBeNull();
  });

  it('accepts a short quote with one error near where it stood when one side of its context is intact', () => {
    const stored = `${P1} Climate change is to blame too, scientists think, with warming ocean temperatures.`;
    const quote = 'Climate change is to blame';
    const { context } = contextOf(stored, quote);
    const typo = (text: string) => text.replace('to blame', 'to beame');
    // A paragraph inserted before it: the prefix is gone, the suffix intact.
    const now = typo(stored.replace(P1, `${P1} Update: this story has been revised.`));
    expect(at(now, matchQuote(now, quote, context))).toBe('Climate change is to beame');
    // Not far away, and not with two errors, and not with its suffix edited too.
    const far = `${filler(6000)} ${now}`;
    expect(matchQuote(far, quote, context)).toBeNull();
    expect(matchQuote(now.replace('Climate', 'Climata'), quote, context)).toBeNull();
    expect(matchQuote(now.replace('scientists', 'researchers'), quote, context)).toBeNull();
  });

  it('ranks a candidate the caller penalizes (a pull quote) below an edited original', () => {
    // The copy sits right before the original and nearer the stored position.
    const quote = 'elders say they aren’t being';
    const article =
      'But indigenous elders say they aren’t being listened to when they tell the government.';
    const storedPage = `${P1} ${article} ${P3}`;
    const { context } = contextOf(storedPage, quote);
    const copy = `“${article}”`;
    const now = `${P1} ${copy} ${article.replace('aren’t', 'alen’t')} ${P3}`;
    const inCopy = (start: number) => (start < P1.length + copy.length + 1 ? SECONDARY_PENALTY : 0);
    expect(matchQuote(now, quote, context)?.start).toBe(now.indexOf(quote));
    const m = matchQuote(now, quote, { ...context, penalty: inCopy });
    expect(at(now, m)).toBe('elders say they alen’t being');
  });
});
