/**
 * New words for a stored claim, chosen by the reader in the page: re-attach an orphan, adjust a
 * claim's extent (longer, shorter, across elements), or put the old extent back (undo). The
 * background stores the new selectors first; then the claim's old marks go and it is anchored
 * and painted at its new words. Its id, type, tags, note and creation time stay. Works on the
 * shared session state; the message client and the painter's entry points are passed in.
 */
import { collapseWhitespace } from '../../core/model';
import type { Client, ReanchorReason } from '../../protocol/to-background';
import { describe } from '../anchoring/describe';
import { buildTextModel } from '../anchoring/text-model';
import { run, unpaint, type SessionState } from './state';
import type { PageSession } from './types';

export interface ExtentDeps {
  request: Client;
  /** Anchor and paint what is not painted; resolves once painted. */
  paintAll: () => Promise<void>;
  watch: () => void;
}

export type Extent = Pick<PageSession, 'reanchor' | 'setExtent'>;

export function createExtent(state: SessionState, deps: ExtentDeps): Extent {
  const { request, paintAll, watch } = deps;

  const apply: PageSession['setExtent'] = async (id, extent, reason) => {
    const claim = state.claims.get(id);
    if (!claim) return { ok: false, error: 'This claim is not on this page.' };
    const previous = { quote: claim.annotation.quote, selectors: claim.annotation.selectors };
    const answer = await request('annotation:reanchor', {
      id,
      quote: extent.quote,
      selectors: extent.selectors,
      reason,
    });
    if (!answer.ok) return answer;
    run(state, () => unpaint(state, id));
    state.claims.set(id, { annotation: answer.value, status: 'pending' });
    watch();
    await paintAll();
    return { ok: true, value: { annotation: answer.value, previous } };
  };

  return {
    async reanchor(id, range, reason: ReanchorReason) {
      const root = state.doc.body;
      const selectors = describe(root, range, buildTextModel(root));
      const quote = selectors ? collapseWhitespace(selectors[0].exact) : '';
      if (!selectors || !quote) return { ok: false, error: 'The selection holds no page text.' };
      return apply(id, { quote, selectors }, reason);
    },
    setExtent: apply,
  };
}
