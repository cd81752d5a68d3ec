/**
 * Edits to the claims already stored: change one (its type repaints its marks), delete one (its
 * marks go; the deleted claim comes back so it can be restored) and restore one (it is anchored
 * and painted again). Each asks the background first and changes the page only when it agreed.
 * Works on the shared session state; the message client and the painter's and watcher's entry
 * points are passed in.
 */
import type { Client } from '../../protocol/to-background';
import { setHighlightType } from '../highlight';
import { run, unpaint, type SessionState } from './state';
import type { PageSession } from './types';

export interface EditsDeps {
  request: Client;
  /** Anchor and paint what is not painted (a restored claim). */
  paintPending: () => void;
  /** Start watching the page for changes, once it has claims. */
  watch: () => void;
}

export type Edits = Pick<PageSession, 'update' | 'remove' | 'restore'>;

export function createEdits(state: SessionState, deps: EditsDeps): Edits {
  const { request, paintPending, watch } = deps;
  return {
    async update(id, patch) {
      const answer = await request('annotation:update', { id, patch });
      const claim = state.claims.get(id);
      if (!answer.ok || !claim) return answer;
      claim.annotation = { ...answer.value, anchor: claim.annotation.anchor };
      if (patch.type) run(state, () => setHighlightType(state.doc.body, id, answer.value.type));
      return answer;
    },

    async remove(id) {
      const claim = state.claims.get(id);
      if (!claim) return { ok: false, error: 'no claim with this id on this page' };
      const answer = await request('annotation:delete', { id });
      if (!answer.ok) return answer;
      run(state, () => unpaint(state, id));
      state.claims.delete(id);
      return { ok: true, value: claim.annotation };
    },

    async restore(annotation) {
      const answer = await request('annotation:restore', { annotation });
      if (!answer.ok) return answer;
      state.claims.set(annotation.id, { annotation: answer.value, status: 'pending' });
      paintPending();
      watch();
      return answer;
    },
  };
}
