/** Exports carry who saved a synced claim (its CouchDB user) and the notes of a sync conflict. */
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../../utils/export/csv';
import { toMarkdown } from '../../../utils/export/markdown';
import { toW3CAnnotation } from '../../../utils/export/w3c';
import { cleanAnnotation } from '../../../utils/export/records';
import { readBackupAnnotation } from '../../../utils/import/records';
import { parseCsv } from '../../tools/csv';
import { claim, page } from '../../support/demo';

const synced = claim({
  quote: '$17 billion',
  url: 'https://news.example/a',
  author: 'alice_*team*',
  otherNotes: [{ note: 'bob’s version', author: 'bob', updated: '2026-01-02T00:00:00.000Z' }],
});

describe('author in exports', () => {
  it('CSV has an author column', () => {
    const rows = parseCsv(toCsv([page({ url: synced.url })], [synced]));
    expect(rows[0]!.at(-1)).toBe('author');
    expect(rows[1]!.at(-1)).toBe('alice_*team*');
  });

  it('Markdown says who saved it, escaped', () => {
    const md = toMarkdown([page({ url: synced.url })], [synced]);
    expect(md).toContain('saved by alice\\_\\*team\\*');
  });

  it('W3C names the creator', () => {
    expect(toW3CAnnotation(synced).creator).toEqual({ type: 'Person', name: 'alice_*team*' });
    expect(toW3CAnnotation({ ...synced, author: undefined }).creator).toBeUndefined();
  });

  it('a backup keeps the author and the other notes, and reads them back', () => {
    const backup = JSON.parse(JSON.stringify(cleanAnnotation(synced))) as unknown;
    const read = readBackupAnnotation(backup);
    expect(read.author).toBe('alice_*team*');
    expect(read.otherNotes).toEqual(synced.otherNotes);
    expect(() => readBackupAnnotation({ ...(backup as object), author: 7 })).toThrow('author');
  });
});
