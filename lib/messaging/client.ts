import { browser } from 'wxt/browser';
import type { MessageEnvelope, MessageErrorData, MessageInput, MessageOutput, MessageReply, MessageType } from './protocol';

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
  const reply = (await browser.runtime.sendMessage(envelope)) as MessageReply<K> | undefined;
  if (!reply || typeof reply !== 'object') {
    throw new MessageError({ kind: 'no-reply', message: `The extension did not answer "${type}". Try reloading the page.` });
  }
  if (!reply.ok) throw new MessageError(reply.error);
  return reply.value;
}
