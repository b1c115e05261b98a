import type { Policy, PolicyProblem } from '@/lib/policy/schema';
import type { Region } from '@/lib/amazon/marketplaces';
import type { PolicySource, PolicyReport } from '@/lib/settings/resolve';

/** What the checkout guard needs to know, in one answer. No credentials, no order data. */
export interface GuardState {
  policy: Policy | null;
  source: PolicySource | null;
  broken: PolicyReport[];
  adminControlled: boolean;
  /** POs submitted from this browser before (normalised), for sequence numbers in generated POs. */
  usedPos: string[];
}

export interface PoUse {
  date: string;
  marketplace: Region;
}

export interface FieldStatus {
  found: boolean;
  /** Which selector or heuristic matched, for diagnostics. */
  via: string | null;
  host: string;
  path: string;
}

/**
 * The one protocol between the extension's contexts. Every message is handled in the background; `from` says who
 * may send it (content scripts get only validation-related answers, never credentials or order data).
 */
export interface ProtocolMap {
  getGuardState: { input: Record<string, never>; output: GuardState; from: 'content' | 'extension' };
  checkPoReuse: { input: { po: string }; output: { uses: PoUse[] }; from: 'content' | 'extension' };
  recordPoUse: { input: { po: string; marketplace: Region }; output: { recorded: boolean }; from: 'content' };
  reportFieldStatus: { input: FieldStatus; output: { ok: true }; from: 'content' };
  openOptionsPage: { input: Record<string, never>; output: { ok: true }; from: 'content' | 'extension' };
  getFieldStatus: { input: Record<string, never>; output: { last: FieldStatus | null }; from: 'extension' };
}

export type MessageType = keyof ProtocolMap;
export type MessageInput<K extends MessageType> = ProtocolMap[K]['input'];
export type MessageOutput<K extends MessageType> = ProtocolMap[K]['output'];

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
  | { ok: true; value: MessageOutput<K> }
  | { ok: false; error: MessageErrorData };
