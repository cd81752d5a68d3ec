/**
 * The viewer's password prompt for a protected PDF: a real form (`#password-form` in
 * index.html) with a password field, shown while PDF.js waits for the password (its
 * `onPassword`), again with "Wrong password, try again." after a wrong one. The password is
 * handed to PDF.js and the field emptied at once: it is never stored, logged or sent anywhere.
 * Only the reader's own submit counts.
 */
import type { AskPassword } from './open';

export interface PasswordPrompt {
  ask: AskPassword;
  /** Give up a question still open (another PDF is being opened). */
  cancel(): void;
}

export function createPasswordPrompt(form: HTMLFormElement): PasswordPrompt {
  const input = form.querySelector<HTMLInputElement>('input[type="password"]')!;
  const error = form.querySelector<HTMLElement>('.password-error')!;
  const cancelButton = form.querySelector<HTMLButtonElement>('button[type="button"]')!;
  let pending: ((password: string | null) => void) | undefined;

  function finish(password: string | null): void {
    const done = pending;
    pending = undefined;
    input.value = '';
    error.textContent = '';
    form.hidden = true;
    done?.(password);
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault(); // never a navigation: the password stays on this page
    if (!event.isTrusted || !pending) return;
    finish(input.value);
  });
  cancelButton.addEventListener('click', (event) => {
    if (event.isTrusted) finish(null);
  });
  form.addEventListener('keydown', (event) => {
    if (event.isTrusted && event.key === 'Escape') finish(null);
  });

  return {
    ask(reason) {
      finish(null);
      error.textContent = reason === 'wrong' ? 'Wrong password, try again.' : '';
      form.hidden = false;
      input.focus();
      return new Promise((resolve) => (pending = resolve));
    },
    cancel: () => finish(null),
  };
}
