/**
 * Mutated import files for fuzzing: from a valid file (a Claimmark backup or W3C annotations),
 * files damaged the ways real ones are — cut off, bytes flipped, fields of the wrong type or
 * missing, records duplicated, 10 MB strings, deep nesting, `__proto__` keys, unknown versions,
 * a wrong `@context` — and hostile text in any field. Deterministic: `mutationAt(seed, base, i)`
 * always gives the same file, so a failure is replayed from its seed and index alone.
 *
 *   for (const m of mutations(42, text)) { … m.name, m.detail, m.text … }
 */

import { createRng } from '../../support/random';
import { serialize, type Draft } from './draft';
import { huge, OPERATORS, pickWeighted, type TextOp } from './operators';

export interface Mutation {
  /** Position in the sequence of `seed` (with `seed`, all it takes to make this file again). */
  index: number;
  seed: number;
  /** The operators applied, e.g. `swapType+truncate`. */
  name: string;
  /** What each did, where: `swapType annotations[3].note: string → null; truncate at 812/4410`. */
  detail: string;
  text: string;
}

export interface MutationOptions {
  /** Whether this mutation may be a 10 MB string (default false: it is slow, use it rarely). */
  huge?: boolean;
}

export interface GeneratorOptions {
  /** Every how many mutations one is a 10 MB string (default 500; 0 = never). */
  hugeEvery?: number;
}

/** The `i`-th mutation of `base` for `seed`. */
export function mutationAt(
  seed: number,
  base: string,
  index: number,
  options: MutationOptions = {},
): Mutation {
  const rng = createRng(mix(seed, index));
  const draft: Draft = { rng, root: parse(base), raw: new Map(), base, notes: [] };
  const names: string[] = [];
  const textOps: TextOp[] = [];
  if (options.huge) {
    huge(draft);
    names.push('huge');
  } else {
    // One operator most of the time, else 2–4. Text damage is applied last (it breaks the JSON
    // the structural operators work on), at most twice.
    const count = rng.next() < 0.7 ? 1 : rng.int(2, 4);
    for (let k = 0; k < count; k++) {
      const op = pickWeighted(rng, OPERATORS);
      if ('text' in op) {
        if (textOps.length === 2) continue;
        textOps.push(op);
      } else if (draft.root !== undefined) op.struct(draft);
      else continue;
      names.push(op.name);
    }
  }
  let text = serialize(draft);
  for (const op of textOps) {
    const out = op.text(rng, text);
    draft.notes.push(`${op.name} ${out.detail}`);
    text = out.text;
  }
  return { index, seed, name: names.join('+'), detail: draft.notes.join('; '), text };
}

/** Mutations of `base` for `seed`, one after another (endless: take as many as you need). */
export function* mutations(
  seed: number,
  base: string,
  options: GeneratorOptions = {},
): Generator<Mutation, never, undefined> {
  const hugeEvery = options.hugeEvery ?? 500;
  for (let index = 0; ; index++) {
    yield mutationAt(seed, base, index, {
      huge: hugeEvery > 0 && index % hugeEvery === hugeEvery - 1,
    });
  }
}

/** A 32-bit seed for mutation `index` of `seed` (splitmix-style, so neighbours differ). */
function mix(seed: number, index: number): number {
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** JSON text of the draft, with the raw pieces spliced in where their markers stand. */
