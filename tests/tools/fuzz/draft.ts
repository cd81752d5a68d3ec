/**
 * A file being mutated (see mutate.ts): its parsed value, raw JSON to splice in, notes of what
 * was done; and helpers to find and change values by path. Test tooling, pure.
 */
import type { Rng } from '../../support/random';

export type Path = (string | number)[];
export type Obj = Record<string, unknown>;

/** A file being mutated: its parsed value, plus raw JSON to splice in where markers stand. */
export interface Draft {
  rng: Rng;
  root: unknown;
  raw: Map<string, string>;
  base: string;
  notes: string[];
}

/** Keys of the lists that hold records: a backup's pages and claims, W3C items. */
const RECORD_LISTS = ['annotations', 'pages', 'items'];

/** JSON text of the draft, with the raw pieces spliced in where their markers stand. */
export function serialize(draft: Draft): string {
  if (draft.root === undefined) return draft.base;
  let text = JSON.stringify(draft.root, null, draft.rng.next() < 0.5 ? 1 : undefined);
  for (const [marker, raw] of draft.raw) text = text.split(JSON.stringify(marker)).join(raw);
  return text;
}

export function rawValue(draft: Draft, raw: string): string {
  const marker = `\u0001fuzz-raw-${draft.raw.size}\u0001`;
  draft.raw.set(marker, raw);
  return marker;
}

export function describePath(path: Path): string {
  return (
    path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join('') || '(root)'
  );
}

export function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every path under `root` (not the root), at most `limit`. */
export function pathsOf(root: unknown, limit = 20_000): { path: Path; value: unknown }[] {
  const out: { path: Path; value: unknown }[] = [];
  const walk = (value: unknown, path: Path) => {
    if (out.length >= limit) return;
    if (path.length) out.push({ path, value });
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
    else if (isObj(value)) for (const k of Object.keys(value)) walk(value[k], [...path, k]);
  };
  walk(root, []);
  return out;
}

export function getAt(root: unknown, path: Path): unknown {
  let node = root;
  for (const key of path) node = (node as Record<string | number, unknown>)[key];
  return node;
}

export function setAt(draft: Draft, path: Path, value: unknown): void {
  if (path.length === 0) {
    draft.root = value;
    return;
  }
  const parent = getAt(draft.root, path.slice(0, -1)) as Record<string | number, unknown>;
  Object.defineProperty(parent, path[path.length - 1]!, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** The record lists of the file: a backup's pages and annotations, W3C items, a root array. */
export function recordLists(root: unknown): { path: Path; list: unknown[] }[] {
  const out: { path: Path; list: unknown[] }[] = [];
  if (Array.isArray(root)) out.push({ path: [], list: root });
  for (const { path, value } of pathsOf(root, 5_000)) {
    if (Array.isArray(value) && RECORD_LISTS.includes(String(path[path.length - 1]))) {
      out.push({ path, list: value });
    }
  }
  return out;
}

export function randomPath(
  draft: Draft,
  filter: (value: unknown, path: Path) => boolean = () => true,
) {
  const all = pathsOf(draft.root).filter(({ value, path }) => filter(value, path));
  return all.length ? draft.rng.pick(all) : undefined;
}

export function typeName(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

export function short(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}
