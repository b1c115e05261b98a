import type { z } from 'zod';
import type { PolicyProblem } from '@/lib/policy/schema';

/**
 * Messages between the extension's contexts. Each feature declares its messages once, in its `contract.ts`, with
 * `defineMessage`, and adds them to `MessageRegistry`; every type below is derived from those declarations.
 * Type-only imports of zod here keep the senders (content scripts included) zod-free.
 */

/** Who sent a message: one of this extension's pages, or its content script in a tab. */
export type SenderKind = 'content' | 'extension';

/** The output type of a message, carried in the type system only. */
export interface Output<T> {
  readonly type?: T;
}

/** `output: returns<GuardState>()` in a declaration: what the handler answers. */
export function returns<T>(): Output<T> {
  return {};
}

export interface MessageDeclaration<S extends z.ZodType = z.ZodType, O = unknown> {
  /** Who may send it; anyone else is refused before the handler runs. */
  from: readonly SenderKind[];
  /** Where it is handled: the background (default), or the content script of the tab it is sent to. */
  to?: 'background' | 'tab';
  /** Parsed on arrival; a message that does not parse is refused. */
  input: S;
  output: Output<O>;
  /**
   * May be sent on the message port (`sendOverPort`), for messages sent at typing speed. Only for a query, whose
   * handler changes nothing: a request the closing port left unanswered is sent again. Refused on the port otherwise.
   */
  port?: boolean;
}

/** Declares one message: who may send it, its zod input, its output type (and whether it may use the port). */
export function defineMessage<S extends z.ZodType, O, const P extends boolean = false>(
  declaration: MessageDeclaration<S, O> & { port?: P },
): MessageDeclaration<S, O> & { port?: P } {
  return declaration;
}

/** An event the background broadcasts to extension pages; `payload` parses it on arrival. */
export interface EventDeclaration<N extends string = string, S extends z.ZodType = z.ZodType> {
  name: N;
  payload: S;
}

export function defineEvent<N extends string, S extends z.ZodType>(name: N, payload: S): EventDeclaration<N, S> {
  return { name, payload };
}

/** An event on the wire: its payload plus the event's name. */
export type EventMessage<E extends EventDeclaration> = z.output<E['payload']> & { poAssistEvent: E['name'] };

/**
 * Every message, by name. Each feature's contract.ts extends this interface with its declarations
 * (`interface MessageRegistry extends DeclaredMessages<typeof myMessages> {}`), so one declaration types both ends.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface MessageRegistry {}

/** The declarations of a contract, as registry entries. */
export type DeclaredMessages<M extends Record<string, MessageDeclaration>> = { [K in keyof M]: M[K] };

export type MessageType = keyof MessageRegistry & string;
export type MessageInput<K extends MessageType> =
  MessageRegistry[K] extends MessageDeclaration<infer S, unknown> ? z.input<S> : never;
export type MessageOutput<K extends MessageType> = OutputOf<MessageRegistry[K]>;
/** The messages declared `port: true`: the only ones `sendOverPort` sends. */
export type PortMessageType = {
  [K in MessageType]: NonNullable<MessageRegistry[K]['port']> extends true ? K : never;
}[MessageType];
export type OutputOf<D> = D extends MessageDeclaration<z.ZodType, infer O> ? O : never;

/** The envelope on the wire. */
export interface MessageEnvelope<K extends MessageType = MessageType> {
  poAssist: 1;
  type: K;
  input: MessageInput<K>;
}

/** Errors cross the message boundary as plain data, so the caller can show them. */
export interface MessageErrorData {
  kind: string;
  message: string;
  problems?: PolicyProblem[];
  [extra: string]: unknown;
}

export type MessageReply<K extends MessageType = MessageType> =
  { ok: true; value: MessageOutput<K> } | { ok: false; error: MessageErrorData };

/** Whether a runtime message is one of ours (an envelope), and its type if so. */
export function envelopeType(message: unknown): string | null {
  if (typeof message !== 'object' || message === null) return null;
  const { poAssist, type } = message as { poAssist?: unknown; type?: unknown };
  return poAssist === 1 && typeof type === 'string' ? type : null;
}

export function envelopeInput(message: unknown): unknown {
  return typeof message === 'object' && message !== null ? (message as { input?: unknown }).input : undefined;
}

/**
 * The long-lived port content scripts send messages on at typing speed (`sendOverPort`): one connection instead of
 * a new message channel per message, about half the round trip. The background answers it with the same router:
 * the same zod parsing and sender check as `runtime.onMessage`.
 */
export const MESSAGE_PORT_NAME = 'po-assist-messages';

/** A request on the port: an envelope and the id its reply carries. */
export interface PortRequest<K extends MessageType = MessageType> {
  id: number;
  message: MessageEnvelope<K>;
}

/** A reply on the port, for the request with this id. */
export interface PortReply<K extends MessageType = MessageType> {
  id: number;
  reply: MessageReply<K>;
}
