// @vitest-environment happy-dom
/** "Also edited on another device": both notes shown, one click keeps either; hostile text stays text. */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ClaimEditor, type ClaimEditorProps } from '../../../components/ClaimEditor';

let root: HTMLElement;
afterEach(() => {
  render(null, root);
  root.remove();
});

function mount(props: Partial<ClaimEditorProps> = {}) {
  root = document.createElement('div');
  document.body.append(root);
  const onKeepNote = vi.fn<(note: string) => void>();
  act(() =>
    render(
      <ClaimEditor
        quote="$17 billion"
        type="figure"
        tags={['gmv']}
        note="mine"
        knownTags={[]}
        message=""
        onTypeChange={() => {}}
        onTagsChange={() => {}}
        onNoteCommit={() => {}}
        onCopy={() => {}}
        onDelete={() => {}}
        onClose={() => {}}
        author="alice"
        otherNotes={[
          {
            note: '<img src=x onerror=alert(1)>',
            author: 'bob',
            updated: '2026-01-01T00:00:00.000Z',
          },
        ]}
        onKeepNote={onKeepNote}
        {...props}
      />,
      root,
    ),
  );
  return { onKeepNote };
}

const buttons = () => [...root.querySelectorAll('button')];
const button = (text: string) => buttons().find((b) => b.textContent === text)!;

describe('ClaimEditor with a sync conflict', () => {
  it('shows the other note as text, who wrote it, and who saved the claim', () => {
    mount();
    const group = root.querySelector('[role="group"][aria-label="Also edited on another device"]')!;
    expect(group.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(group.textContent).toContain('by bob');
    expect(root.querySelector('img')).toBeNull();
    expect(root.textContent).toContain('Saved by alice');
  });

  it('keeps the other note with one click', () => {
    const { onKeepNote } = mount();
    act(() => button('Keep this note').click());
    expect(onKeepNote).toHaveBeenCalledWith('<img src=x onerror=alert(1)>');
  });

  it('keeps the note above with one click', () => {
    const { onKeepNote } = mount();
    act(() => button('Keep the note above').click());
    expect(onKeepNote).toHaveBeenCalledWith('mine');
  });

  it('shows nothing of it without a conflict', () => {
    mount({ otherNotes: undefined, author: undefined });
    expect(root.querySelector('[role="group"]')).toBeNull();
    expect(root.textContent).not.toContain('Saved by');
  });
});
