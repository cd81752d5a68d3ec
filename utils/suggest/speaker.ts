/**
 * Who said it: the attribution of a quotation from the words around it in its sentence — "said
 * X", "X said", "X, a senior fellow, said", "according to X", "as one insider put it", "a déclaré
 * X", "a-t-il ajouté", "dijo X", "X manda «…»" — as the article writes it. Pure string work.
 */
import type { Lang } from './lang';
import { END, START, alt, list } from './text';

const VERBS: Record<Lang, string[]> = {
  en: list(
    'said|says|say|told|tells|added|adds|wrote|writes|stated|states|explained|explains|' +
      'noted|notes|argued|argues|asked|asks|claimed|claims|insisted|insists|admitted|admits|' +
      'acknowledged|acknowledges|warned|warns|announced|announces|declared|declares|recalled|' +
      'recalls|replied|replies|responded|responds|continued|continues|concluded|suggested|' +
      'suggests|emphasized|emphasised|stressed|stresses|described|describes|called|calls|' +
      'vowed|vows|predicted|predicts|conceded|concedes|confirmed|confirms|complained|' +
      'complains|tweeted|tweets|posted|mentioned|agreed|observed|remarked|recounted|joked|' +
      'quipped|testified|maintained|reported|urged|cautioned|promised|lamented|boasted|' +
      'pledged|put it|puts it',
  ),
  fr: [
    'dit',
    'déclare',
    'déclaré',
    'affirme',
    'affirmé',
    'explique',
    'expliqué',
    'estime',
    'estimé',
    'annonce',
    'annoncé',
    'souligne',
    'souligné',
    'ajoute',
    'ajouté',
    'précise',
    'précisé',
    'indique',
    'indiqué',
    'assure',
    'assuré',
    'rappelle',
    'rappelé',
    'reconnaît',
    'reconnu',
    'prévient',
    'prévenu',
    'confie',
    'confié',
    'raconte',
    'raconté',
    'juge',
    'jugé',
    'dénonce',
    'dénoncé',
    'lance',
    'lancé',
    'insiste',
    'insisté',
    'martèle',
    'martelé',
    'poursuit',
    'conclut',
    'conclu',
    'répond',
    'répondu',
    'écrit',
    'énonce',
    'prévoit',
    'prévoient',
    'stipule',
    'qualifie',
    'qualifié',
    'résume',
    'résumé',
    'commente',
    'commenté',
    'admet',
    'admis',
    'promet',
    'promis',
    'avertit',
    'averti',
    'déplore',
    'déploré',
    "s'exclame",
    'tranche',
    'tranché',
  ],
  es: list(
    'dijo|dice|dicen|dijeron|afirmó|afirma|afirman|declaró|declara|declare|explicó|explica|' +
      'aseguró|asegura|aseguraba|señaló|señala|sostuvo|sostiene|agregó|añadió|advirtió|' +
      'manifestó|expresó|comentó|precisó|resumió|denunció|reconoció|admitió|insistió|subrayó|' +
      'destacó|indicó|apuntó|planteó|escribió|escribe|respondió|contestó|opinó|consideró|' +
      'calificó|llamó|llama|anunció|anuncia|prometió|recordó|aclaró|enfatizó|relató|contó|' +
      'manda|establece|dispone',
  ),
};
const ACCORDING = ['according to', 'selon', "d'après", 'según', 'de acuerdo con'];
/** Words between a subject and its verb ("has admitted", "a également annoncé", "nos la resumió"). */
const AUX = new Set(
  (
    'has have had also then later once recently previously publicly famously reportedly ' +
    'simply just further would will could a ont avait avaient aurait également aussi alors ainsi ' +
    "lui leur nous vous l' les la le en ha han había habían habría también nos lo me te se ya luego"
  ).split(' '),
);
/** Words that start a new clause: the subject comes after the last of them. */
const BOUNDARY = new Set(
  (
    'that and but while because as which who whom when if although though after before since where ' +
    'so whether than que qu et mais car quand lorsque si où dont qui puis comme y e pero aunque ' +
    'cuando porque mientras donde quien como pues cuyo'
  ).split(' '),
);
const DETERMINERS = new Set(
  (
    'one another a an the some several many his her their its our this these those each every ' +
    'un une le la les l des ce cette ces son sa ses leur el los las uno una unos unas otro otra ' +
    'este esta estos estas su sus'
  ).split(' '),
);
const PRONOUNS = new Set('he she they il elle ils elles él ella ellos ellas'.split(' '));
const NOT_SPEAKERS = new Set(
  'it this that which what there ce cela ceci ça esto eso lo to in on of at for'.split(' '),
);
const COPULAS = new Set(
  'is are was were be been est sont était fut es son era fue está'.split(' '),
);
const MAX_WORDS = 14;
const PREPOSITIONS = new Set(
  'to in on of at for from with by into about as than à a au aux de du des en dans sur par pour con por para del al sin entre hacia'.split(
    ' ',
  ),
);
const MODALS = new Set(
  'would will could should can may might must has have had is was are were be been do does did not'.split(
    ' ',
  ),
);

const cache = new Map<Lang, { verb: RegExp; according: RegExp }>();
function patterns(lang: Lang): { verb: RegExp; according: RegExp } {
  let p = cache.get(lang);
  if (!p) {
    p = {
      verb: new RegExp(`${START}(?:${alt(VERBS[lang])})${END}`, 'gu'),
      according: new RegExp(`${START}(?:${alt(ACCORDING, true)})\\s+`, 'gu'),
    };
    cache.set(lang, p);
  }
  return p;
}

export function isPronoun(np: string): boolean {
  return PRONOUNS.has(np.toLowerCase());
}

/** "said Mr. Reeves, a senior fellow", "Mr Obama said.", "a-t-il ajouté", "según X" after a quote. */
export function speakerAfter(after: string, lang: Lang): string | undefined {
  const text = after.replace(/^[\s,;—–-]+/, '');
  const according = leadingAccording(text, lang);
  if (according) return according;
  const { verb } = patterns(lang);
  verb.lastIndex = 0;
  const m = verb.exec(text);
  if (!m || text.slice(0, m.index).split(/\s+/).length > 7) return undefined;
  const rest = text.slice(m.index + m[0].length);
  const inverted = /^-(?:t-)?(il|elle|ils|elles)\b/u.exec(rest);
  if (inverted) return inverted[1];
  if (m.index === 0 || /^(?:a|ont|avait|ha|has|had)\s+$/.test(text.slice(0, m.index))) {
    const pron = /^(?:a|avait)-t-(il|elle)\s/.exec(text);
    return pron?.[1] ?? nounPhraseAfter(rest);
  }
  return cleanSubject(text.slice(0, m.index));
}

/** The subject of the last speech verb in `before` (the sentence up to the quote). */
export function speakerBefore(before: string, lang: Lang): string | undefined {
  const { verb } = patterns(lang);
  verb.lastIndex = 0;
  let last: RegExpExecArray | null = null;
  for (let m = verb.exec(before); m; m = verb.exec(before)) {
    if (!/\bto\s+$/.test(before.slice(Math.max(0, m.index - 4), m.index))) last = m;
  }
  if (!last) return undefined;
  const head = before.slice(0, last.index);
  if (/\b(?:was|were|been|being|is|are|be|été|fue|sido)\s+$/.test(head)) return undefined; // passive: "described as … by X"
  return cleanSubject(head);
}

/** "according to X" anywhere in a sentence. */
export function speakerAccording(sentence: string, lang: Lang): string | undefined {
  const { according } = patterns(lang);
  according.lastIndex = 0;
  const m = according.exec(sentence);
  return m ? nounPhraseAfter(sentence.slice(m.index + m[0].length)) : undefined;
}

/** "Kang “put everyone on blast”": a name right before a quote that starts in lower case. */
export function speakerRightBefore(before: string): string | undefined {
  const m =
    /((?:(?:Mr|Mrs|Ms|Dr|Mme|M)\.?\s+)?\p{Lu}[\p{L}\p{M}'’-]+(?:\s+\p{Lu}[\p{L}\p{M}'’-]+){0,3})\s*$/u.exec(
      before,
    );
  if (!m) return undefined;
  const lead = before.slice(0, m.index).trim();
  if (!lead || /[.!?:]$/.test(lead)) return undefined; // a sentence's first word is no evidence
  const prev = /(\p{L}+)$/u.exec(lead)?.[1]?.toLowerCase() ?? '';
  if (PREPOSITIONS.has(prev) || DETERMINERS.has(prev)) return undefined; // "llamó a la Argentina «…»"
  return m[1];
}

/** "La Constitución manda «…»", "el informe ubicó «…»": subject + one verb right before the quote. */
export function speakerOfClause(before: string): string | undefined {
  const clause = lastClause(before.trimEnd());
  const words = clause.split(/\s+/).filter(Boolean);
  if (words.length < 2 || words.length > 5) return undefined;
  const verbWord = words[words.length - 1]!;
  if (!/^\p{Ll}+$/u.test(verbWord) || COPULAS.has(verbWord) || BOUNDARY.has(verbWord)) return;
  if (DETERMINERS.has(verbWord) || AUX.has(verbWord)) return undefined;
  const first = words[0]!;
  if (!DETERMINERS.has(first.toLowerCase()) && !/^\p{Lu}/u.test(first)) return undefined;
  return validSpeaker(words.slice(0, -1).join(' '));
}

/** The subject at the start of a sentence ("Mitchell Baker, executive chairwoman …, posted:"). */
export function sentenceSubject(sentence: string): string | undefined {
  const m = /^((?:\p{Lu}[\p{L}\p{M}'’.-]*\s*){1,4})/u.exec(sentence.trim());
  return m ? validSpeaker(m[1]!.trim()) : undefined;
}

function leadingAccording(text: string, lang: Lang): string | undefined {
  const { according } = patterns(lang);
  according.lastIndex = 0;
  const m = according.exec(text);
  return m && text.slice(0, m.index).split(/\s+/).length <= 6
    ? nounPhraseAfter(text.slice(m.index + m[0].length))
    : undefined;
}

/** The words after a verb up to punctuation or a preposition: "Mr. Reeves", "the company". */
function nounPhraseAfter(text: string): string | undefined {
  const m = /^(?:[^,.;:!?()\n—–"“”«»]|(?<=(?:^|\s)(?:Mr|Mrs|Ms|Dr|Jr|Sr|St|Mme|\p{Lu}))\.)*/u.exec(
    text,
  );
  let np = m ? m[0] : '';
  np = np.replace(
    /\s+(?:in|at|on|to|during|after|before|when|while|about|who|which|that|en|dans|lors|a|al|en|ante)\s.*$/u,
    '',
  );
  return validSpeaker(np.trim().split(/\s+/).slice(0, 8).join(' '));
}

/** The subject before a verb: drop auxiliaries, a parenthesis, an appositive, earlier clauses. */
export function cleanSubject(text: string): string | undefined {
  let t = text.trimEnd();
  for (let changed = true; changed; ) {
    changed = false;
    const m = /(?:^|\s)([\p{L}']+)$/u.exec(t);
    if (m && AUX.has(m[1]!.toLowerCase())) {
      t = t.slice(0, t.length - m[1]!.length).trimEnd();
      changed = true;
    }
    if (t.endsWith(')')) {
      const open = t.lastIndexOf('(');
      if (open >= 0) {
        t = t.slice(0, open).trimEnd();
        changed = true;
      }
    }
  }
  if (t.endsWith(',')) {
    const prev = t.lastIndexOf(',', t.length - 2);
    // "Eric Reeves, one of the leading voices on Sudan, said" → the name before the aside;
    // "Mozilla's CTO, Brendan Eich, acknowledged" → the name that is the aside.
    const aside = t.slice(prev + 1, -1).trim();
    const head = prev >= 0 ? t.slice(0, prev) : '';
    const properName = (x: string): boolean =>
      /^(?:\p{Lu}[\p{L}\p{M}'’.-]*\s*){1,4}$/u.test(x.trim()) && !/['’]s\b|\b\p{Lu}{2,}\b/u.test(x);
    t =
      prev >= 0 && properName(aside) && !properName(lastClause(head))
        ? aside
        : head || t.slice(0, -1);
  }
  return validSpeaker(lastClause(t));
}

function lastClause(text: string): string {
  const parts = text.split(/[,;:(—–]|\s[-]\s/);
  const clause = (parts[parts.length - 1] ?? '').trim();
  const words = clause.split(/\s+/);
  for (let i = words.length - 1; i >= 0; i--) {
    const w = words[i]!.toLowerCase().replace(/['’]$/, '');
    if (BOUNDARY.has(w) || /^qu['’]/.test(w)) return words.slice(i + 1).join(' ');
  }
  return clause;
}

function validSpeaker(np: string | undefined): string | undefined {
  const text = (np ?? '').trim().replace(/[.,;:]+$/, '');
  if (!text) return undefined;
  const words = text.split(/\s+/);
  if (words.length > MAX_WORDS) return undefined;
  const first = words[0]!.toLowerCase();
  if (NOT_SPEAKERS.has(first) && words.length === 1) return undefined;
  if (list('to|in|on|of|at|for|from|with|by|à|de|en|con|por|para|sur|dans').includes(first))
    return undefined;
  if (PRONOUNS.has(first) && words.length === 1) return text;
  if (words.some((w) => MODALS.has(w.toLowerCase()))) return undefined; // "He would speak"
  if (words.every((w) => DETERMINERS.has(w.toLowerCase()))) return undefined; // "cette"
  if (/\p{Lu}/u.test(text) || DETERMINERS.has(first)) return text;
  return undefined;
}
