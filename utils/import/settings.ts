/**
 * Settings carried in a backup: any plain JSON object the caller keeps (the options page's
 * `storage.local` settings). Validated as data only — what the keys mean is the caller's to check
 * (e.g. `parseSettings` in utils/store/settings.ts). Pure.
 */
import { ValidationError } from '../core/validate';
import { wellFormed } from '../export/text';

export const SETTINGS_LIMITS = {
  /** Characters of the settings as JSON. */
  chars: 1_000_000,
  /** Nesting depth of objects and arrays. */
  depth: 16,
} as const;

/** Keys that could reach an object's prototype when the caller merges settings into another. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export interface SettingsRead {
  settings: Record<string, unknown>;
  /** Keys refused (unsafe names), as `a.b.__proto__` paths. */
  dropped: string[];
}

/**
 * A clean copy of a settings object: plain objects, arrays, strings, finite numbers, booleans and
 * null only; lone surrogates replaced by U+FFFD; `__proto__`, `constructor` and `prototype` keys
 * dropped (and listed). Throws ValidationError for anything else or for an object too big.
 */
export function readSettings(value: unknown): SettingsRead {
  if (!isPlainObject(value)) throw new ValidationError('settings must be a JSON object');
  const dropped: string[] = [];
  let size = 0;
  const copy = (item: unknown, path: string, depth: number): unknown => {
    if (depth > SETTINGS_LIMITS.depth) {
      throw new ValidationError(`settings are nested deeper than ${SETTINGS_LIMITS.depth} levels`);
    }
    if (size > SETTINGS_LIMITS.chars) {
      throw new ValidationError(`settings are larger than ${SETTINGS_LIMITS.chars} characters`);
    }
    if (item === null || typeof item === 'boolean') {
      size += 5;
      return item;
    }
    if (typeof item === 'number') {
      if (!Number.isFinite(item)) throw new ValidationError(`settings ${path} is not a number`);
      size += 10;
      return item;
    }
    if (typeof item === 'string') {
      size += item.length + 2;
      if (size > SETTINGS_LIMITS.chars) {
        throw new ValidationError(`settings are larger than ${SETTINGS_LIMITS.chars} characters`);
      }
      return wellFormed(item);
    }
    if (Array.isArray(item)) {
      size += 2;
      return item.map((v, i) => copy(v, `${path}[${i}]`, depth + 1));
    }
    if (isPlainObject(item)) {
      size += 2;
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(item)) {
        const at = path ? `${path}.${key}` : key;
        if (UNSAFE_KEYS.has(key)) {
          dropped.push(at);
          continue;
        }
        size += key.length + 3;
        Object.defineProperty(out, wellFormed(key), {
          value: copy(item[key], at, depth + 1),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
    throw new ValidationError(`settings ${path || 'value'} is not JSON data`);
  };
  return { settings: copy(value, '', 0) as Record<string, unknown>, dropped };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
