import { describe, expect, it } from 'vitest';
import { uuidV4 } from '../../../utils/core/uuid';

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
