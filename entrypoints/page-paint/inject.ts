/** Ask the background to inject the page UI into this frame, retrying a stopped worker. */
import { browser } from 'wxt/browser';
import { RETRY_DELAYS } from '../../utils/protocol/to-background';
import { LOAD_UI } from '../../utils/protocol/load-ui';

/** Null once injected, else why not. */
export async function injectPart(part: 'ui'): Promise<string | null> {
  let error = 'the background did not answer';
  for (let attempt = 0; attempt <= RETRY_DELAYS.length; attempt++) {
    if (attempt > 0) await new Promise((done) => setTimeout(done, RETRY_DELAYS[attempt - 1]));
    try {
      const answer = (await browser.runtime.sendMessage({ type: LOAD_UI, part })) as
        | { ok: boolean; error?: string }
        | undefined;
      if (answer?.ok) return null;
      if (answer) return answer.error ?? 'the page UI was not injected';
    } catch (thrown) {
      error = thrown instanceof Error ? thrown.message : String(thrown);
      if (/Extension context invalidated/i.test(error)) break;
    }
  }
  return error;
}
