// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UnsavedClaimBar, type UnsavedClaimBarProps } from '../../../components/UnsavedClaimBar';

let root: HTMLElement;
afterEach(() => {
  render(null, root);
  root.remove();
});

function mount(props: Partial<UnsavedClaimBarProps>) {
  root = document.createElement('div');
  document.body.append(root);
  const all: UnsavedClaimBarProps = {
    quote: '$17 billion',
    error: 'Storage is full.',
    busy: false,
    onRetry: vi.fn(),
    onDiscard: vi.fn(),
    onClose: vi.fn(),
    ...props,
  };
  act(() => render(<UnsavedClaimBar {...all} />, root));
  const button = (name: string) =>
    [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === name)!;
  return { alert: root.querySelector('[role=alert]')!.textContent, button };
}

describe('UnsavedClaimBar', () => {
  it('says why a refused claim was not saved, and offers Retry and Discard', () => {
    const { alert, button } = mount({});
    expect(alert).toBe('Not saved. Storage is full.');
    expect(button('Retry').disabled).toBe(false);
    expect(button('Discard').disabled).toBe(false);
  });

  it('says it is still trying while an unanswered save is sent again, and cannot be dropped', () => {
    const { alert, button } = mount({ error: '', busy: true, stillTrying: true });
    expect(alert).toMatch(/^Still trying to save: Claimmark keeps trying/);
    expect(button('Retry').disabled).toBe(true);
    expect(button('Discard').disabled).toBe(true);
  });
});
