import { browser, type Browser } from 'wxt/browser';
import type { z } from 'zod';
import { t } from '@/lib/i18n';
import { problemText } from '@/lib/policy-words';
import {
  envelopeType,
  type EventDeclaration,
  type EventMessage,
  type MessageEnvelope,
  type MessageErrorData,
  type MessageInput,
  type MessageOutput,
  type MessageReply,
  type MessageType,
  MESSAGE_PORT_NAME,
  type PortMessageType,
  type PortReply,
  type PortRequest,
} from './protocol';

/** A failure reported by the background handler, with its data intact. */
export class MessageError extends Error {
  readonly data: MessageErrorData;
  constructor(data: MessageErrorData) {
    super(data.message);
    this.name = 'MessageError';
    this.data = data;
  }
}

/** Send one typed message to the background and unwrap its reply. Zod-free, so content scripts stay small. */
export async function sendMessage<K extends MessageType>(type: K, input: MessageInput<K>): Promise<MessageOutput<K>> {
  const envelope: MessageEnvelope<K> = { poAssist: 1, type, input };
  return unwrapReply(type, (await browser.runtime.sendMessage(envelope)) as MessageReply<K> | undefined);
}

function unwrapReply<K extends MessageType>(type: K, reply: MessageReply<K> | undefined): MessageOutput<K> {
  if (!reply || typeof reply !== 'object') {
    throw new MessageError({
      kind: 'no-reply',
      message: `The extension did not answer "${type}". Try reloading the page.`,
    });
  }
  if (!reply.ok) throw new MessageError(reply.error);
  return reply.value;
}

/** The reply, or 'closed' when the port closed first. */
type Waiting = (reply: MessageReply | undefined | 'closed') => void;
let messagePort: { port: Browser.runtime.Port; waiting: Map<number, Waiting> } | null = null;
let nextRequestId = 1;

/**
 * sendMessage over one long-lived port (MESSAGE_PORT_NAME), for a query sent at typing speed (explainPo): a
 * runtime.sendMessage opens a message channel per message, which doubles the round trip (issue 7 §7). The port is
 * opened on first use; when it closes (the worker stopped, the extension was reloaded) its unanswered requests are
 * sent again once with sendMessage, which wakes the worker, and the next call opens a new port. So: queries only,
 * the messages declared `port: true` (the type allows no other, and the background refuses any other on the port).
 */
export async function sendOverPort<K extends PortMessageType>(
  type: K,
  input: MessageInput<K>,
): Promise<MessageOutput<K>> {
  let open: NonNullable<typeof messagePort>;
  try {
    open = messagePort ?? openMessagePort();
  } catch {
    return sendMessage(type, input); // no port here (a test's fake browser, an invalidated context): as before
  }
  const id = nextRequestId++;
  const request: PortRequest<K> = { id, message: { poAssist: 1, type, input } };
  const reply = await new Promise<MessageReply<K> | undefined | 'closed'>((resolve) => {
    open.waiting.set(id, resolve as Waiting);
    try {
      open.port.postMessage(request);
    } catch {
      open.waiting.delete(id);
      resolve('closed');
    }
  });
  return reply === 'closed' ? sendMessage(type, input) : unwrapReply(type, reply);
}

/**
 * Opens the port now (when a checkout field is found), so the worker is awake and ready before the first keystroke
 * needs it. Nothing happens where no port can be opened: sendOverPort falls back then.
 */
export function connectMessagePort(): void {
  try {
    if (!messagePort) openMessagePort();
  } catch {
    // No extension context (reloaded, updated): sendOverPort will use sendMessage, which reports that.
  }
}

function openMessagePort(): NonNullable<typeof messagePort> {
  const port = browser.runtime.connect({ name: MESSAGE_PORT_NAME });
  const open = { port, waiting: new Map<number, Waiting>() };
  port.onMessage.addListener((message: unknown) => {
    const { id, reply } = (message ?? {}) as Partial<PortReply>;
    const waiting = typeof id === 'number' ? open.waiting.get(id) : undefined;
    if (!waiting) return;
    open.waiting.delete(id!);
    waiting(reply);
  });
  port.onDisconnect.addListener(() => {
    if (messagePort === open) messagePort = null;
    const closed = [...open.waiting.values()];
    open.waiting.clear();
    for (const waiting of closed) waiting('closed');
  });
  messagePort = open;
  return open;
}

/**
 * Send a message declared `to: 'tab'` to the content script of one tab. The reply is untrusted page-side data:
 * the caller parses it.
 */
export async function sendTabMessage<K extends MessageType>(
  tabId: number,
  type: K,
  input: MessageInput<K>,
): Promise<unknown> {
  const envelope: MessageEnvelope<K> = { poAssist: 1, type, input };
  return browser.tabs.sendMessage(tabId, envelope);
}

/** In a content script: answer one tab message (no zod here: the input of tab messages is empty). */
export function answerTabMessage<K extends MessageType>(
  type: K,
  answer: () => Promise<MessageOutput<K>>,
): { listener: (message: unknown) => Promise<MessageOutput<K>> | undefined } {
  return { listener: (message) => (envelopeType(message) === type ? answer() : undefined) };
}

/** Broadcast one event to extension pages; nobody listening is normal. */
export function broadcastEvent<E extends EventDeclaration>(event: E, payload: z.input<E['payload']>): void {
  void browser.runtime.sendMessage(Object.assign({}, payload, { poAssistEvent: event.name })).catch(() => undefined);
}

/** A runtime message as this event (parsed with its declaration), or null when it is anything else. */
export function parseEvent<N extends string, S extends z.ZodType>(
  event: EventDeclaration<N, S>,
  message: unknown,
): EventMessage<EventDeclaration<N, S>> | null {
  if (typeof message !== 'object' || message === null) return null;
  if ((message as { poAssistEvent?: unknown }).poAssistEvent !== event.name) return null;
  const parsed = event.payload.safeParse(message);
  if (!parsed.success) return null;
  const name: { poAssistEvent: N } = { poAssistEvent: event.name };
  return Object.assign({}, parsed.data, name);
}

/**
 * What to show for a failed message: the handler's words and each problem it listed (by path where it has one);
 * for any other error its message.
 */
export function messageErrorText(error: unknown): string {
  if (error instanceof MessageError) {
    const problems = error.data.problems?.map((problem) =>
      problem.path ? t('problem_at', [problem.path, problemText(problem)]) : problemText(problem),
    );
    return problems?.length ? `${error.data.message} ${problems.join('; ')}` : error.data.message;
  }
  return error instanceof Error ? error.message : String(error);
}
