import { describe, expect, it } from 'vitest';
import { isUuid, UUID_PATTERN, uuidV4 } from '../../../utils/core/uuid';
import { readUuid } from '../../../utils/core/validate';
import { parseRequest } from '../../../utils/protocol/to-background';
import { parseContentMessage } from '../../../utils/protocol/to-content';

describe('uuidV4', () => {
  it('formats 16 random bytes as an RFC 4122 version 4 UUID', () => {
    expect(uuidV4((b) => b.fill(0xff))).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
    expect(uuidV4((b) => b.fill(0))).toBe('00000000-0000-4000-8000-000000000000');
  });

  it('is unique over many draws from crypto.getRandomValues', () => {
    const ids = new Set(
      Array.from({ length: 1000 }, () => uuidV4((b) => crypto.getRandomValues(b))),
    );
    expect(ids.size).toBe(1000);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('the one UUID pattern', () => {
  const good = ['0f8fad5b-d9cb-469f-a165-70867728950e', '0F8FAD5B-D9CB-469F-A165-70867728950E'];
  const bad = [
    '',
    'x',
    '0f8fad5b-d9cb-469f-a165-70867728950',
    '0f8fad5bd9cb469fa16570867728950e',
    ' 0f8fad5b-d9cb-469f-a165-70867728950e',
    '0f8fad5b-d9cb-469f-a165-70867728950e\n',
    'g f8fad5b-d9cb-469f-a165-70867728950e',
  ];

  it('accepts what uuidV4 makes and any UUID in either case; nothing else', () => {
    expect(isUuid(uuidV4((b) => crypto.getRandomValues(b)))).toBe(true);
    for (const id of good) expect(isUuid(id), id).toBe(true);
    for (const id of bad) expect(isUuid(id), JSON.stringify(id)).toBe(false);
    expect(isUuid(42)).toBe(false);
  });

  it('is what messages in both directions and imports check ids against', () => {
    for (const id of [...good, ...bad]) {
      const expected = isUuid(id);
      expect(parseRequest({ type: 'annotation:delete', payload: { id } }).ok, id).toBe(expected);
      expect(parseContentMessage({ type: 'content:scroll-to', payload: { id } }).ok, id).toBe(
        expected,
      );
      if (expected) expect(readUuid({ id })).toBe(id);
      else expect(() => readUuid({ id })).toThrow(/must be a UUID|must not be empty/);
    }
    expect(UUID_PATTERN.flags).toContain('i');
  });
});
