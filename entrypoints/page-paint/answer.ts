/**
 * The content messages the painter answers itself, before the page UI is loaded: what the side
 * panel and the background ask of every tab (its claims, scroll to one, reload, the URL changed).
 * Saving, suggestions and re-attaching need the page UI, which answers them (and, once loaded,
 * everything).
 */
import { CONTENT_VALIDATORS } from '../../utils/protocol/to-content';
import { serveMessage, type Result } from '../../utils/protocol/rpc';
import { createContentHandlers, type ContentHandlerDeps } from '../../utils/page/handlers';

const HERE = new Set([
  'content:location-changed',
  'content:claims',
  'content:scroll-to',
  'content:reload',
  'content:settings',
]);

export function answerHere(
  message: unknown,
  deps: Pick<ContentHandlerDeps, 'session' | 'onLocation' | 'reload' | 'settingsChanged'>,
): Promise<Result<unknown>> | null {
  const type = (message as { type?: unknown } | null)?.type;
  if (typeof type !== 'string' || !HERE.has(type)) return null;
  const handlers = createContentHandlers({
    ...deps,
    // Not among the messages above: the page UI answers those.
    selectionType: () => null,
    pick: () => false,
    suggest: () => [],
    locate: () => null,
  });
  return serveMessage(CONTENT_VALIDATORS, handlers, message);
}
