/**
 * Organisations and people named in an article, by rules over capitalised name sequences: a
 * title or a common first name makes a person ("President Barack Obama", "Laure de la Raudière"),
 * a surname seen as a speaker carries over ("says Parata" → "Hori Parata"); an organisation word
 * ("Harvard University", "Conseil constitutionnel"), an acronym ("CNIL"), an acronym in brackets
 * after it, a household name, or a cue around it ("Minecraft developer Mojang", "ByteDance,
 * TikTok's parent company", "Facebook CEO …") makes an organisation. Anything else — places,
 * products, headings — is left out.
 */
import type { Lang } from './lang';
import {
  GIVEN_NAMES,
  KNOWN_ORGS,
  NOT_ORG_ACRONYMS,
  ORG_WORDS,
  PERSON_TITLES,
  ROMANCE_ORG_HEADS,
} from './names';
import type { Span } from './text';

export interface Mention extends Span {
  type: 'org' | 'person';
  /** The name as it will be suggested: titles and a possessive dropped. */
  name: string;
  paragraph: number;
}

interface Sequence extends Span {
  tokens: string[];
  paragraph: number;
  before: string;
  after: string;
  possessive: boolean;
}

const WORD = String.raw`(?:\p{Lu}\.|(?:Mr|Mrs|Ms|Dr|Jr|Sr|St|Sen|Gov|Rep)\.|\p{Lu}[\p{L}\p{M}'’&]*(?:-\p{L}[\p{L}\p{M}'’]*)*)`;
const LINK = String.raw`(?:\s+(?:of|for|and|&|de\s+la|de\s+los|de\s+las|van\s+der|van\s+den|de|du|des|del|la|le|los|las|van|von|der|bin|da|di|y|et)\s+|\s+(?:d['’]|l['’]|al-)|\s+)`;
const SEQUENCE = new RegExp(String.raw`(?<![\p{L}\p{N}])${WORD}(?:${LINK}${WORD})*`, 'gu');
const ROMANCE_TAIL =
  /^(?:\s+(?!(?:de|du|des|et|en|y|la|le|les|el|los|las|que|qui|si|afin|puis|est|a|ont|sera|avec|sans|par|sur|dans|pour|con|por|para|se|su)\s)\p{Ll}[\p{L}\p{M}-]+)?(?:\s+(?:de\s+la|de\s+l['’]|de\s+los|de\s+las|de|du|des|d['’]|del)\s*(?!(?:la|le|les|los|las|que|qui)\s)\p{L}[\p{L}\p{M}-]+(?:\s+(?!(?:de|du|des|del|los|las|et|afin|que|qui|si|en|y)\s)\p{Ll}[\p{L}\p{M}-]+s?(?=[\s,.;:)]|$))?)*/u;
const INSTITUTIONS =
  /^(?:Congress|Senate|Parliament|Sénat|Assemblée|Congreso|Senado|Parlement|Bundestag)$/u;
const CONNECTORS = new Set(
  'of for and de du des del la le los las y et da di van von der bin'.split(' '),
);
const PLACE_WORDS = new Set(
  'North South East West New Saint San Santa Upper Lower Great United Central Northern Southern Eastern Western Nueva Nuevo Mount Lake Port Fort Cape Gulf'.split(
    ' ',
  ),
);
const MONTHS_DAYS =
  /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/;
const COMMON_STARTS = new Set(
  'the a an in on at but and however despite while when this that these those it its as after before for with by from if our we they he she his her their there le la les l un une des el los las en por para según una'.split(
    ' ',
  ),
);
/** Words right before a name that make it an organisation's ("Minecraft developer Mojang"). */
const ORG_BEFORE = new Set(
  'acquisition of|acquire|acquires|acquired|buyout of|to buy|bought|merger with|deal with|partnered with|partnership with|lawsuit with|rival|rivals|competitor|competitors|giant like|giants like|companies like|firms like|brands like|subsidiary|app|company|firm|startup|retailer|developer|maker|publisher|platform|carrier|operator|bank|outlet|newspaper|magazine|group|sister app'.split(
    '|',
  ),
);
const ORG_AFTER =
  /^(?:\s+(?:CEO|co-founder|founder|chief executive|spokes\w+)\b|,\s+(?:\p{L}+['’]s|[Tt]he|[Aa]n?|[Ii]ts)\s+(?:[\p{L}-]+\s+){0,2}(?:company|firm|group|maker|app|platform|retailer|startup|giant|developer|publisher|studio|network|bank|agency|brand|carrier|operator|subsidiary|parent company)\b|\s*\((?:l['’]|la\s|le\s|el\s|the\s)?(?:\p{Lu}{2,8}\)|(?:Autorit\S+|Agen\S+|Commission|Comisión|Conseil|Consejo|Office|Authority|Agency|Association|Asociación|Union|Unión)\s))/u;
/** "Islamic State group", "Manu Taupunga group" (a name of two words or more: "Sudanese militia" is none). */
const ORG_NOUN_AFTER =
  /^\s+(?:[Gg]roup|party|movement|company|firm|agency|bank|network|militia|coalition)\b/u;
const PERSON_AFTER =
  /^,\s+(?:\d{1,3},|(?:(?:a|an|the|el|la|le|un|una|his|her)\s+)?(?:[\p{L}-]+\s+){0,4}?(?:head|chief|founder|editor|president|director|minister|spokes\w+|fellow|elder|expert|analyst|executive|leader|líder|député|députée|ministre|abogado|politólogo|jurista|professor|researcher|chairman|chairwoman|secretary|officer|manager|writer|author|journalist|lawyer|son|daughter|father|mother|wife|husband)\b)/iu;
const POSSESSIVE_ORG =
  /^\s*(?:parent company|CEO|chief|head|founder|chairman|chairwoman|CTO|CFO|employees|staff|shares|stock|revenue|sales|profits?|earnings|users|customers|app|platform|headquarters|products|e-commerce|division|board|spokes\w+|website|manifesto|leadership|mission|code-?base|flagship)\b/iu;

export function findEntities(
  paragraphs: readonly string[],
  lang: Lang,
  skip: ReadonlySet<number>,
  speakers: ReadonlySet<string>,
): Mention[] {
  const lowerWords = new Set<string>();
  for (const p of paragraphs)
    for (const w of p.match(/\p{Ll}[\p{L}\p{M}]*/gu) ?? []) lowerWords.add(w);
  const sequences = paragraphs.flatMap((text, i) =>
    skip.has(i) ? [] : sequencesOf(text, i, lang, lowerWords),
  );
  const classes = new Map<string, 'org' | 'person'>();
  // Names that are organisations by their own evidence are nobody's surname ("Air Mozilla").
  const orgNames = new Set(
    sequences
      .filter((s) => KNOWN_ORGS.has(s.tokens.join(' ')) || isOrgName(s.tokens))
      .map((s) => lastToken(s.tokens.join(' '))),
  );
  const persons = speakerSurnames(speakers, sequences);
  for (const n of orgNames) persons.delete(n);
  for (const seq of sequences) {
    const kind = classify(seq, persons);
    if (kind) classes.set(key(seq.tokens), kind);
    if (kind === 'person') persons.add(lastToken(seq.tokens.join(' ')));
  }
  const out: Mention[] = [];
  for (const seq of sequences) {
    let kind = classes.get(key(seq.tokens));
    if (!kind && persons.has(lastToken(seq.tokens.join(' '))) && seq.tokens.length <= 4)
      kind = 'person';
    if (!kind) continue;
    out.push({
      type: kind,
      name: seq.tokens.join(' '),
      start: seq.start,
      end: seq.end,
      paragraph: seq.paragraph,
    });
  }
  return out;
}

function sequencesOf(
  text: string,
  paragraph: number,
  lang: Lang,
  lowerWords: ReadonlySet<string>,
): Sequence[] {
  const out: Sequence[] = [];
  SEQUENCE.lastIndex = 0;
  for (let m = SEQUENCE.exec(text); m; m = SEQUENCE.exec(text)) {
    const start = m.index;
    let raw = m[0];
    if (lang !== 'en' && ROMANCE_ORG_HEADS.has(lastToken(raw).toLowerCase())) {
      const tail = ROMANCE_TAIL.exec(text.slice(start + raw.length))?.[0] ?? '';
      raw += tail;
      SEQUENCE.lastIndex = start + raw.length;
    }
    const sentenceStart =
      start === 0 || /[.!?:"“«—]\s*$/.test(text.slice(Math.max(0, start - 3), start));
    for (const part of splitSequence(raw)) {
      let tokens = part.text.split(/\s+/);
      let s = start + part.offset;
      const elided = /^[LDld]['’](?=\p{L})/u.exec(tokens[0]!); // "L’utilisation", "l’Arcep"
      if (elided) {
        tokens[0] = tokens[0]!.slice(2);
        s += 2;
        if (/^\p{Ll}/u.test(tokens[0])) {
          s += tokens[0].length + 1;
          tokens = tokens.slice(1);
          if (!tokens.length) continue;
        }
      }
      const first = tokens[0]!;
      if (
        (s === start && sentenceStart && lowerWords.has(first.toLowerCase())) ||
        COMMON_STARTS.has(first.toLowerCase())
      ) {
        s += first.length + 1;
        tokens = tokens.slice(1);
      }
      while (tokens.length && CONNECTORS.has(tokens[0]!)) s += tokens.shift()!.length + 1; // "for Parata"
      while (tokens.length && CONNECTORS.has(tokens[tokens.length - 1]!)) tokens.pop();
      if (s === 0 && /^\p{Lu}{2,}$/u.test(first) && /^\s*[—–-]/.test(text.slice(first.length)))
        continue; // dateline
      if (!tokens.length || tokens.every((t) => MONTHS_DAYS.test(t)) || tokens.join(' ') === 'I')
        continue;
      let end = s + tokens.join(' ').length;
      let possessive = false;
      const last = tokens[tokens.length - 1]!;
      if (/['’]s$/.test(last)) {
        tokens[tokens.length - 1] = last.slice(0, -2);
        end -= 2;
        possessive = true;
      }
      end = Math.min(end, start + raw.length);
      out.push({
        tokens,
        start: s,
        end,
        paragraph,
        possessive,
        before: text.slice(Math.max(0, s - 40), s),
        after: text.slice(end + (possessive ? 2 : 0), end + 80),
      });
    }
  }
  return out;
}

/** Splits at possessives ("BBC's North America"), at "and" between names, before a title. */
function splitSequence(raw: string): { text: string; offset: number }[] {
  const parts: { text: string; offset: number }[] = [];
  const re =
    /['’]s\s+|\s+(?:and|y|et)\s+|\s+(?=(?:CEO|CTO|CFO|Chairman|President|Founder)\s)|(?<=(?:CEO|CTO|CFO|Chairman|President|Founder))\s+/gu;
  let from = 0;
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    const piece = raw.slice(from, m.index + (/['’]s/.test(m[0]) ? 2 : 0));
    if (/\s(?:and|y|et)\s/.test(m[0]) && isOrgName(piece.split(/\s+/))) continue;
    parts.push({ text: piece, offset: from });
    from = m.index + m[0].length;
  }
  parts.push({ text: raw.slice(from), offset: from });
  return parts.flatMap((p) => splitBeforeGivenName(p)).filter((p) => p.text.trim());
}

/** "UMP Laure de la Raudière": an acronym or title glued to a first name. */
function splitBeforeGivenName(part: {
  text: string;
  offset: number;
}): { text: string; offset: number }[] {
  const tokens = part.text.split(' ');
  for (let i = 1; i < tokens.length; i++) {
    const prev = tokens[i - 1]!;
    if (
      GIVEN_NAMES.has(tokens[i]!.toLowerCase()) &&
      (/^\p{Lu}{2,}$/u.test(prev) || PERSON_TITLES.has(prev.toLowerCase()))
    ) {
      const left = tokens.slice(0, i).join(' ');
      return [
        { text: left, offset: part.offset },
        { text: tokens.slice(i).join(' '), offset: part.offset + left.length + 1 },
      ];
    }
  }
  return [part];
}

function classify(seq: Sequence, persons: ReadonlySet<string>): 'org' | 'person' | undefined {
  let tokens = seq.tokens;
  const name = tokens.join(' ');
  if (tokens.length === 1 && /^[\p{Lu}&.\d]{2,5}$/u.test(name) && /\p{Lu}.*\p{Lu}/u.test(name)) {
    return NOT_ORG_ACRONYMS.has(name.replace(/\.$/, '')) ? undefined : 'org';
  }
  if (KNOWN_ORGS.has(name) || (isOrgName(tokens) && (tokens.length > 1 || INSTITUTIONS.test(name))))
    return 'org';
  let titled = false;
  while (tokens.length > 1 && PERSON_TITLES.has(tokens[0]!.toLowerCase())) {
    seq.start += tokens[0]!.length + 1; // the suggestion is the name: "Mr. Bashir" → "Bashir"
    tokens = tokens.slice(1);
    titled = true;
  }
  if (titled || /(?:Mr|Mrs|Ms|Dr|President|Senator|Sen\.|M\.|Mme)\s+$/.test(seq.before)) {
    seq.tokens = tokens;
    return tokens.length <= 4 ? 'person' : undefined;
  }
  if (tokens.length >= 2 && tokens.length <= 5 && GIVEN_NAMES.has(tokens[0]!.toLowerCase()))
    return 'person';
  if (persons.has(lastToken(name)) && tokens.length <= 4) return 'person';
  if ((!seq.possessive && ORG_AFTER.test(seq.after)) || orgCueBefore(seq.before))
    return bracketOk(seq) ? 'org' : undefined;
  if (!seq.possessive && tokens.length >= 2 && ORG_NOUN_AFTER.test(seq.after)) return 'org';
  if (seq.possessive && POSSESSIVE_ORG.test(seq.after)) return 'org';
  if (tokens.length >= 2 && tokens.length <= 4 && PERSON_AFTER.test(seq.after)) return 'person';
  return undefined;
}

/**
 * Surnames of speakers ("says Parata", "Zuckerberg said") that also end a longer name in the
 * article ("Hori Parata", "Mark Zuckerberg") — "Sudan has said" is no person ("South Sudan").
 */
function speakerSurnames(
  speakers: ReadonlySet<string>,
  sequences: readonly Sequence[],
): Set<string> {
  const candidates = new Set<string>();
  for (const speaker of speakers) {
    // The trailing name of "Pakistan-based developer Ammar Askar", "Mr. Reeves", "Zuckerberg".
    const s = /(?:\p{Lu}[\p{L}\p{M}'’-]+\s+){0,3}\p{Lu}[\p{L}\p{M}'’-]+$/u.exec(speaker)?.[0] ?? '';
    if (!s || (s !== speaker && !/\s/.test(s) && !/^(?:Mr|Mrs|Ms|Dr|M|Mme)\.?\s/.test(speaker)))
      continue;
    const tokens = s.split(/\s+/);
    if (!tokens.every((t) => /^\p{Lu}\p{L}/u.test(t)) || tokens.length > 4 || isOrgName(tokens))
      continue;
    if (/^(?:The|La|Le|Les|El|Los|Las|One|Another|A|An|Un|Une|Una)$/.test(tokens[0]!)) continue;
    candidates.add(lastToken(s));
  }
  const out = new Set<string>();
  for (const seq of sequences) {
    const t = seq.tokens;
    if (
      t.length >= 2 &&
      t.length <= 4 &&
      !PLACE_WORDS.has(t[0]!) &&
      candidates.has(lastToken(t.join(' ')))
    )
      out.add(lastToken(t.join(' ')));
  }
  return out;
}

/** "Commission nationale … (CNIL)": a bracketed acronym names the org if it shares its initial. */
function bracketOk(seq: Sequence): boolean {
  const acronym = /^\s*\((\p{Lu}{2,8})\)/u.exec(seq.after)?.[1];
  return !acronym || (acronym[0] === seq.tokens[0]![0] && !NOT_ORG_ACRONYMS.has(acronym));
}

function orgCueBefore(before: string): boolean {
  const words = before
    .toLowerCase()
    .replace(/[,:]?\s*$/, '')
    .split(/\s+/);
  if (words[words.length - 1] === 'the') words.pop();
  const last = words.slice(-2);
  return ORG_BEFORE.has(last[1] ?? '') || ORG_BEFORE.has(last.join(' '));
}

function isOrgName(tokens: readonly string[]): boolean {
  return tokens.some((t) => ORG_WORDS.has(t.toLowerCase().replace(/['’]s$/, '')));
}

function key(tokens: readonly string[]): string {
  return tokens.join(' ').toLowerCase();
}

function lastToken(name: string): string {
  return (name.split(/\s+/).pop() ?? '').replace(/['’]s$/, '');
}
