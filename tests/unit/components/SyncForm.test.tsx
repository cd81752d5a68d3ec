// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SyncForm, type SyncFormProps } from '../../../components/SyncForm';

let root: HTMLElement;
afterEach(() => {
  render(null, root);
  root.remove();
});

function mount(props: Partial<SyncFormProps>) {
  if (root) render(null, root);
  root?.remove();
  root = document.createElement('div');
  document.body.append(root);
  const all: SyncFormProps = {
    connected: { server: 'https://couch.example.com', database: 'team', user: 'alice' },
    status: 'Up to date (12:00).',
    skipped: 0,
    denied: 0,
    deniedReason: '',
    error: '',
    onConnect: vi.fn(),
    onStop: vi.fn(),
    ...props,
  };
  act(() => render(<SyncForm {...all} />, root));
}

const denied = () => root.querySelector('.sync-denied')?.textContent ?? null;

describe('Options → Sync: changes the server refused', () => {
  it('says nothing when the server took everything', () => {
    mount({});
    expect(denied()).toBeNull();
  });

  it('counts them and gives the server’s reason as text', () => {
    mount({ denied: 1, deniedReason: 'A new claim must name you (alice) as its author.' });
    expect(denied()).toBe(
      '1 change was refused by the server and stays on this device only: A new claim must name you (alice) as its author.',
    );
    mount({ denied: 3, deniedReason: '<img src=x onerror=alert(1)>' });
    expect(denied()).toBe(
      '3 changes were refused by the server and stay on this device only: <img src=x onerror=alert(1)>',
    );
    expect(root.querySelector('img')).toBeNull();
  });
});
