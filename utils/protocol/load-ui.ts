/**
 * The one message of the content script that is not in the data protocol: "inject the next part
 * of the content script into my frame". The always-on script asks for the painter
 * (`PAGE_PAINT_FILE`: session, anchoring, painting) when the page has claims or the reader starts
 * a capture; the painter asks for the page UI (`PAGE_UI_FILE`: toolbar, card, Readability,
 * suggestions, `part: 'ui'`) only when the reader needs it. The background answers by running the
 * file in the sender's frame with `scripting.executeScript` (no `web_accessible_resources`: a page
 * can neither load nor probe the files). Injecting twice is harmless: each part starts only once
 * per frame. Pure routing over an injected `execute`.
 */
import { RETRY_DELAYS, type ResponseOf, type Result } from './to-background';
import type { PageUrls } from '../core/url';

/** The answer to `page:load`: what the page asks for, and what the background seeds. */
export type PageLoadResult = Result<ResponseOf<'page:load'>>;

/** The hand-off `seedPainter` leaves: utils/page/handoff.ts's `Handoff`, seen from here. */
interface SeededHandoff {
  settings: unknown;
  loaded: Promise<PageLoadResult>;
  urls: PageUrls;
  started(ui: unknown): void;
  ui?: unknown;
  seeded: true;
}

export const LOAD_UI = 'ui:load';
/** The awake part of the always-on script (entrypoints/page-awake), as WXT writes an unlisted script. */
export const PAGE_AWAKE_FILE = '/page-awake.js' as const;
/** The painter (entrypoints/page-paint), as WXT writes an unlisted script. */
export const PAGE_PAINT_FILE = '/page-paint.js' as const;
/** The page UI bundle (entrypoints/page-ui), as WXT writes an unlisted script. */
export const PAGE_UI_FILE = '/page-ui.js' as const;
/** What a `ui:load` may ask for: the painter by default, the page UI with `part: 'ui'`. */
export type PageFile = typeof PAGE_AWAKE_FILE | typeof PAGE_PAINT_FILE | typeof PAGE_UI_FILE;

/**
 * The parts a `ui:load` may name: `ui` (the page UI, asked by the painter), `both` (painter and
 * page UI in one injection, asked by the always-on script for a capture: one round trip before
 * the toolbar instead of two), `awake` (the awake part of the always-on script, asked by
 * page-start when the reader's own selection wakes it); anything else is the painter alone.
 */
export type PagePart = 'ui' | 'both' | 'awake';

/** The files a `ui:load` message asks for, in the order they run. A message names no file. */
export function filesOf(message: unknown): PageFile[] {
  const part = (message as { part?: unknown } | null)?.part;
  if (part === 'ui') return [PAGE_UI_FILE];
  if (part === 'both') return [PAGE_PAINT_FILE, PAGE_UI_FILE];
  if (part === 'awake') return [PAGE_AWAKE_FILE];
  return [PAGE_PAINT_FILE];
}

/**
 * The property of the isolated world's global where the always-on script (page-start) leaves its
 * `wake`: the background (a page on a site with claims) and extension pages (a command, the side
 * panel) call it with `scripting.executeScript({ func: wakePage, args: [WAKE_KEY] })`. Asleep,
 * page-start only listens on `window`; `wake` stops that and says whether the awake part
 * (`PAGE_AWAKE_FILE`: `page:load`, the hand-off, the message listener) still has to be injected,
 * which the caller then does (utils/app/wake-tab.ts).
 */
export const WAKE_KEY = '__claimmarkWake';

/**
 * What `wakePage` found: no always-on script in the frame (`absent`), a script whose awake part
 * must now be injected (`start`), or one already awake (`awake`).
 */
export type WakeState = 'absent' | 'start' | 'awake';

/** Run in the page's isolated world (serialized: no closure): wakes the always-on script. */
export function wakePage(key: string, listenKey?: string): WakeState {
  const global = globalThis as Record<string, unknown>;
  const wake = global[key];
  if (typeof wake !== 'function') return 'absent';
  // A painter that does not listen yet (`LISTEN_KEY`): it does now, for the message to come.
  const listen = listenKey === undefined ? undefined : global[listenKey];
  if (typeof listen === 'function') (listen as () => void)();
  return (wake as () => boolean)() ? 'start' : 'awake';
}

/** The property of the isolated world's global holding the hand-off (utils/page/handoff.ts). */
export const HANDOFF_KEY = '__claimmarkHandoff';

/**
 * Where the always-on script (entrypoints/page-start) leaves the reader's event that woke it, for
 * the awake part (entrypoints/page-awake), injected a round trip later into the same isolated
 * world, which goes on as if it had listened all along (a trusted `Event`; absent when the
 * background woke the page).
 */
export const TRIGGER_KEY = '__claimmarkTrigger';

/** The isolated world's properties the background's injected functions below read and write. */
export interface PageKeys {
  /** page-start's `wake` (`WAKE_KEY`). */
  wake: string;
  /** The hand-off to the painter (utils/page/handoff.ts `HANDOFF_KEY`): set once awake. */
  handoff: string;
  /** The reader's event that woke page-start itself (utils/page/handoff.ts `TRIGGER_KEY`). */
  trigger: string;
}

/**
 * Where the painter (entrypoints/page-paint) leaves its `listen`: a painter the background
 * started (`seedPainter`) does not listen for messages until something needs it — the first touch
 * of `browser.runtime` sets up the extension bindings in the isolated world, ~1–2 ms of every page
 * load — so the background and extension pages call it (`wakePage`, `startListening`) before they
 * ask the page something.
 */
export const LISTEN_KEY = '__claimmarkListen';

export const PAGE_KEYS: PageKeys = { wake: WAKE_KEY, handoff: HANDOFF_KEY, trigger: TRIGGER_KEY };

/**
 * Run in the page's isolated world (serialized: no closure): the painter starts listening for
 * messages (`LISTEN_KEY`); false when there is no painter that waits for it.
 */
export function startListening(key: string): boolean {
  const listen = (globalThis as Record<string, unknown>)[key];
  if (typeof listen !== 'function') return false;
  (listen as () => void)();
  return true;
}

/**
 * What `describePage` found: no always-on script (`absent`), one asleep, one awake or waking
 * itself for the reader (`awake`: its awake part runs or is on its way) — and the document's
 * address and first canonical link, from which `pageUrlsOf` (utils/page/page-url.ts) makes the
 * page's key.
 */
export interface PageDescription {
  state: 'absent' | 'asleep' | 'awake';
  url: string;
  canonical: string | null;
}

/**
 * Run in the page's isolated world (serialized: no closure), or called with a document: the
 * always-on script's state (without waking it) and the document's address. The background reads
 * it before it looks up the page's claims itself (utils/app/wake-tab.ts `openTab`). One selector
 * query that stops at the first match (`~=` is one of the rel's whitespace-separated tokens, `i`
 * ignores ASCII case): no wrapper for every other `<link>`, which in an isolated world is what
 * costs. The one home of the canonical rule in the page (`pageUrlsOf` calls it too).
 */
export function describePage(keys: PageKeys | null, given?: Document): PageDescription {
  const global = globalThis as Record<string, unknown>;
  // Injected, it has no parameter but the keys: the frame's own document.
  const doc = given ?? (global.document as Document);
  let state: PageDescription['state'] = 'absent';
  if (keys && typeof global[keys.wake] === 'function')
    state = keys.handoff in global || keys.trigger in global ? 'awake' : 'asleep';
  const link = doc.querySelector('link[rel~="canonical" i][href]');
  let canonical: string | null = null;
  if (link) {
    try {
      canonical = new URL(link.getAttribute('href') ?? '', doc.baseURI).href;
    } catch {
      canonical = null;
    }
  }
  return { state, url: doc.URL, canonical };
}

/**
 * Run in the page's isolated world (serialized: no closure) with the background's own answer to
 * the page's `page:load` (a page with claims), as JSON: wakes the asleep always-on script and leaves the
 * hand-off the painter starts from (utils/page/handoff.ts), so the background can inject the
 * painter straight away — no awake part, no `page:load` message from the page. False (nothing
 * done) when the script is not asleep any more: the reader woke it, or another wake ran first;
 * the caller then wakes it the usual way.
 */
export function seedPainter(keys: PageKeys, answerJson: string, urls: PageUrls): boolean {
  const global = globalThis as Record<string, unknown>;
  const wake = global[keys.wake];
  if (typeof wake !== 'function' || keys.handoff in global || keys.trigger in global) return false;
  // The answer comes as JSON text: `executeScript` writes its arguments into the script's source,
  // and one string literal parsed with JSON.parse costs a fraction of compiling 50 claims as object
  // literals (~4 ms more a page in bench:pageload).
  const answer = JSON.parse(answerJson) as PageLoadResult;
  (wake as () => boolean)();
  const handoff: SeededHandoff = {
    settings: answer.ok ? answer.value.settings : undefined,
    loaded: Promise.resolve(answer),
    urls,
    seeded: true,
    started: (ui) => {
      handoff.ui = ui;
    },
  };
  global[keys.handoff] = handoff;
  return true;
}

/**
 * Run in the page's isolated world (serialized: no closure): whether the always-on script is
 * there, asleep or awake, without waking it. Reading the property touches neither the page's DOM
 * nor its messages.
 */
export function hasWake(key: string): boolean {
  return typeof (globalThis as Record<string, unknown>)[key] === 'function';
}

/**
 * The extension API of a content script, looked up when called, not when its module is evaluated:
 * the first touch of `chrome` sets up its bindings in the isolated world (~0.6–1 ms a page, the
 * `get app` of a CPU profile), which the always-on script must not pay at load. `browser` where
 * it is the real API (Firefox), else `chrome`.
 */
export function extensionApi<Api>(): Api {
  const global = globalThis as { browser?: { runtime?: { id?: string } }; chrome?: unknown };
  return (global.browser?.runtime?.id ? global.browser : global.chrome) as Api;
}

/** The part of the extension API the awake part and the painter use (not `wxt/browser`). */
export interface ContentApi {
  runtime: {
    id: string;
    sendMessage(message: unknown): Promise<unknown>;
    onMessage: {
      addListener(listener: OnContentMessage): void;
      removeListener(listener: OnContentMessage): void;
    };
  };
}
export type OnContentMessage = (
  message: unknown,
  sender: { id?: string },
  sendResponse: (answer: unknown) => void,
) => boolean;

/** {@link extensionApi}, looked up on the first call of the function returned and kept. */
export function lazyContentApi(): () => ContentApi {
  let api: ContentApi | undefined;
  return () => (api ??= extensionApi<ContentApi>());
}

export function isLoadUi(message: unknown): boolean {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { type?: unknown }).type === LOAD_UI
  );
}

export interface UiSender {
  tab?: { id?: number };
  frameId?: number;
}

export type ExecuteInFrame = (
  tabId: number,
  frameId: number,
  files: PageFile[],
) => Promise<unknown>;

/** The background's handler for `ui:load`: injects the part asked for into the sender's frame. */
export function createUiLoader(execute: ExecuteInFrame) {
  return async (sender: UiSender, message?: unknown): Promise<Result<{ injected: true }>> => {
    const tabId = sender.tab?.id;
    if (tabId === undefined || tabId < 0) return { ok: false, error: 'not sent from a tab' };
    try {
      await execute(tabId, sender.frameId ?? 0, filesOf(message));
      return { ok: true, value: { injected: true } };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  };
}

/**
 * A content script's side: ask the background to inject `part` into this frame, retrying a
 * stopped worker (RETRY_DELAYS). Null once injected, else why not. `send` is the script's
 * `browser.runtime.sendMessage`.
 */
export async function requestPart(
  send: (message: unknown) => Promise<unknown>,
  part?: PagePart,
): Promise<string | null> {
  let error = 'the background did not answer';
  for (let attempt = 0; attempt <= RETRY_DELAYS.length; attempt++) {
    if (attempt > 0) await new Promise((done) => setTimeout(done, RETRY_DELAYS[attempt - 1]));
    try {
      const answer = (await send(part ? { type: LOAD_UI, part } : { type: LOAD_UI })) as
        | { ok: boolean; error?: string }
        | undefined;
      if (answer?.ok) return null;
      if (answer) return answer.error ?? 'the page UI was not injected';
    } catch (thrown) {
      error = thrown instanceof Error ? thrown.message : String(thrown);
      if (/Extension context invalidated/i.test(error)) break;
    }
  }
  return error;
}
