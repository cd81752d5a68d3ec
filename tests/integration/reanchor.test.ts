import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toBackupJson } from '../../utils/export/json';
import { readFileSync } from 'node:fs';
import { applyImport, parseImport, previewImport } from '../../utils/import';
import { openDatabase, type ClaimmarkDB } from '../../utils/store/db';
import { createHandlers, dispatch } from '../../utils/store/handlers';
import type { Handlers } from '../../utils/protocol/rpc';
import type { Protocol } from '../../utils/protocol/to-background';
import { parseContentMessage } from '../../utils/protocol/to-content';

const URL_A = 'https://example.com/story';
const ID = '0b7a6f1e-3c2d-4e5f-8a9b-0c1d2e3f4a5b';
const OLD = [
  { type: 'TextQuoteSelector' as const, exact: '$17 billion', prefix: 'goal of ', suffix: ' in' },
  { type: 'TextPositionSelector' as const, start: 100, end: 111 },
];
const NEW = [
  {
    type: 'TextQuoteSelector' as const,
    exact: 'its ambitious goal of $17 billion in sales',
    prefix: 'missed ',
    suffix: '. Now',
  },
  { type: 'TextPositionSelector' as const, start: 89, end: 131 },
];

let db: ClaimmarkDB;
let handlers: Handlers<Protocol>;
let clock = 0;

beforeEach(async () => {
  db = openDatabase(`test-${crypto.randomUUID()}`);
  clock = 0;
  handlers = createHandlers(db, () => new Date(Date.UTC(2026, 0, 1, 0, 0, clock++)).toISOString());
  await handlers['annotation:save']({
    annotation: {
      id: ID,
      url: URL_A,
      quote: '$17 billion',
      selectors: OLD,
      type: 'figure',
      tags: ['tiktok'],
      note: 'FY2024 target',
    },
  });
  await handlers['annotations:anchored']({ results: [{ id: ID, status: 'orphan' }] });
});

afterEach(async () => {
  await db.delete();
});

describe('annotation:reanchor', () => {
  it('in a PDF, moves the claim to the page of its new words', async () => {
    await db.annotations.update(ID, { pdfPage: { index: 1, label: '2' } });
    const after = await handlers['annotation:reanchor']({
      id: ID,
      quote: 'its ambitious goal of $17 billion in sales',
      selectors: NEW,
      reason: 'reattach',
      pdfPage: { index: 6, label: 'vii' },
    });
    expect(after).toMatchObject({
      pdfPage: { index: 6, label: 'vii' },
      reattached: { quote: '$17 billion' },
    });
    expect((await db.annotations.get(ID))!.pdfPage).toEqual({ index: 6, label: 'vii' });
    // Without a page (a web claim's words), the stored page stays.
    await handlers['annotation:reanchor']({
      id: ID,
      quote: '$17 billion',
      selectors: OLD,
      reason: 'adjust',
    });
    expect((await db.annotations.get(ID))!.pdfPage).toEqual({ index: 6, label: 'vii' });
  });

  it('re-attaches: new words and selectors, the same id, type, tags, note and creation time, the old quote recorded', async () => {
    const before = (await db.annotations.get(ID))!;
    const after = await handlers['annotation:reanchor']({
      id: ID,
      quote: 'its ambitious goal of  $17 billion in sales',
      selectors: NEW,
      reason: 'reattach',
    });
    expect(after).toMatchObject({
      id: ID,
      quote: 'its ambitious goal of $17 billion in sales',
      selectors: NEW,
      type: 'figure',
      tags: ['tiktok'],
      note: 'FY2024 target',
      created: before.created,
      reattached: { at: after.updated, quote: '$17 billion' },
      anchor: { status: 'exact', at: after.updated },
    });
    expect(after.updated > before.updated).toBe(true);
    expect(await db.annotations.get(ID)).toEqual(after);
  });

  it('adjusts (and undoes) without recording a re-attachment', async () => {
    await handlers['annotation:reanchor']({
      id: ID,
      quote: 'its ambitious goal of $17 billion in sales',
      selectors: NEW,
      reason: 'adjust',
    });
    const undone = await handlers['annotation:reanchor']({
      id: ID,
      quote: '$17 billion',
      selectors: OLD,
      reason: 'adjust',
    });
    expect(undone).toMatchObject({ quote: '$17 billion', selectors: OLD, note: 'FY2024 target' });
    expect(undone.reattached).toBeUndefined();
  });

  it('keeps the re-attachment in a backup and reads it back', async () => {
    await handlers['annotation:reanchor']({
      id: ID,
      quote: 'its ambitious goal of $17 billion in sales',
      selectors: NEW,
      reason: 'reattach',
    });
    const stored = (await db.annotations.get(ID))!;
    const parsed = await parseImport(toBackupJson([], [stored]));
    expect(parsed.annotations[0]!.reattached).toEqual(stored.reattached);
  });

  it('refuses untrusted messages that are not a valid re-anchoring, and unknown claims', async () => {
    const bad = [
      { id: ID, quote: 'x', selectors: NEW, reason: 'steal' },
      { id: 'nope', quote: 'x', selectors: NEW, reason: 'adjust' },
      { id: ID, quote: 'x', selectors: [NEW[1]], reason: 'adjust' },
      { id: ID, quote: 'x'.repeat(100_001), selectors: NEW, reason: 'adjust' },
      { id: ID, quote: 'x', selectors: [{ type: 'RangeSelector' }], reason: 'adjust' },
    ];
    for (const payload of bad) {
      const answer = await dispatch(handlers, { type: 'annotation:reanchor', payload });
      expect(answer.ok, JSON.stringify(payload).slice(0, 80)).toBe(false);
    }
    const missing = await dispatch(handlers, {
      type: 'annotation:reanchor',
      payload: {
        id: '1b7a6f1e-3c2d-4e5f-8a9b-0c1d2e3f4a5b',
        quote: 'x',
        selectors: NEW,
        reason: 'adjust',
      },
    });
    expect(missing).toEqual({ ok: false, error: expect.stringMatching(/no claim/) });
    expect((await db.annotations.get(ID))!.quote).toBe('$17 billion');
  });

  it('content:reattach takes only a UUID', () => {
    expect(parseContentMessage({ type: 'content:reattach', payload: { id: ID } }).ok).toBe(true);
    expect(parseContentMessage({ type: 'content:reattach', payload: { id: '<x>' } }).ok).toBe(
      false,
    );
  });

  it('a claim re-attached after an import keeps its new words when the same file is imported again', async () => {
    const file = readFileSync('tests/fixtures/import/hypothesis-export.json', 'utf8');
    const parsed = await parseImport(file, { now: '2026-01-01T00:00:00.000Z' });
    await applyImport(db, parsed);
    const first = parsed.annotations[0]!;
    const moved = await handlers['annotation:reanchor']({
      id: first.id,
      quote: 'ambitious goal of $17 billion',
      selectors: [
        {
          type: 'TextQuoteSelector',
          exact: 'ambitious goal of $17 billion',
          prefix: '',
          suffix: '',
        },
      ],
      reason: 'reattach',
    });
    const again = await previewImport(db, await parseImport(file));
    expect(again.annotations).toMatchObject({ new: 0, updated: 0, kept: 1, unchanged: 4 });
    await applyImport(db, await parseImport(file));
    expect(await db.annotations.get(first.id)).toEqual(moved);
  });
});
