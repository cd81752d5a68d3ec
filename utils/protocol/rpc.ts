/**
 * The shape both message directions share (to-background.ts: content script and extension pages
 * → background; to-content.ts: extension pages and background → a tab's content script).
 *
 * A protocol is a map of message name → `{ request, response }`. On the wire a message is
 * `{ type, payload }` and every answer a `Result`: failures come back as data
 * (`{ ok: false, error }`), never as a silent drop. The receiving side validates the untrusted
 * payload with the protocol's `Validators` (one per message) before its `Handlers` see it; the
 * sending side calls a typed `Client`. Pure: the transport (`browser.runtime.sendMessage`,
 * `browser.tabs.sendMessage`) is passed in.
 */
import { errorMessage } from '../core/errors';
import { asRecord } from '../core/validate';

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

/** A protocol: message name → request and response types (an interface works: no index signature). */
export type ProtocolMap<P> = { [K in keyof P]: { request: object; response: unknown } };

export type RequestIn<P extends ProtocolMap<P>, K extends keyof P> = P[K]['request'];
export type ResponseIn<P extends ProtocolMap<P>, K extends keyof P> = P[K]['response'];

/** A message of protocol P on the wire. */
export type MessageIn<P extends ProtocolMap<P>> = {
  [K in keyof P & string]: { type: K; payload: RequestIn<P, K> };
}[keyof P & string];

/** What answers protocol P: one function per message; what it throws is answered as an error. */
export type Handlers<P extends ProtocolMap<P>> = {
  [K in keyof P & string]: (request: RequestIn<P, K>) => Promise<ResponseIn<P, K>>;
};

/** How protocol P checks an untrusted payload: the typed request, or a thrown ValidationError. */
export type Validators<P extends ProtocolMap<P>> = {
  [K in keyof P & string]: (payload: Record<string, unknown>) => RequestIn<P, K>;
};

/** A typed sender for protocol P. */
export type Client<P extends ProtocolMap<P>> = <K extends keyof P & string>(
  type: K,
  payload: RequestIn<P, K>,
) => Promise<Result<ResponseIn<P, K>>>;

/** Validate an untrusted message with `validators`: the typed message, or why not. */
export function parseMessage<P extends ProtocolMap<P>>(
  validators: Validators<P>,
  message: unknown,
): Result<MessageIn<P>> {
  try {
    const record = asRecord(message, 'message');
    const type = record.type;
    if (typeof type !== 'string' || !Object.hasOwn(validators, type)) {
      return { ok: false, error: `unknown message type: ${String(type).slice(0, 40)}` };
    }
    const key = type as keyof P & string;
    const payload = validators[key](asRecord(record.payload, 'payload'));
    return { ok: true, value: { type: key, payload } as MessageIn<P> };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Validate an untrusted message and run its handler; every failure is returned as data. */
export async function serveMessage<P extends ProtocolMap<P>>(
  validators: Validators<P>,
  handlers: Handlers<P>,
  message: unknown,
): Promise<Result<unknown>> {
  const parsed = parseMessage(validators, message);
  if (!parsed.ok) return parsed;
  const { type, payload } = parsed.value;
  try {
    const handler = handlers[type] as (request: typeof payload) => Promise<unknown>;
    return { ok: true, value: await handler(payload) };
  } catch (error) {
    // Storage full comes back as a sentence the reader can act on (utils/core/errors.ts).
    return { ok: false, error: errorMessage(error) };
  }
}

export function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return r.ok === true ? 'value' in r : r.ok === false && typeof r.error === 'string';
}

export interface ClientOptions {
  /** Wait before each retry of a request the transport lost, in ms; [] = never retry. */
  delays: readonly number[];
  sleep: (ms: number) => Promise<void>;
  /** The error when nothing (or no Result) came back. */
  silence: string;
  /** A transport error after which no retry can succeed. */
  gone?: RegExp;
}

/**
 * A typed client over a transport. Transport failures are retried after each of `delays` (every
 * request of both protocols is idempotent); an error the handler answered is never retried.
 * What still fails comes back as `{ ok: false }`.
 */
export function createClient<P extends ProtocolMap<P>>(
  send: (message: MessageIn<P>) => Promise<unknown>,
  options: ClientOptions,
): Client<P> {
  return async (type, payload) => {
    let error = options.silence;
    for (let attempt = 0; attempt <= options.delays.length; attempt++) {
      if (attempt > 0) await options.sleep(options.delays[attempt - 1]!);
      try {
        const answer = await send({ type, payload } as MessageIn<P>);
        if (isResult(answer)) return answer as never;
        error = options.silence;
      } catch (thrown) {
        error = thrown instanceof Error ? thrown.message : String(thrown);
        if (options.gone?.test(error)) break;
      }
    }
    return { ok: false, error };
  };
}
