import { z } from 'zod';
import { MARKETPLACES } from '@/lib/amazon/marketplaces';
import type { MessageErrorData, MessageInput, MessageOutput, MessageReply, MessageType, ProtocolMap } from './protocol';

const regionSchema = z.enum(MARKETPLACES.map((m) => m.region) as [string, ...string[]]);
const empty = z.object({}).strict();
const po = z.string().trim().min(1, 'Enter a PO number.').max(200);
const lookupId = z.string().min(1).max(100);

// ---- Reconcile page (issue 13): input schemas and senders, spread into the tables below. ----------------------
const reconcileDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected a YYYY-MM-DD date.');
const reconcileInputSchemas = {
  startReconcileFetch: z
    .object({ from: reconcileDay, to: reconcileDay, regions: z.array(regionSchema).min(1).max(20) })
    .refine((input) => input.from <= input.to, 'The period ends before it starts.') as z.ZodType<MessageInput<'startReconcileFetch'>>,
  resumeReconcileFetch: empty as z.ZodType<Record<string, never>>,
  cancelReconcileFetch: empty as z.ZodType<Record<string, never>>,
  getReconcileStatus: empty as z.ZodType<Record<string, never>>,
};
const reconcileSenders = {
  startReconcileFetch: ['extension'],
  resumeReconcileFetch: ['extension'],
  cancelReconcileFetch: ['extension'],
  getReconcileStatus: ['extension'],
} as const;
// ---- end Reconcile page -----------------------------------------------------------------------------------------

/** Inputs are parsed on arrival; anything else is refused before a handler sees it. */
export const messageInputSchemas: { [K in MessageType]: z.ZodType<MessageInput<K>> } = {
  getGuardState: empty as z.ZodType<Record<string, never>>,
  checkPoReuse: z.object({ po: z.string().max(200), lang: z.string().max(35).optional() }),
  // Long enough for anything a shopper pastes; validation is linear, so even this stays quick.
  explainPo: z.object({ po: z.string().max(10_000) }),
  generatePo: z.object({
    formatId: z.string().max(100),
    values: z.record(z.string().max(100), z.string().max(200)),
  }),
  recordPoUse: z.object({ po: z.string().min(1).max(200), marketplace: regionSchema }) as z.ZodType<
    MessageInput<'recordPoUse'>
  >,
  reportFieldStatus: z.object({
    found: z.boolean(),
    via: z.string().max(300).nullable(),
    host: z.string().max(200),
    path: z.string().max(2000),
  }),
  openOptionsPage: empty as z.ZodType<Record<string, never>>,
  getFieldStatus: empty as z.ZodType<Record<string, never>>,
  lookupOrdersByPo: z.object({ po, region: regionSchema, refresh: z.boolean().optional(), lookupId }) as z.ZodType<
    MessageInput<'lookupOrdersByPo'>
  >,
  cancelLookup: z.object({ lookupId }),
  getCachedLookup: z.object({ po, region: regionSchema }) as z.ZodType<MessageInput<'getCachedLookup'>>,
  getApiAccess: empty as z.ZodType<Record<string, never>>,
  saveApiAccess: z.object({
    mode: z.enum(['broker', 'direct']),
    brokerUrl: z.string().max(2000).optional(),
    clientId: z.string().max(500).optional(),
    clientSecret: z.string().max(2000).optional(),
    refreshToken: z.string().max(5000).optional(),
    region: regionSchema,
    sandbox: z.boolean(),
  }) as z.ZodType<MessageInput<'saveApiAccess'>>,
  clearApiAccess: empty as z.ZodType<Record<string, never>>,
  testApiConnection: empty as z.ZodType<Record<string, never>>,
  getSettingsReport: empty as z.ZodType<Record<string, never>>,
  saveUserPolicy: z.object({ policy: z.unknown() }) as z.ZodType<MessageInput<'saveUserPolicy'>>,
  clearUserPolicy: empty as z.ZodType<Record<string, never>>,
  refreshRemotePolicy: empty as z.ZodType<Record<string, never>>,
  checkPoUsage: z.object({ po, lang: z.string().max(35).optional() }),
  ...reconcileInputSchemas,
};

/** Who may send each message: content scripts only get validation-related answers. */
export const messageSenders: { [K in MessageType]: readonly ProtocolMap[K]['from'][] } = {
  getGuardState: ['content', 'extension'],
  checkPoReuse: ['content', 'extension'],
  explainPo: ['content', 'extension'],
  generatePo: ['content', 'extension'],
  recordPoUse: ['content'],
  reportFieldStatus: ['content'],
  openOptionsPage: ['content', 'extension'],
  getFieldStatus: ['extension'],
  lookupOrdersByPo: ['extension'],
  cancelLookup: ['extension'],
  getCachedLookup: ['extension'],
  getApiAccess: ['extension'],
  saveApiAccess: ['extension'],
  clearApiAccess: ['extension'],
  testApiConnection: ['extension'],
  getSettingsReport: ['extension'],
  saveUserPolicy: ['extension'],
  clearUserPolicy: ['extension'],
  refreshRemotePolicy: ['extension'],
  checkPoUsage: ['content', 'extension'],
  ...reconcileSenders,
};

export type MessageHandlers = {
  [K in MessageType]: (input: MessageInput<K>, sender: SenderInfo) => Promise<MessageOutput<K>>;
};

export interface SenderInfo {
  kind: 'content' | 'extension';
  /** Page URL for content scripts, extension page URL otherwise. */
  url: string | undefined;
}

/** The parts of a runtime.MessageSender this module looks at. */
export interface RawSender {
  id?: string;
  url?: string;
  tab?: unknown;
}

/** Classify a sender: only this extension's own pages and content scripts are answered. */
export function classifySender(sender: RawSender, extensionId: string, extensionOrigin: string): SenderInfo | null {
  if (sender.id !== extensionId) return null;
  if (sender.url?.startsWith(extensionOrigin)) return { kind: 'extension', url: sender.url };
  if (sender.tab) return { kind: 'content', url: sender.url };
  return null;
}

export class HandlerError extends Error {
  readonly data: MessageErrorData;
  constructor(data: MessageErrorData) {
    super(data.message);
    this.data = data;
  }
}

/** Validate, authorise and run one message. Never throws: failures become error replies. */
export async function dispatchMessage(
  handlers: MessageHandlers,
  message: unknown,
  sender: SenderInfo | null,
): Promise<MessageReply | undefined> {
  if (!isEnvelope(message)) return undefined; // not ours: let other listeners answer
  const type = message.type;
  if (!sender || !(messageSenders[type] as readonly string[]).includes(sender.kind)) {
    return { ok: false, error: { kind: 'forbidden', message: `"${type}" is not allowed from this context.` } };
  }
  const parsed = messageInputSchemas[type].safeParse(message.input ?? {});
  if (!parsed.success) {
    return { ok: false, error: { kind: 'bad-request', message: `Invalid "${type}" message: ${parsed.error.issues[0]?.message ?? 'bad input'}` } };
  }
  try {
    const handler = handlers[type] as (input: unknown, sender: SenderInfo) => Promise<unknown>;
    const value = await handler(parsed.data, sender);
    return { ok: true, value } as MessageReply;
  } catch (error) {
    if (error instanceof HandlerError) return { ok: false, error: error.data };
    return { ok: false, error: { kind: 'internal', message: error instanceof Error ? error.message : String(error) } };
  }
}

function isEnvelope(message: unknown): message is { poAssist: 1; type: MessageType; input: unknown } {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { poAssist?: unknown }).poAssist === 1 &&
    typeof (message as { type?: unknown }).type === 'string' &&
    Object.hasOwn(messageInputSchemas, (message as { type: string }).type)
  );
}
