/**
 * The edited variant of the page and its ground truth.
 *
 * Realistic, deterministic edits are applied to a fresh parse of the original page through DOM
 * operations: a letter changed inside some quotes (a typo fixed), a word changed in the context
 * just before or after some quotes, words wrapped in <em>/<a>, whitespace changed inside quotes
 * (re-wrapped lines, no-break spaces), new paragraphs inserted (and a banner at the top of the
 * body, which shifts every position), pull quotes/promos repeating a quote earlier in the page,
 * and whole paragraphs deleted.
 *
 * Ground truth is tracked, not guessed: after every edit the text model is diffed against the
 * previous one (common prefix and suffix), and each claim's original span is mapped through
 * those replacements. A claim whose edge would fall inside a changed region is "damaged" (no
 * defined answer): edit sites are chosen so that none is, and the bench reports it if one were.
 * Claims inside a deleted paragraph are expected to be orphans; a landing anywhere is wrong.
 */
import { JSDOM, VirtualConsole } from 'jsdom';
import type { Block, Claim } from './claims';
import { articleBlocks } from './claims';
import type { RefModel } from './dom-model';
import { modelPoint, refModel, trimSpan } from './dom-model';
import type { Rng } from '../../support/random';

export type EditKind =
  | 'none'
  | 'typo'
  | 'context'
  | 'wrap'
  | 'whitespace'
  | 'nbsp'
  | 'duplicate'
  | 'duplicate+typo'
  | 'insert-before'
  | 'delete';

export const EDIT_KINDS: EditKind[] = [
  'none',
  'insert-before',
  'typo',
  'context',
  'wrap',
  'whitespace',
  'nbsp',
  'duplicate',
  'duplicate+typo',
  'delete',
];

export type Expected = { start: number; end: number } | 'orphan' | 'damaged';

export interface Truth {
  id: number;
  /** The edit aimed at this claim (other edits may touch it too: see `textChange`). */
  edit: EditKind;
  expected: Expected;
  /** The expected text on the edited page ('' for an orphan). */
  text: string;
  /** How the expected text differs from the saved quote. */
  textChange: 'same' | 'whitespace' | 'changed' | 'gone';
  /** What was done, for reports. */
  note: string;
}

export interface EditedPage {
  html: string;
  /** The edited page's text model, as tracked while editing. */
  text: string;
  truth: Truth[];
  /** Edits planned but not applicable (the site spanned text nodes): for the report. */
  skipped: number;
  applied: Record<string, number>;
  /** Spans of the inserted pull quotes and promos in the edited text model. */
  duplicates: [number, number][];
}

interface Op {
  a: number;
  b: number;
  len: number;
}

/** Records every edit's effect on the text model and maps original offsets through them. */
class Tracker {
  ops: Op[] = [];
  ref: RefModel;
  constructor(private root: Element) {
    this.ref = refModel(root);
  }
  /**
   * Make an edit and record its effect. Text edits are located by diffing the text model before
   * and after (common prefix and suffix). An element inserted or removed is located at `at`, the
   * model offset of the point before it: a diff would be ambiguous there (an inserted paragraph
   * starting like the next one would seem to be inserted inside it).
   */
  apply(mutate: (ref: RefModel) => boolean, at?: (ref: RefModel) => number): boolean {
    const before = this.ref.text;
    const point = at?.(this.ref);
    if (!mutate(this.ref)) return false;
    const ref = refModel(this.root);
    const after = ref.text;
    let op: Op;
    if (point !== undefined) {
      const delta = after.length - before.length;
      op = delta >= 0 ? { a: point, b: point, len: delta } : { a: point, b: point - delta, len: 0 };
      const ok =
        before.slice(0, op.a) === after.slice(0, op.a) &&
        before.slice(op.b) === after.slice(op.a + op.len);
      if (!ok) throw new Error('bench: an element edit changed text away from its place');
    } else {
      let p = 0;
      const max = Math.min(before.length, after.length);
      while (p < max && before.charCodeAt(p) === after.charCodeAt(p)) p++;
      let s = 0;
      while (
        s < max - p &&
        before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)
      ) {
        s++;
      }
      op = { a: p, b: before.length - s, len: after.length - s - p };
    }
    this.ops.push(op);
    this.ref = ref;
    return true;
  }
  /** Offset now of an original offset; null when it fell inside a region that changed length. */
  map(offset: number, side: 'start' | 'end'): number | null {
    let p = offset;
    for (const { a, b, len } of this.ops) {
      const delta = len - (b - a);
      if (side === 'start' ? p < a : p <= a) continue;
      if (p >= b) p += delta;
      else if (delta !== 0) return null;
    }
    return p;
  }
}

/** The model offset of the point just before `el`: where the first text at or after it starts. */
function offsetBefore(ref: RefModel, el: Element): number {
  let lo = 0;
  let hi = ref.modelNodes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const node = ref.all[ref.modelNodes[mid]!]!;
    // FOLLOWING (4) is set for nodes after el and for nodes inside it.
    if (el.compareDocumentPosition(node) & 4) hi = mid;
    else lo = mid + 1;
  }
  return lo < ref.modelNodes.length ? ref.modelStarts[ref.modelNodes[lo]!]! : ref.text.length;
}

const LETTER = /\p{L}/u;
const REPLACEMENT_WORDS = [
  'several',
  'coastal',
  'remote',
  'recent',
  'younger',
  'northern',
  'many',
  'official',
  'local',
  'ancient',
];
const NEW_PARAGRAPHS = [
  'Sign up to the Guardian’s weekly environment newsletter, Down to Earth, for the latest news on the climate crisis.',
  'Whale strandings in New Zealand are reported to the Department of Conservation on 0800 362 468.',
  'This article was amended on 4 January 2019 to correct the spelling of a place name.',
  'Last year more than 200 pilot whales died on a remote beach on Stewart Island, in the far south of the country.',
  'Project Jonah, a marine mammal charity, trains volunteers to keep stranded whales cool and wet until the tide returns.',
  'Scientists at Massey University have collected tissue samples from stranded whales for more than 20 years.',
  'Read more: the photographer Adrian Malloch spent six months with the Ngātiwai tribe for this essay.',
];

/** A word to replace `word` with, keeping its capitalization. */
function replacementFor(word: string, rng: Rng): string {
  let pick = rng.pick(REPLACEMENT_WORDS);
  while (pick === word.toLowerCase()) pick = rng.pick(REPLACEMENT_WORDS);
  return /^\p{Lu}/u.test(word) ? pick[0]!.toUpperCase() + pick.slice(1) : pick;
}

/** A different lower-case letter for `letter` (a one-character typo fix). */
function otherLetter(letter: string, rng: Rng): string {
  const pool = 'aeiounrstlh';
  let pick = rng.pick([...pool]);
  while (pick === letter.toLowerCase()) pick = rng.pick([...pool]);
  return letter === letter.toUpperCase() ? pick.toUpperCase() : pick;
}

interface Plan {
  target: number;
  kind: EditKind;
  apply: (tracker: Tracker, doc: Document) => boolean;
  note: string;
}

export function makeEditedPage(
  html: string,
  claims: Claim[],
  deleted: Set<number>,
  rng: Rng,
): EditedPage {
  const dom = new JSDOM(html, { virtualConsole: new VirtualConsole() });
  const doc = dom.window.document;
  const tracker = new Tracker(doc.body);
  const text = tracker.ref.text;
  const blocks: Block[] = articleBlocks(doc, tracker.ref);

  const reserved: [number, number][] = [];
  // Changes inside each claim (a letter, a word), whoever they are aimed at: one, two from 400
  // characters on. Real edits between two visits are few; they should not pile up in one quote.
  const changes = new Map<number, number>();
  const mayChange = (a: number, b: number): boolean =>
    overlapping(a, b).every((c) => (changes.get(c.id) ?? 0) < (c.end - c.start >= 400 ? 2 : 1));
  const reserveChange = (a: number, b: number): void => {
    reserved.push([a, b]);
    for (const c of overlapping(a, b)) changes.set(c.id, (changes.get(c.id) ?? 0) + 1);
  };
  const isFree = (a: number, b: number): boolean =>
    reserved.every(([x, y]) => b + 1 <= x || a >= y + 1);
  const overlapping = (a: number, b: number): Claim[] =>
    claims.filter((c) => c.start < b && c.end > a);
  /** Whether every claim containing [a, b) is long and has it well inside. */
  const safeInside = (a: number, b: number, minLength: number, margin: number): boolean =>
    overlapping(a, b).every(
      (c) => c.end - c.start >= minLength && a >= c.start + margin && b <= c.end - margin,
    );
  /** Whether [a, b) lies within one text node of the original page. */
  const oneNode = (a: number, b: number): boolean =>
    modelPoint(tracker.ref, a).node === modelPoint(tracker.ref, b, true).node;
  /** Whether a block boundary is crossed by no claim. */
  const uncrossed = (bi: number): boolean =>
    claims.every((c) => !(c.start < blocks[bi]!.start && c.end > blocks[bi]!.start));

  // Char-level edits, in original offsets; applied later at their mapped offsets.
  const replaceAt =
    (a: number, b: number, replacement: string) =>
    (t: Tracker): boolean => {
      const ma = t.map(a, 'start');
      const mb = t.map(b, 'end');
      if (ma === null || mb === null) return false;
      return t.apply((ref) => {
        const point = modelPoint(ref, ma);
        if (point.offset + (mb - ma) > point.node.data.length) return false;
        point.node.replaceData(point.offset, mb - ma, replacement);
        return true;
      });
    };

  const planTypo = (claim: Claim): Plan | null => {
    if (claim.end - claim.start < 16) return null;
    for (let attempt = 0; attempt < 30; attempt++) {
      const c = rng.int(claim.start + 2, claim.end - 3);
      const ch = text[c]!;
      if (!LETTER.test(ch) || !LETTER.test(text[c - 1] ?? '') || !LETTER.test(text[c + 1] ?? ''))
        continue;
      if (!isFree(c, c + 1) || !safeInside(c, c + 1, 16, 2) || !mayChange(c, c + 1)) continue;
      reserveChange(c, c + 1);
      const to = otherLetter(ch, rng);
      return {
        target: claim.id,
        kind: 'typo',
        apply: replaceAt(c, c + 1, to),
        note: `'${ch}'→'${to}' at +${c - claim.start}`,
      };
    }
    return null;
  };

  const planContext = (claim: Claim): Plan | null => {
    const b = blocks[claim.block]!;
    const e = blocks[claim.endBlock]!;
    const before = b.words.filter(([ws, we]) => we <= claim.start && ws >= claim.start - 40);
    const after = e.words.filter(([ws, we]) => ws >= claim.end && we <= claim.end + 40);
    const candidates = rng.shuffle([...before, ...after]);
    for (const [ws, we] of candidates) {
      const m = /\p{L}{3,}/u.exec(text.slice(ws, we));
      if (!m) continue;
      const a = ws + m.index;
      const z = a + m[0].length;
      if (!isFree(a, z) || !safeInside(a - 1, z + 1, 60, 6) || !mayChange(a, z)) continue;
      reserveChange(a, z);
      const to = replacementFor(m[0], rng);
      return {
        target: claim.id,
        kind: 'context',
        apply: replaceAt(a, z, to),
        note: `${a < claim.start ? 'prefix' : 'suffix'} word '${m[0]}'→'${to}'`,
      };
    }
    return null;
  };

  const planWhitespace = (claim: Claim, kind: 'whitespace' | 'nbsp'): Plan | null => {
    const spaces: number[] = [];
    for (let i = claim.start + 1; i < claim.end - 1; i++) {
      if (text[i] === ' ' && text[i - 1] !== ' ' && text[i + 1] !== ' ') spaces.push(i);
    }
    for (const c of rng.shuffle(spaces)) {
      if (!isFree(c, c + 1)) continue;
      reserved.push([c, c + 1]);
      const ws = kind === 'nbsp' ? '\u00a0' : `\n${' '.repeat(rng.int(8, 40))}`;
      return {
        target: claim.id,
        kind,
        apply: replaceAt(c, c + 1, ws),
        note:
          kind === 'nbsp'
            ? `space at +${c - claim.start} → NBSP`
            : `space at +${c - claim.start} → newline + indent`,
      };
    }
    return null;
  };

  const planWrap = (claim: Claim): Plan | null => {
    const b = blocks[claim.block]!;
    const inClaim = b.words
      .map((w, i) => [w, i] as const)
      .filter(([[ws, we]]) => ws >= claim.start - 20 && we <= claim.end);
    for (let attempt = 0; attempt < 10 && inClaim.length; attempt++) {
      const [[a], i] = rng.pick(inClaim);
      const last = b.words[Math.min(b.words.length - 1, i + rng.int(0, 2))]!;
      const z = last[1];
      if (!isFree(a, z) || !oneNode(a, z)) continue;
      reserved.push([a, z]);
      const tag = rng.next() < 0.5 ? 'em' : 'a';
      return {
        target: claim.id,
        kind: 'wrap',
        note: `<${tag}> around '${text.slice(a, z)}'`,
        apply: (t) => {
          const ma = t.map(a, 'start');
          const mz = t.map(z, 'end');
          if (ma === null || mz === null) return false;
          return t.apply((ref) => {
            const point = modelPoint(ref, ma);
            if (point.offset + (mz - ma) > point.node.data.length) return false;
            point.node.splitText(point.offset + (mz - ma));
            const middle = point.node.splitText(point.offset);
            const wrapper = doc.createElement(tag);
            if (tag === 'a')
              wrapper.setAttribute('href', 'https://www.theguardian.com/environment/whales');
            middle.before(wrapper);
            wrapper.append(middle);
            return true;
          });
        },
      };
    }
    return null;
  };

  /** Inserted pull quotes and promos, to tell a landing on one in the report. */
  const asides: Element[] = [];
  const insertBefore =
    (el: Element, make: () => Element) =>
    (t: Tracker): boolean =>
      t.apply(
        () => {
          el.before(make(), doc.createTextNode('\n                                '));
          return true;
        },
        (ref) => offsetBefore(ref, el),
      );

  const paragraph = (content: string, className?: string): Element => {
    const p = doc.createElement('p');
    if (className) p.className = className;
    p.textContent = `\n                                ${content}\n                            `;
    return p;
  };

  const planDuplicate = (claim: Claim, withTypo: boolean): Plan[] | null => {
    if (claim.block !== claim.endBlock || claim.kind === 'cross-inline' || claim.block < 8)
      return null;
    if (deleted.has(claim.block)) return null;
    const sites = blocks
      .map((b, i) => i)
      .filter(
        (i) =>
          i >= 2 && i <= claim.block - 3 && blocks[i]!.paragraph && !deleted.has(i) && uncrossed(i),
      );
    if (sites.length === 0) return null;
    const typo = withTypo ? planTypo(claim) : null;
    if (withTypo && !typo) return null;
    const site = rng.pick(sites);
    const quote = claim.exact.replace(/\s+/g, ' ');
    const short = claim.end - claim.start < 32;
    const plans: Plan[] = [
      {
        target: claim.id,
        kind: withTypo ? 'duplicate+typo' : 'duplicate',
        note: `${short ? 'promo' : 'pull quote'} repeating the quote before block ${site}${typo ? `, typo fixed in the article: ${typo.note}` : ''}`,
        apply: insertBefore(blocks[site]!.el, () => {
          const aside = doc.createElement('aside');
          if (short) {
            aside.className = 'element element-rich-link';
            aside.append(paragraph(`In numbers: ${quote}`));
          } else {
            aside.className = 'element element-pullquote';
            const blockquote = doc.createElement('blockquote');
            blockquote.append(paragraph(`“${quote}”`, 'pullquote-paragraph'));
            aside.append(blockquote);
          }
          asides.push(aside);
          return aside;
        }),
      },
    ];
    if (typo) plans.push({ ...typo, kind: 'duplicate+typo' });
    return plans;
  };

  // Assign the edits: claims in deleted paragraphs are orphans; the others get at most one aimed
  // edit each, drawn in a seeded order.
  const edit = new Map<number, EditKind>();
  const notes = new Map<number, string>();
  for (const c of claims) {
    if (deleted.has(c.block)) {
      edit.set(c.id, 'delete');
      notes.set(c.id, `paragraph ${c.block} deleted`);
    }
  }
  const quotas: [Exclude<EditKind, 'none' | 'insert-before' | 'delete'>, number][] = [
    ['duplicate+typo', 3],
    ['duplicate', 8],
    ['typo', 28],
    ['context', 24],
    ['wrap', 18],
    ['whitespace', 14],
    ['nbsp', 6],
  ];
  const order = rng.shuffle(claims.map((c) => c.id).filter((id) => !edit.has(id)));
  const plans: Plan[] = [];
  for (const [kind, quota] of quotas) {
    let n = 0;
    for (const id of order) {
      if (n >= quota) break;
      if (edit.has(id)) continue;
      const claim = claims[id]!;
      let planned: Plan[] | null = null;
      if (kind === 'duplicate' || kind === 'duplicate+typo') {
        planned = planDuplicate(claim, kind === 'duplicate+typo');
      } else {
        const one =
          kind === 'typo'
            ? planTypo(claim)
            : kind === 'context'
              ? planContext(claim)
              : kind === 'wrap'
                ? planWrap(claim)
                : planWhitespace(claim, kind);
        planned = one && [one];
      }
      if (!planned) continue;
      plans.push(...planned);
      edit.set(id, kind);
      notes.set(id, planned[0]!.note);
      n++;
    }
  }
  // New paragraphs before some paragraphs (claims there: 'insert-before'), and a banner on top.
  const insertSites = rng
    .shuffle(
      blocks
        .map((_, i) => i)
        .filter((i) => blocks[i]!.paragraph && !deleted.has(i) && uncrossed(i)),
    )
    .slice(0, 6);
  insertSites.forEach((site, k) => {
    plans.push({
      target: -1,
      kind: 'insert-before',
      note: `paragraph inserted before block ${site}`,
      apply: insertBefore(blocks[site]!.el, () =>
        paragraph(NEW_PARAGRAPHS[k % NEW_PARAGRAPHS.length]!),
      ),
    });
    for (const c of claims) {
      if (c.block === site && !edit.has(c.id)) {
        edit.set(c.id, 'insert-before');
        notes.set(c.id, `paragraph inserted before its paragraph (block ${site})`);
      }
    }
  });
  plans.push({
    target: -1,
    kind: 'insert-before',
    note: 'banner at the top of the body',
    apply: (t) =>
      t.apply(
        () => {
          const banner = doc.createElement('div');
          banner.className = 'site-message';
          banner.append(paragraph(NEW_PARAGRAPHS[NEW_PARAGRAPHS.length - 1]!));
          doc.body.prepend(banner);
          return true;
        },
        () => 0,
      ),
  });
  for (const bi of deleted) {
    plans.push({
      target: -1,
      kind: 'delete',
      note: `block ${bi} deleted`,
      apply: (t) =>
        t.apply(
          () => {
            blocks[bi]!.el.remove();
            return true;
          },
          (ref) => offsetBefore(ref, blocks[bi]!.el),
        ),
    });
  }

  // Apply in a seeded order: the tracker maps every site through the edits made before it.
  const applied: Record<string, number> = {};
  let skipped = 0;
  for (const plan of rng.shuffle(plans)) {
    if (plan.apply(tracker, doc)) applied[plan.kind] = (applied[plan.kind] ?? 0) + 1;
    else {
      skipped++;
      if (plan.target >= 0) {
        edit.set(plan.target, 'none');
        notes.set(plan.target, `(planned ${plan.kind} could not be applied)`);
      }
    }
  }

  const edited = tracker.ref.text;
  const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();
  const truth = claims.map((claim): Truth => {
    const kind = edit.get(claim.id) ?? 'none';
    const note = notes.get(claim.id) ?? '';
    if (kind === 'delete')
      return { id: claim.id, edit: kind, expected: 'orphan', text: '', textChange: 'gone', note };
    const s = tracker.map(claim.start, 'start');
    const e = tracker.map(claim.end, 'end');
    if (s === null || e === null || e <= s) {
      return { id: claim.id, edit: kind, expected: 'damaged', text: '', textChange: 'gone', note };
    }
    const [start, end] = trimSpan(edited, s, e);
    const now = edited.slice(start, end);
    const textChange =
      now === claim.exact
        ? 'same'
        : collapse(now) === collapse(claim.exact)
          ? 'whitespace'
          : 'changed';
    return { id: claim.id, edit: kind, expected: { start, end }, text: now, textChange, note };
  });
  const duplicates = asides.map((aside): [number, number] => {
    const ref = tracker.ref;
    const inside = ref.modelNodes.filter((n) => aside.contains(ref.all[n]!));
    const first = inside[0]!;
    const last = inside[inside.length - 1]!;
    return [ref.modelStarts[first]!, ref.modelStarts[last]! + ref.all[last]!.data.length];
  });
  return { html: dom.serialize(), text: edited, truth, skipped, applied, duplicates };
}
