// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ClaimEditor } from '../../../components/ClaimEditor';
import { OrphanList } from '../../../components/OrphanList';
import { PickBar } from '../../../components/PickBar';
import { accessibleNameOf } from '../../support/a11y';

let root: HTMLElement;
afterEach(() => {
  render(null, root);
  root.remove();
});

function mount(node: preact.ComponentChild): HTMLElement {
  root = document.createElement('div');
  document.body.append(root);
  act(() => render(node, root));
  return root;
}

const buttons = () => [...root.querySelectorAll('button')];

describe('mending claims: the pick bar, the card and the orphan list', () => {
  it('the pick bar names what it asks for, shows the quote as text, and cancels', () => {
    const onCancel = vi.fn();
    mount(
      <PickBar
        reason="reattach"
        quote="<b>$17 billion</b>"
        error=""
        busy={false}
        onCancel={onCancel}
      />,
    );
    const bar = root.querySelector('[role=dialog]')!;
    expect(bar.getAttribute('aria-label')).toBe('Re-attach claim');
    expect(bar.querySelector('q')!.textContent).toBe('<b>$17 billion</b>');
    expect(bar.querySelector('b')).toBeNull();
    act(() =>
      buttons()
        .find((b) => b.textContent === 'Cancel')!
        .click(),
    );
    expect(onCancel).toHaveBeenCalledOnce();
  });

  it('the pick bar for an adjustment, with an error', () => {
    mount(
      <PickBar
        reason="adjust"
        quote="x"
        error="Not changed: storage full"
        busy={false}
        onCancel={() => {}}
      />,
    );
    expect(root.querySelector('[role=dialog]')!.getAttribute('aria-label')).toBe(
      'Adjust highlight',
    );
    expect(root.querySelector('[role=alert]')!.textContent).toBe('Not changed: storage full');
  });

  it('the card offers Adjust and says when a claim was placed by quote only', () => {
    const onAdjust = vi.fn();
    const props = {
      quote: 'TikTok Shop',
      type: 'claim' as const,
      tags: [],
      note: '',
      knownTags: [],
      message: '',
      onTypeChange: () => {},
      onTagsChange: () => {},
      onNoteCommit: () => {},
      onCopy: () => {},
      onDelete: () => {},
      onClose: () => {},
    };
    mount(<ClaimEditor {...props} placedByQuoteOnly onAdjust={onAdjust} />);
    expect(root.textContent).toContain('Placed by quote only');
    act(() =>
      buttons()
        .find((b) => b.textContent === 'Adjust')!
        .click(),
    );
    expect(onAdjust).toHaveBeenCalledOnce();
    render(null, root);
    act(() => render(<ClaimEditor {...props} />, root));
    expect(root.textContent).not.toContain('Placed by quote only');
    expect(buttons().some((b) => b.textContent === 'Adjust')).toBe(false);
  });

  it("the popup's orphan list has a named Re-attach button per claim", () => {
    const onReattach = vi.fn();
    mount(
      <OrphanList
        orphans={[
          { id: 'a', quote: 'gone words', type: 'quote', tags: [], note: '', status: 'orphan' },
          { id: 'b', quote: 'x'.repeat(100), type: 'figure', tags: [], note: '', status: 'orphan' },
        ]}
        onReattach={onReattach}
      />,
    );
    const names = buttons().map((b) => accessibleNameOf(b));
    expect(names).toEqual(['Re-attach claim: gone words', `Re-attach claim: ${'x'.repeat(59)}…`]);
    act(() => buttons()[1]!.click());
    expect(onReattach).toHaveBeenCalledWith('b');
  });
});
