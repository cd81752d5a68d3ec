import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { SuggestionSummary } from '../../utils/protocol/to-content';
import { DISMISSED_KEY, dismissedFor, withDismissed } from '../../utils/suggest/summary';
import { sendToTab } from '../../utils/app/send-to-tab';

export type SuggestionsState =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'ready'; suggestions: SuggestionSummary[] }
  | { kind: 'error'; error: string };

/** The page the panel shows: `asleep` until something wakes it (tab-claims.ts). */
export interface ShownPage {
  url: string;
  asleep: boolean;
}

/**
 * Wiring: ask the tab for suggestions (only on the reader's request), save or dismiss them. An
 * asleep page is woken first (`wake`: the panel then knows the page's own URL, under which its
 * dismissals are kept) and asked once the panel shows it awake.
 */
export function useSuggestions(
  tabId: number | null,
  page: ShownPage | null,
  wake: () => Promise<void>,
  onSaved: () => void,
) {
  const pageUrl = page?.url ?? null;
  const [state, setState] = useState<SuggestionsState>({ kind: 'idle' });
  const [dismissed, setDismissed] = useState<string[]>([]);
  const [busy, setBusy] = useState<string[]>([]);
  const askWhenAwake = useRef(false);

  useEffect(() => {
    askWhenAwake.current = false;
  }, [tabId]);
  useEffect(() => {
    setState({ kind: 'idle' });
    if (!pageUrl) return;
    void browser.storage.local.get(DISMISSED_KEY).then((stored) => {
      setDismissed(dismissedFor(stored[DISMISSED_KEY], pageUrl));
    });
  }, [pageUrl]);
  // After the reset above: the reader asked while the page was asleep.
  useEffect(() => {
    if (!page || page.asleep || !askWhenAwake.current) return;
    askWhenAwake.current = false;
    void ask();
  }, [pageUrl, page?.asleep]);

  async function load(): Promise<void> {
    if (tabId === null || !page) return;
    if (!page.asleep) return ask();
    askWhenAwake.current = true;
    setState({ kind: 'loading' });
    await wake();
  }

  async function ask(): Promise<void> {
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
