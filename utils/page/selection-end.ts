/**
 * Whether an input event may have ended a text selection by the reader: a trusted mouseup, or a
 * trusted keyup of Shift or an arrow key (selecting with Shift+arrows, keyboard only). The page's
 * own scripts can dispatch any event they like; those are never the reader's.
 */
export function endsSelection(event: Event): boolean {
  if (!event.isTrusted) return false;
  if (event.type === 'mouseup') return true;
  if (event.type !== 'keyup') return false;
  const { shiftKey, key } = event as KeyboardEvent;
  return shiftKey || key === 'Shift' || key.startsWith('Arrow');
}
