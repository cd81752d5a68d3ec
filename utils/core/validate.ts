/**
 * Small validators for untrusted data (messages, and later imported files). Pure: each reader
 * returns a clean copy of exactly the fields it knows, or throws ValidationError with a message
 * a person can act on. Nothing unknown is copied through (no `__proto__` surprises).
 */
import type { PageMetadata, Selector } from './model';
import { UUID_PATTERN } from './uuid';

export class ValidationError extends Error {
  override name = 'ValidationError';
}

export function asRecord(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ValidationError(`${what} must be an object`);
  }
  return value as Record<string, unknown>;
}

export function readString(
  record: Record<string, unknown>,
  key: string,
  max: number,
  allowEmpty = false,
): string {
  const value = record[key];
  if (typeof value !== 'string') throw new ValidationError(`${key} must be a string`);
  if (!allowEmpty && value.length === 0) throw new ValidationError(`${key} must not be empty`);
  if (value.length > max) throw new ValidationError(`${key} is longer than ${max} characters`);
  return value;
}

export function readInteger(record: Record<string, unknown>, key: string): number {
  const value = record[key];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new ValidationError(`${key} must be a non-negative integer`);
  }
  return value;
}

export function readStringArray(
  record: Record<string, unknown>,
  key: string,
  maxItems: number,
  maxLength: number,
): string[] {
  const value = record[key];
  if (!Array.isArray(value)) throw new ValidationError(`${key} must be an array`);
  if (value.length > maxItems) throw new ValidationError(`${key} has more than ${maxItems} items`);
  return value.map((item: unknown, index) => {
    if (typeof item !== 'string' || item.length === 0 || item.length > maxLength) {
      throw new ValidationError(
        `${key}[${index}] must be a string of 1 to ${maxLength} characters`,
      );
    }
    return item;
  });
}

export function readSelectors(record: Record<string, unknown>, maxQuote: number): Selector[] {
  const value = record.selectors;
  if (!Array.isArray(value) || value.length === 0 || value.length > 4) {
    throw new ValidationError('selectors must be a non-empty array');
  }
  const selectors = value.map((item): Selector => {
    const s = asRecord(item, 'selector');
    if (s.type === 'TextQuoteSelector') {
      return {
        type: 'TextQuoteSelector',
        exact: readString(s, 'exact', maxQuote),
        prefix: readString(s, 'prefix', 1_000, true),
        suffix: readString(s, 'suffix', 1_000, true),
      };
    }
    if (s.type === 'TextPositionSelector') {
      const start = readInteger(s, 'start');
      const end = readInteger(s, 'end');
      if (end <= start) throw new ValidationError('TextPositionSelector end must be after start');
      return { type: 'TextPositionSelector', start, end };
    }
    throw new ValidationError('selector type must be TextQuoteSelector or TextPositionSelector');
  });
  if (!selectors.some((s) => s.type === 'TextQuoteSelector')) {
    throw new ValidationError('selectors must include a TextQuoteSelector');
  }
  return selectors;
}

const METADATA_LIMITS: Record<keyof PageMetadata, number> = {
  title: 1_000,
  byline: 500,
  siteName: 500,
  publishedTime: 100,
  lang: 50,
  excerpt: 2_000,
};

export function readOptionalMetadata(value: unknown): PageMetadata | undefined {
  if (value === undefined) return undefined;
  const record = asRecord(value, 'metadata');
  const out = {} as PageMetadata;
  for (const key of Object.keys(METADATA_LIMITS) as (keyof PageMetadata)[]) {
    out[key] = readString(record, key, METADATA_LIMITS[key], true);
  }
  return out;
}

/** `record[key]` as a UUID (utils/core/uuid.ts), or a ValidationError. */
export function readUuid(record: Record<string, unknown>, key = 'id'): string {
  const id = readString(record, key, 100);
  if (!UUID_PATTERN.test(id)) throw new ValidationError(`${key} must be a UUID`);
  return id;
}
