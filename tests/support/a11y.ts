/** The accessible name of a control, as far as these components need it (aria-label, label, text). */
export function accessibleNameOf(element: Element): string {
  const aria = element.getAttribute('aria-label');
  if (aria) return aria.trim();
  const label = element.closest('label');
  if (label) return (label.textContent ?? '').replace(/\s+/g, ' ').trim();
  const id = element.getAttribute('id');
  if (id) {
    const byFor = element.ownerDocument.querySelector(`label[for="${id}"]`);
    if (byFor) return (byFor.textContent ?? '').trim();
  }
  return (element.textContent ?? '').replace(/\s+/g, ' ').trim();
}
