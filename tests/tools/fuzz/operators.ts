/**
 * The mutation operators: text damage (cut, flip, insert, delete, wrap) and structural changes
 * (types, missing fields, duplicates, deep nesting, prototype keys, versions, contexts, times,
 * hostile text) with the value pools they draw from. Test tooling, pure.
 */
import type { Rng } from '../../support/random';
import { HOSTILE_TAGS, HOSTILE_TEXT, HOSTILE_URLS } from '../../fixtures/hostile';
import {
  describePath,
  getAt,
  isObj,
  rawValue,
  randomPath,
  recordLists,
  setAt,
  short,
  typeName,
  type Draft,
  type Obj,
  type Path,
} from './draft';
import {
  MB,
  REQUIRED_KEYS,
  TIME_KEYS,
  CHARS,
  SNIPPETS,
  WEIRD_TIMES,
  WEIRD_NUMBERS,
  VERSIONS,
  CONTEXTS,
  FORMATS,
  W3C_TYPES,
} from './pools';

export interface StructOp {
  name: string;
  weight: number;
  struct: (draft: Draft) => void;
}
export interface TextOp {
  name: string;
  weight: number;
  text: (rng: Rng, text: string) => { text: string; detail: string };
}

export function pickWeighted<T extends { weight: number }>(rng: Rng, items: readonly T[]): T {
  let r = rng.next() * items.reduce((n, i) => n + i.weight, 0);
  for (const item of items) {
    r -= item.weight;
    if (r < 0) return item;
  }
  return items[items.length - 1]!;
}

function otherType(rng: Rng, value: unknown): unknown {
  const options: unknown[] = [
    'x',
    rng.pick(HOSTILE_TEXT.filter((c) => c.text.length < MB)).text,
    '',
    0,
    -1,
    1.5,
    2 ** 53 + 2,
    null,
    true,
    false,
    [],
    [value],
    {},
    { value },
  ];
  const different = options.filter((o) => typeName(o) !== typeName(value));
  return rng.pick(different);
}

export function huge(draft: Draft): void {
  const target = randomPath(draft, (v) => typeof v === 'string');
  const size = draft.rng.next() < 0.5 ? 10 * MB : 10 * MB + 1;
  const text = draft.rng.next() < 0.5 ? 'x'.repeat(size) : '<b>'.repeat(Math.ceil(size / 3));
  if (target) setAt(draft, target.path, text);
  else draft.root = text;
  draft.notes.push(
    `huge ${(text.length / MB).toFixed(1)} MB string at ${describePath(target?.path ?? [])}`,
  );
}

export const OPERATORS: readonly (StructOp | TextOp)[] = [
  {
    name: 'truncate',
    weight: 3,
    text: (rng, text) => {
      const at = rng.int(0, Math.max(0, text.length - 1));
      return { text: text.slice(0, at), detail: `at ${at}/${text.length}` };
    },
  },
  {
    name: 'flip',
    weight: 3,
    text: (rng, text) => {
      const chars = text.split('');
      const spots: string[] = [];
      for (let n = rng.int(1, 8); n > 0 && chars.length; n--) {
        const at = rng.int(0, chars.length - 1);
        const c = rng.pick(CHARS);
        spots.push(`${at}:${JSON.stringify(chars[at])}→${JSON.stringify(c)}`);
        chars[at] = c;
      }
      return { text: chars.join(''), detail: spots.join(' ') };
    },
  },
  {
    name: 'insert',
    weight: 2,
    text: (rng, text) => {
      const spots: string[] = [];
      for (let n = rng.int(1, 3); n > 0; n--) {
        const at = rng.int(0, text.length);
        const s = rng.pick(SNIPPETS);
        spots.push(`${at}:${JSON.stringify(s)}`);
        text = text.slice(0, at) + s + text.slice(at);
      }
      return { text, detail: spots.join(' ') };
    },
  },
  {
    name: 'delete',
    weight: 2,
    text: (rng, text) => {
      const at = rng.int(0, Math.max(0, text.length - 1));
      const n = rng.int(1, 50);
      return { text: text.slice(0, at) + text.slice(at + n), detail: `${n} at ${at}` };
    },
  },
  {
    name: 'wrap',
    weight: 1,
    text: (rng, text) => {
      const how = rng.int(0, 5);
      const out = [
        `\uFEFF${text}`,
        `  \n${text}\n\n`,
        `${text}\n{"more":1}`,
        `[${text}]`,
        `{"items":${text}}`,
        `${text}${text}`,
      ][how]!;
      return {
        text: out,
        detail: ['bom', 'whitespace', 'trailing json', 'in array', 'in items', 'twice'][how]!,
      };
    },
  },
  {
    name: 'swapType',
    weight: 6,
    struct: (draft) => {
      const target = randomPath(draft);
      if (!target) return;
      const next = otherType(draft.rng, target.value);
      setAt(draft, target.path, next);
      draft.notes.push(
        `swapType ${describePath(target.path)}: ${typeName(target.value)} → ${short(next)}`,
      );
    },
  },
  {
    name: 'dropField',
    weight: 5,
    struct: (draft) => {
      const important = randomPath(
        draft,
        (_v, path) =>
          REQUIRED_KEYS.includes(String(path[path.length - 1])) &&
          typeof path[path.length - 1] === 'string',
      );
      const target =
        draft.rng.next() < 0.8 && important
          ? important
          : randomPath(draft, (_v, path) => typeof path[path.length - 1] === 'string');
      if (!target) return;
      const parent = getAt(draft.root, target.path.slice(0, -1)) as Obj;
      delete parent[target.path[target.path.length - 1] as string];
      draft.notes.push(`dropField ${describePath(target.path)}`);
    },
  },
  {
    name: 'duplicate',
    weight: 4,
    struct: (draft) => {
      const lists = recordLists(draft.root).filter((l) => l.list.length > 0);
      if (!lists.length) return;
      const { path, list } = draft.rng.pick(lists);
      const from = draft.rng.int(0, list.length - 1);
      const copy = structuredClone(list[from]) as unknown;
      const how = draft.rng.int(0, 3);
      if (isObj(copy)) {
        if (how === 1) {
          copy.note = 'changed in a duplicate';
          copy.updated = '2031-01-01T00:00:00.000Z';
          copy.modified = '2031-01-01T00:00:00.000Z';
        } else if (how === 2) {
          copy.updated = '2001-01-01T00:00:00.000Z';
          copy.lastSeen = '2001-01-01T00:00:00.000Z';
        } else if (how === 3) {
          copy.url = 'https://duplicate.example/other';
          copy.title = 'Another title';
        }
      }
      const at = draft.rng.int(0, list.length);
      list.splice(at, 0, copy);
      draft.notes.push(
        `duplicate ${describePath([...path, from])} at ${at} (${['same', 'newer, edited', 'older', 'other url'][how]})`,
      );
    },
  },
  {
    name: 'stealId',
    weight: 2,
    struct: (draft) => {
      const lists = recordLists(draft.root).filter((l) => l.list.filter(isObj).length > 1);
      if (!lists.length) return;
      const { path, list } = draft.rng.pick(lists);
      const a = draft.rng.int(0, list.length - 1);
      const b = draft.rng.int(0, list.length - 1);
      const ra = list[a];
      const rb = list[b];
      if (!isObj(ra) || !isObj(rb)) return;
      const key = 'id' in rb ? 'id' : 'url';
      ra[key] = rb[key];
      draft.notes.push(`stealId ${describePath([...path, a])}.${key} = that of [${b}]`);
    },
  },
  {
    name: 'deepNest',
    weight: 2,
    struct: (draft) => {
      const target = randomPath(draft);
      const depth = draft.rng.pick([64, 1_000, 20_000, 200_000]);
      const raw =
        draft.rng.next() < 0.5
          ? '['.repeat(depth) + ']'.repeat(depth)
          : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
      setAt(draft, target?.path ?? [], rawValue(draft, raw));
      draft.notes.push(`deepNest ${depth} levels at ${describePath(target?.path ?? [])}`);
    },
  },
  {
    name: 'protoKeys',
    weight: 3,
    struct: (draft) => {
      const target =
        draft.rng.next() < 0.3 ? { path: [] as Path, value: draft.root } : randomPath(draft, isObj);
      if (!target || !isObj(target.value)) return;
      const key = draft.rng.pick([
        '__proto__',
        'constructor',
        'prototype',
        '__defineGetter__',
        'hasOwnProperty',
        'toString',
      ]);
      const value = draft.rng.pick<unknown>([
        { polluted: true },
        { prototype: { polluted: true } },
        'polluted',
        null,
        1,
      ]);
      Object.defineProperty(target.value, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      draft.notes.push(`protoKeys ${describePath(target.path)}.${key} = ${short(value)}`);
    },
  },
  {
    name: 'version',
    weight: 2,
    struct: (draft) => {
      if (!isObj(draft.root)) return;
      const value = draft.rng.pick(VERSIONS);
      draft.root.version = value;
      draft.notes.push(`version = ${short(value)}`);
    },
  },
  {
    name: 'format',
    weight: 2,
    struct: (draft) => {
      if (!isObj(draft.root)) return;
      const key = 'format' in draft.root ? 'format' : 'type';
      const value = draft.rng.pick(key === 'format' ? FORMATS : W3C_TYPES);
      if (draft.rng.next() < 0.2) delete draft.root[key];
      else draft.root[key] = value;
      draft.notes.push(`format ${key} = ${key in draft.root ? short(value) : '(dropped)'}`);
    },
  },
  {
    name: 'context',
    weight: 2,
    struct: (draft) => {
      const target =
        draft.rng.next() < 0.4
          ? { path: [] as Path, value: draft.root }
          : randomPath(draft, (v) => isObj(v) && '@context' in v);
      if (!target || !isObj(target.value)) return;
      const value = draft.rng.pick(CONTEXTS);
      target.value['@context'] = value;
      draft.notes.push(`context ${describePath(target.path)}.@context = ${short(value)}`);
    },
  },
  {
    name: 'lists',
    weight: 2,
    struct: (draft) => {
      const lists = recordLists(draft.root).filter((l) => l.path.length > 0);
      if (!lists.length) return;
      const { path, list } = draft.rng.pick(lists);
      const how = draft.rng.int(0, 4);
      const value = [null, {}, '[]', [], list.slice().reverse()][how];
      setAt(draft, path, value);
      draft.notes.push(
        `lists ${describePath(path)} = ${['null', '{}', '"[]"', '[]', 'reversed'][how]}`,
      );
    },
  },
  {
    name: 'times',
    weight: 3,
    struct: (draft) => {
      const target = randomPath(draft, (_v, path) =>
        TIME_KEYS.includes(String(path[path.length - 1])),
      );
      if (!target) return;
      const value = draft.rng.pick(WEIRD_TIMES);
      setAt(draft, target.path, value);
      draft.notes.push(`times ${describePath(target.path)} = ${short(value)}`);
    },
  },
  {
    name: 'numbers',
    weight: 2,
    struct: (draft) => {
      const target = randomPath(draft, (v) => typeof v === 'number');
      if (!target) return;
      const raw = draft.rng.next() < 0.2;
      const value = raw
        ? rawValue(draft, draft.rng.pick(['1e400', '-1e400', '1E2', '0.0', '-0']))
        : draft.rng.pick(WEIRD_NUMBERS);
      setAt(draft, target.path, value);
      draft.notes.push(
        `numbers ${describePath(target.path)} = ${raw ? draft.raw.get(value as string) : short(value)}`,
      );
    },
  },
  {
    name: 'hostile',
    weight: 5,
    struct: (draft) => {
      const target = randomPath(draft, (v) => typeof v === 'string');
      if (!target) return;
      const key = String(target.path[target.path.length - 1]);
      const inTags = target.path.includes('tags');
      const value =
        key === 'url' ||
        key === 'source' ||
        key === 'id' ||
        (typeof target.path[target.path.length - 1] === 'number' && target.path.includes('aliases'))
          ? draft.rng.pick(HOSTILE_URLS).text
          : inTags
            ? draft.rng.pick(HOSTILE_TAGS)
            : draft.rng.pick(HOSTILE_TEXT).text;
      setAt(draft, target.path, value);
      draft.notes.push(`hostile ${describePath(target.path)} = ${short(value)}`);
    },
  },
  {
    name: 'shuffle',
    weight: 1,
    struct: (draft) => {
      const lists = recordLists(draft.root).filter((l) => l.list.length > 1);
      if (!lists.length) return;
      const { path, list } = draft.rng.pick(lists);
      draft.rng.shuffle(list);
      draft.notes.push(`shuffle ${describePath(path)}`);
    },
  },
];
