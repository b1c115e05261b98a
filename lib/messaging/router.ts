import type { z } from 'zod';
import {
  envelopeInput,
  envelopeType,
  type MessageDeclaration,
  type MessageErrorData,
  MESSAGE_PORT_NAME,
  type SenderKind,
} from './protocol';

export interface SenderInfo {
  kind: SenderKind;
  /** Page URL for content scripts, extension page URL otherwise. */
  url: string | undefined;
  /** The tab of a content script (per-tab state: one usage check in flight, the PO submitted there). */
  tabId?: number;
}

/** The parts of a runtime.MessageSender this module looks at. */
export interface RawSender {
  id?: string;
  url?: string;
  tab?: { id?: number } | unknown;
}

/** Classify a sender: only this extension's own pages and content scripts are answered. */
export function classifySender(sender: RawSender, extensionId: string, extensionOrigin: string): SenderInfo | null {
  if (sender.id !== extensionId) return null;
  if (sender.url?.startsWith(extensionOrigin)) return { kind: 'extension', url: sender.url };
  if (sender.tab) {
    const id = (sender.tab as { id?: unknown }).id;
    return typeof id === 'number'
      ? { kind: 'content', url: sender.url, tabId: id }
      : { kind: 'content', url: sender.url };
  }
  return null;
}

/** A failure a handler means to report: its data reaches the caller as is. */
export class HandlerError extends Error {
  readonly data: MessageErrorData;
  constructor(data: MessageErrorData) {
    super(data.message);
    this.data = data;
  }
}

/** One message's handler, bound to its declaration (which parses the input and names the allowed senders). */
export interface Route {
  declaration: MessageDeclaration;
  /** Parses the input; when it parses, the call that runs the handler with it. */
  accept(input: unknown, sender: SenderInfo): { ok: true; run: () => Promise<unknown> } | { ok: false; reason: string };
}

/** Binds a handler to its declaration; the handler sees parsed input only. */
export function on<S extends z.ZodType, O>(
  declaration: MessageDeclaration<S, O>,
  handler: (input: z.output<S>, sender: SenderInfo) => Promise<O>,
): Route {
  return {
    declaration,
    accept(input, sender) {
      const parsed = declaration.input.safeParse(input ?? {});
      if (!parsed.success) return { ok: false, reason: parsed.error.issues[0]?.message ?? 'bad input' };
      return { ok: true, run: () => handler(parsed.data, sender) };
    },
  };
}

/** A reply on the wire (the sender's `MessageReply` is the same, typed by the message). */
export type WireReply = { ok: true; value: unknown } | { ok: false; error: MessageErrorData };

export interface Router {
  /** Registers a feature's handlers: exactly one per message its contract declares. */
  register(messages: Record<string, MessageDeclaration>, routes: readonly Route[]): void;
  /**
   * Validate, authorise and run one message. Never throws: failures become error replies. `via: 'port'`: it came on
   * the message port, where only messages declared `port: true` are answered.
   */
  dispatch(message: unknown, sender: SenderInfo | null, via?: 'port'): Promise<WireReply | undefined>;
}

export function createRouter(): Router {
  const routes = new Map<string, Route>();
  return {
    register(messages, featureRoutes) {
      for (const [type, declaration] of Object.entries(messages)) {
        if (declaration.to === 'tab') continue; // answered in a tab, not here
        const matching = featureRoutes.filter((route) => route.declaration === declaration);
        if (matching.length !== 1 || routes.has(type)) throw new Error(`"${type}" needs exactly one handler.`);
        routes.set(type, matching[0]!);
      }
    },
    async dispatch(message, sender, via) {
      const type = envelopeType(message);
      const route = type === null ? undefined : routes.get(type);
      if (!route) return undefined; // not ours: let other listeners answer
      if (!sender || !route.declaration.from.includes(sender.kind)) {
        return { ok: false, error: { kind: 'forbidden', message: `"${type}" is not allowed from this context.` } };
      }
      if (via === 'port' && route.declaration.port !== true) {
        return { ok: false, error: { kind: 'forbidden', message: `"${type}" is not sent on the message port.` } };
      }
      const accepted = route.accept(envelopeInput(message), sender);
      if (!accepted.ok) {
        return { ok: false, error: { kind: 'bad-request', message: `Invalid "${type}" message: ${accepted.reason}` } };
      }
      try {
        return { ok: true, value: await accepted.run() };
      } catch (error) {
        if (error instanceof HandlerError) return { ok: false, error: error.data };
        return { ok: false, error: { kind: 'internal', message: errorText(error) } };
      }
    },
  };
}

/** The words of any thrown value. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The parts of a runtime.Port this module uses (a test passes its own). */
export interface PortLike {
  name: string;
  sender?: RawSender;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  postMessage(message: unknown): void;
  disconnect(): void;
}

/**
 * Answers one port a context opened with `sendOverPort`: each request goes through `dispatch` exactly like a
 * runtime message (zod input, allowed senders), with the sender the port was opened by, and only for messages
 * declared `port: true`. A port of another name is
 * left alone; one opened by a stranger is closed at once; a request that is not `{ id, message }` is ignored.
 */
export function answerPort(
  port: PortLike,
  dispatch: Router['dispatch'],
  classify: (sender: RawSender) => SenderInfo | null,
): void {
  if (port.name !== MESSAGE_PORT_NAME) return;
  const sender = port.sender ? classify(port.sender) : null;
  if (!sender) {
    port.disconnect();
    return;
  }
  port.onMessage.addListener((request) => {
    if (typeof request !== 'object' || request === null) return;
    const { id, message } = request as { id?: unknown; message?: unknown };
    if (typeof id !== 'number' || !Number.isSafeInteger(id)) return;
    void dispatch(message, sender, 'port').then((reply) => {
      const answer: WireReply = reply ?? {
        ok: false,
        error: { kind: 'unknown-message', message: `"${envelopeType(message) ?? '?'}" is not a message.` },
      };
      try {
        port.postMessage({ id, reply: answer });
      } catch {
        // The tab went away while its request ran: nobody to answer.
      }
    });
  });
}
