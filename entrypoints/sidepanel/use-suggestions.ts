import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { SuggestionSummary } from '../../utils/protocol/to-content';
import { DISMISSED_KEY, dismissedFor, withDismissed } from '../../utils/suggest/summary';
import { sendToTab } from '../../utils/app/send-to-tab';

export type SuggestionsState =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'ready'; suggestions: SuggestionSummary[] }
  | { kind: 'error'; error: string };

/** Wiring: ask the tab for suggestions (only on the reader's request), save or dismiss them. */
export function useSuggestions(tabId: number | null, pageUrl: string | null, onSaved: () => void) {
  const [state, setState] = useState<SuggestionsState>({ kind: 'idle' });
  const [dismissed, setDismissed] = useState<string[]>([]);
  const [busy, setBusy] = useState<string[]>([]);

  useEffect(() => {
    setState({ kind: 'idle' });
    if (!pageUrl) return;
    void browser.storage.local.get(DISMISSED_KEY).then((stored) => {
      setDismissed(dismissedFor(stored[DISMISSED_KEY], pageUrl));
    });
  }, [pageUrl]);

  async function load(): Promise<void> {
    if (tabId === null) return;
    setState({ kind: 'loading' });
    const answer = await sendToTab(tabId, 'content:suggest', {});
    setState(
      answer.ok
        ? { kind: 'ready', suggestions: answer.value.suggestions }
        : { kind: 'error', error: answer.error },
    );
  }

  async function dismiss(suggestion: SuggestionSummary): Promise<void> {
    if (!pageUrl) return;
    const stored = await browser.storage.local.get(DISMISSED_KEY);
    const next = withDismissed(stored[DISMISSED_KEY], pageUrl, suggestion.id);
    await browser.storage.local.set({ [DISMISSED_KEY]: next });
    setDismissed(next[pageUrl] ?? []);
  }

  async function save(suggestion: SuggestionSummary): Promise<string> {
    if (tabId === null) return 'No page to save on.';
    setBusy((b) => [...b, suggestion.id]);
    const answer = await sendToTab(tabId, 'content:save-suggestion', {
      text: suggestion.text,
      sentence: suggestion.sentence,
      type: suggestion.type,
    });
    setBusy((b) => b.filter((id) => id !== suggestion.id));
    if (!answer.ok) return `Not saved: ${answer.error}`;
    await dismiss(suggestion); // saved: no longer a suggestion
    onSaved();
    return `Saved as a claim: ${suggestion.text.slice(0, 60)}`;
  }

  const visible =
    state.kind === 'ready' ? state.suggestions.filter((s) => !dismissed.includes(s.id)) : [];
  return { state, visible, busy, load, save, dismiss };
}
