import { describe, expect, it } from 'vitest';
import { mergePage, planImport, type LibraryView } from '../../../utils/import/plan';
import type { ParsedImport } from '../../../utils/import/types';
import type { Annotation } from '../../../utils/core/model';
import { claim, page } from '../../support/demo';

const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function parsed(fields: Partial<ParsedImport>): ParsedImport {
  return {
    format: 'claimmark-backup',
    version: 1,
    pages: [],
    annotations: [],
    rejections: [],
    warnings: [],
    ...fields,
  };
}

function library(
  pages = [page({ url: 'https://a.example/' })],
  annotations: Annotation[] = [],
): LibraryView {
  const view: LibraryView = { pages: new Map(), aliasOwners: new Map(), annotations: new Map() };
  for (const p of pages) {
    view.pages.set(p.url, p);
    for (const alias of p.aliases) view.aliasOwners.set(alias, p.url);
  }
  for (const a of annotations) view.annotations.set(a.id, a);
  return view;
}

describe('planImport', () => {
  it('counts new, updated, unchanged and kept claims (conflict policy "newer")', () => {
    const stored = [
      claim({ id: ID(1), url: 'https://a.example/', quote: 'same' }),
      claim({
        id: ID(2),
        url: 'https://a.example/',
        quote: 'old',
        updated: '2025-01-01T00:00:00.000Z',
      }),
      claim({
        id: ID(3),
        url: 'https://a.example/',
        quote: 'mine',
        updated: '2025-06-01T00:00:00.000Z',
      }),
    ];
    const incoming = [
      stored[0]!,
      { ...stored[1]!, quote: 'new text', updated: '2025-02-01T00:00:00.000Z' },
      { ...stored[2]!, quote: 'theirs', updated: '2025-05-01T00:00:00.000Z' },
      claim({ id: ID(4), url: 'https://a.example/', quote: 'fresh' }),
    ];
    const plan = planImport(parsed({ annotations: incoming }), library(undefined, stored));
    expect(plan.summary.annotations).toEqual({
      new: 1,
      updated: 1,
      unchanged: 1,
      kept: 1,
      rejected: 0,
    });
    expect(plan.annotations.map((a) => a.quote)).toEqual(['new text', 'fresh']);
    expect(
      planImport(parsed({ annotations: incoming }), library(undefined, stored), 'replace').summary
        .annotations,
    ).toMatchObject({ updated: 2, kept: 0 });
    expect(
      planImport(parsed({ annotations: incoming }), library(undefined, stored), 'keep').summary
        .annotations,
    ).toMatchObject({ updated: 0, kept: 2 });
  });

  it('takes a copy edited at the same time but anchored later', () => {
    const stored = claim({
      id: ID(1),
      quote: 'q',
      anchor: { status: 'orphan', at: '2025-01-01T00:00:00.000Z' },
    });
    const incoming = {
      ...stored,
      anchor: { status: 'exact' as const, at: '2025-02-01T00:00:00.000Z' },
    };
    expect(
      planImport(parsed({ annotations: [incoming] }), library([], [stored])).summary.annotations
        .updated,
    ).toBe(1);
    expect(
      planImport(parsed({ annotations: [stored] }), library([], [incoming])).summary.annotations
        .kept,
    ).toBe(1);
  });

  it('attaches claims to the stored page that has their URL as an alias', () => {
    const stored = page({
      url: 'https://a.example/story',
      aliases: ['https://a.example/amp/story'],
    });
    const plan = planImport(
      parsed({
        format: 'w3c',
        pages: [page({ url: 'https://a.example/amp/story', title: 'From file' })],
        annotations: [claim({ id: ID(1), url: 'https://a.example/amp/story', quote: 'q' })],
      }),
      library([stored]),
    );
    expect(plan.annotations[0]!.url).toBe('https://a.example/story');
    expect(plan.pages).toEqual([{ ...stored, title: 'From file' }]);
    expect(plan.summary.pages).toEqual({ new: 0, updated: 1, unchanged: 0, rejected: 0 });
  });

  it('makes a page for a claim whose page is neither in the file nor stored', () => {
    const plan = planImport(
      parsed({
        annotations: [
          claim({
            id: ID(1),
            url: 'https://new.example/',
            quote: 'a',
            created: '2025-01-02T00:00:00.000Z',
            updated: '2025-01-02T00:00:00.000Z',
          }),
          claim({
            id: ID(2),
            url: 'https://new.example/',
            quote: 'b',
            created: '2025-01-01T00:00:00.000Z',
            updated: '2025-01-05T00:00:00.000Z',
          }),
        ],
      }),
      library([]),
    );
    expect(plan.pages).toEqual([
      page({
        url: 'https://new.example/',
        firstSeen: '2025-01-01T00:00:00.000Z',
        lastSeen: '2025-01-05T00:00:00.000Z',
      }),
    ]);
  });

  it('compares W3C claims by content and keeps their stored anchoring state', () => {
    const stored = claim({
      id: ID(1),
      quote: 'q',
      start: 3,
      anchor: { status: 'exact', at: '2025-01-01T00:00:00.000Z' },
    });
    const fromW3C: Annotation = {
      ...stored,
      created: '2026-01-01T00:00:00.000Z',
      updated: '2026-01-01T00:00:00.000Z',
    };
    delete fromW3C.anchor;
    expect(
      planImport(parsed({ format: 'w3c', annotations: [fromW3C] }), library([], [stored])).summary
        .annotations.unchanged,
    ).toBe(1);
    const edited = planImport(
      parsed({ format: 'w3c', annotations: [{ ...fromW3C, note: 'new' }] }),
      library([], [stored]),
    );
    expect(edited.annotations[0]).toEqual({ ...fromW3C, note: 'new', anchor: stored.anchor });
  });

  it('passes settings, rejections and warnings through to the summary', () => {
    const plan = planImport(
      parsed({
        settings: { a: 1 },
        rejections: [
          { kind: 'annotation', index: 0, reason: 'r' },
          { kind: 'page', index: 1, reason: 'p' },
        ],
        warnings: ['w'],
      }),
      library([]),
    );
    expect(plan.summary).toMatchObject({
      settings: { a: 1 },
      warnings: ['w'],
      annotations: { rejected: 1 },
      pages: { rejected: 1 },
    });
  });
});

describe('mergePage', () => {
  it('fills empty metadata, adds aliases, widens times, and is idempotent', () => {
    const stored = page({
      url: 'https://a.example/',
      title: 'Mine',
      firstSeen: '2025-02-01T00:00:00.000Z',
      lastSeen: '2025-02-02T00:00:00.000Z',
    });
    const incoming = page({
      url: 'https://a.example/',
      aliases: ['https://a.example/?amp'],
      title: 'Theirs',
      byline: 'Ann',
      firstSeen: '2025-01-01T00:00:00.000Z',
      lastSeen: '2025-03-01T00:00:00.000Z',
    });
    const merged = mergePage(stored, incoming, true);
    expect(merged).toEqual({
      ...stored,
      aliases: ['https://a.example/?amp'],
      byline: 'Ann',
      firstSeen: '2025-01-01T00:00:00.000Z',
      lastSeen: '2025-03-01T00:00:00.000Z',
    });
    expect(mergePage(merged, incoming, true)).toEqual(merged);
    expect(mergePage(stored, incoming, false).firstSeen).toBe(stored.firstSeen);
  });
});
