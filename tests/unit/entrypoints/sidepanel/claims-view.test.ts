import { describe, expect, it } from 'vitest';
import {
  claimsView,
  unsettledEdits,
  withEdits,
} from '../../../../entrypoints/sidepanel/claims-view';
import type { ClaimSummary } from '../../../../utils/protocol/to-content';
import { claim } from '../../../support/demo';

const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
const stored = [
  claim({
    id: id(1),
    quote: 'late in page',
    type: 'figure',
    start: 500,
    created: '2025-01-01T00:00:00.000Z',
  }),
  claim({
    id: id(2),
    quote: 'early',
    type: 'quote',
    start: 10,
    created: '2025-01-02T00:00:00.000Z',
  }),
  claim({ id: id(3), quote: 'gone words', type: 'date', start: 50 }),
  claim({ id: id(4), quote: 'just saved', type: 'figure', start: 100 }),
];
const summary = (n: number, status: ClaimSummary['status'], start?: number): ClaimSummary => ({
  id: id(n),
  quote: `content ${n}`,
  type: 'claim',
  tags: [],
  note: '',
  status,
  ...(start === undefined ? {} : { start }),
});
// The content script reports 1, 2 (moved), 3 as orphan, and 9, which the database no longer has.
const content = [
  summary(2, 'exact', 20),
  summary(1, 'approximate', 400),
  summary(3, 'orphan'),
  summary(9, 'exact', 5),
];

describe('side panel claims view', () => {
  it('lists stored claims in page order with the content script status; orphans apart', () => {
    const view = claimsView(content, stored, 'all');
    expect(view.located.map((c) => [c.id, c.status, c.start])).toEqual([
      [id(2), 'exact', 20],
      [id(4), 'pending', 100], // not reported yet: placed by its saved position
      [id(1), 'approximate', 400],
    ]);
    expect(view.orphans.map((c) => c.id)).toEqual([id(3)]);
    // Fresh fields come from the database, not the content script.
    expect(view.located[0]!.quote).toBe('early');
    expect(view.counts).toEqual({ figure: 2, quote: 1, date: 1, forecast: 0, claim: 0 });
    expect(view.located.every((c) => !('created' in c))).toBe(true);
  });

  it('filters by type but counts every type', () => {
    const view = claimsView(content, stored, 'figure');
    expect(view.located.map((c) => c.id)).toEqual([id(4), id(1)]);
    expect(view.orphans).toEqual([]);
    expect(view.counts.quote).toBe(1);
  });

  it('shows the content script list as is until the database answers', () => {
    const view = claimsView(content, null, 'all');
    expect(view.located.map((c) => c.id)).toEqual([id(9), id(2), id(1)]);
    expect(view.counts.claim).toBe(4);
  });

  it('shows pending edits at once and drops them once stored', () => {
    const edits = new Map([
      [id(1), { note: 'new note' }],
      [id(2), { type: 'quote' as const }], // already what is stored
      [id(7), { note: 'claim deleted meanwhile' }],
    ]);
    expect(withEdits(stored, edits).find((a) => a.id === id(1))!.note).toBe('new note');
    const left = unsettledEdits(stored, edits);
    expect([...left.keys()]).toEqual([id(1)]);
    const settled = new Map([[id(1), { note: 'new note' }]]);
    const storedNow = withEdits(stored, settled);
    expect(unsettledEdits(storedNow, settled).size).toBe(0);
    // Nothing changed: the same object, so a hook's state does not churn.
    const same = new Map([[id(1), { note: 'x' }]]);
    expect(unsettledEdits(stored, same)).toBe(same);
  });
});
