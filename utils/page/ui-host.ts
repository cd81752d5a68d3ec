/**
 * The host of Claimmark's in-page UI: a custom element outside <body> with an *open* shadow
 * root, so page styles cannot leak in, our text never enters the page's text model
 * (UI_ATTRIBUTE), and tests can reach controls by role and name. Styles go in through
 * constructable stylesheets (CSSOM), which pages with a strict CSP do not block.
 */
import { UI_ATTRIBUTE } from './anchoring/text-model';

export const UI_HOST_TAG = 'claimmark-ui';

export interface UiHost {
  host: HTMLElement;
  shadow: ShadowRoot;
  mount: HTMLElement;
}

export function createUiHost(doc: Document, css: string): UiHost {
  const host = doc.createElement(UI_HOST_TAG);
  host.setAttribute(UI_ATTRIBUTE, '');
  const shadow = host.attachShadow({ mode: 'open' });
  ignoreScriptedInput(shadow);
  if (!adoptStyles(doc, shadow, css)) {
    // Firefox content scripts cannot always adopt a constructed sheet (Xray wrappers).
    const style = doc.createElement('style');
    style.textContent = css;
    shadow.append(style);
  }
  const mount = doc.createElement('div');
  shadow.append(mount);
  // Reset the host itself: the page's CSS reaches the host element (not its shadow tree).
  host.style.setProperty('all', 'initial', 'important');
  host.style.setProperty('position', 'fixed', 'important');
  host.style.setProperty('z-index', '2147483647', 'important');
  host.style.setProperty('top', '0', 'important');
  host.style.setProperty('left', '0', 'important');
  (doc.documentElement ?? doc.body).append(host);
  return { host, shadow, mount };
}

/** Input events the reader makes; the page's script can fake every one of them. */
const READER_INPUT = [
  'click',
  'auxclick',
  'dblclick',
  'mousedown',
  'mouseup',
  'pointerdown',
  'pointerup',
  'keydown',
  'keyup',
  'keypress',
  'beforeinput',
  'input',
  'change',
  'submit',
];

/**
 * The shadow root is open (so the reader's assistive tools and our tests can reach the controls),
 * which lets the page's script reach in and dispatch events at our buttons and fields. Stop every
 * synthetic (untrusted) input event before it reaches a control and cancel its default action. A
 * synthetic click that cannot be cancelled still submits a form or checks a radio, and the
 * browser's own `submit`/`input`/`change` that follow are trusted: stop those too, until the
 * page's script has run (a microtask). Only the reader's own input acts.
 */
function ignoreScriptedInput(shadow: ShadowRoot): void {
  let scripted = false;
  for (const type of READER_INPUT) {
    shadow.addEventListener(
      type,
      (event) => {
        if (event.isTrusted && !scripted) return;
        if (!event.isTrusted && !scripted) {
          scripted = true;
          queueMicrotask(() => (scripted = false));
        }
        event.stopImmediatePropagation();
        event.preventDefault();
      },
      true,
    );
  }
}

function adoptStyles(doc: Document, shadow: ShadowRoot, css: string): boolean {
  const view = doc.defaultView;
  if (!view || !('adoptedStyleSheets' in shadow)) return false;
  try {
    const sheet = new view.CSSStyleSheet();
    sheet.replaceSync(css);
    shadow.adoptedStyleSheets = [sheet];
    return true;
  } catch {
    return false;
  }
}

/** Where to put a toolbar of `size` for a selection at `rect`: below it, or above when no room. */
export function toolbarPosition(
  rect: { top: number; bottom: number; left: number },
  size: { width: number; height: number },
  viewport: { width: number; height: number },
  gap = 8,
): { top: number; left: number } {
  const below = rect.bottom + gap;
  const top =
    below + size.height <= viewport.height || rect.top - gap - size.height < 0
      ? below
      : rect.top - gap - size.height;
  const left = Math.min(Math.max(gap, rect.left), Math.max(gap, viewport.width - size.width - gap));
  return { top: Math.round(top), left: Math.round(left) };
}
