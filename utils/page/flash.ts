/**
 * Scroll a claim's marks into view and flash them, so the eye finds it. Uses the Web
 * Animations API (allowed under a strict CSP, leaves no style behind). DOM code.
 */
export function revealMarks(marks: readonly HTMLElement[], smooth = true): boolean {
  const first = marks[0];
  if (!first) return false;
  first.scrollIntoView({ block: 'center', behavior: smooth ? 'smooth' : 'auto' });
  for (const mark of marks) {
    mark.animate?.(
      [
        { outline: '3px solid rgba(26, 86, 219, 0.9)', outlineOffset: '2px' },
        { outline: '3px solid rgba(26, 86, 219, 0)', outlineOffset: '6px' },
      ],
      { duration: 900, iterations: 2, easing: 'ease-out' },
    );
  }
  return true;
}
