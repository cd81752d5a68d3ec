/**
 * The hand-off between the painter and the page UI, the second and third parts of the content
 * script (the first is the always-on script, utils/page/handoff.ts). The painter
 * (entrypoints/page-paint) is what a page with claims needs at load: its session anchors and
 * paints them, answers the side panel, follows the settings and SPA navigation. The page UI
 * (entrypoints/page-ui: Preact toolbar and card, Readability, suggestions) is injected only when
 * the reader selects text, clicks a highlight, or a command needs it. Both run in the extension's
 * isolated world of the same frame and meet on one property of its global object, which the
 * page's own scripts cannot see. Types only, plus the property's name.
 */
import type { ClaimType, PageMetadata } from '../core/model';
import type { Client, Result } from '../protocol/to-background';
import type { PageSession } from './session';

export const PAINTER_KEY = '__claimmarkPainter';

/** What the painter offers the page UI. */
export interface Painter {
  session: PageSession;
  request: Client;
  /** The type a new claim gets unless its words suggest one (settings, kept current). */
  defaultType(): ClaimType;
  /** Load the page's claims again and paint them (`content:reload`). */
  reload(): Promise<unknown>;
  /** The URL may have changed (SPA navigation). */
  onLocation(): void;
  /** The reader's settings changed (`content:settings`: not parsed yet). */
  settingsChanged(settings: unknown): void;
  /** Called once by the page UI when its listeners are registered. */
  started(ui: PageUiPart): void;
  /** Set by `started`. */
  ui?: PageUiPart;
}

/** What the page UI does for the painter once it runs. */
export interface PageUiPart {
  /** A trusted mouseup/keyup ended a selection before the UI ran: open the toolbar. */
  selectionEnded(event: Event): void;
  /** A trusted click on a highlight before the UI ran: open its card. */
  openCard(id: string, mark: Element): void;
  /** Answer any content message (not parsed yet). */
  handle(message: unknown): Promise<Result<unknown>>;
  /** The page's title, byline, site… (Readability), for the first claim saved on a page. */
  extractMetadata(doc: Document): PageMetadata;
}

export function painterOf(global: object): Painter | undefined {
  return (global as Record<string, Painter | undefined>)[PAINTER_KEY];
}
