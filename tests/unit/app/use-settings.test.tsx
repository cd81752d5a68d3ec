// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { fakeBrowser } from 'wxt/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useSettings } from '../../../utils/app/use-settings';
import { DEFAULT_SETTINGS, saveSettings, type Settings } from '../../../utils/store/settings';

let root: HTMLElement;
afterEach(() => {
  render(null, root);
  root.remove();
  fakeBrowser.reset();
});

describe('useSettings, the one hook of the extension pages', () => {
  it('is null until read, then the stored settings, then follows every change', async () => {
    await saveSettings(fakeBrowser.storage.local, { defaultType: 'quote' });
    const seen: (Settings | null)[] = [];
    function Probe() {
      seen.push(useSettings());
      return null;
    }
    root = document.createElement('div');
    document.body.append(root);
    act(() => render(<Probe />, root));
    expect(seen[0]).toBeNull();
    await vi.waitFor(() =>
      expect(seen.at(-1)).toEqual({ ...DEFAULT_SETTINGS, defaultType: 'quote' }),
    );
    await act(async () => {
      await saveSettings(fakeBrowser.storage.local, { hideHighlights: true });
    });
    await vi.waitFor(() => expect(seen.at(-1)?.hideHighlights).toBe(true));
    expect(seen.at(-1)?.defaultType).toBe('quote');
  });
});
