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
