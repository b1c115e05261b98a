import type { Policy, PolicyProblem } from '@/lib/policy/schema';
import type { GenerateResult, PoVerdict } from '@/lib/policy/types';
import type { MatcherSpec } from '@/lib/policy/matcher';
import type { Region } from '@/lib/amazon/marketplaces';
import type { PolicySource, PolicyReport } from '@/lib/settings/resolve';
import type { OrderReport } from '@/lib/api/schemas';
import type { SerializedApiError } from '@/lib/api/errors';

/** What the checkout guard needs to know, in one answer. No credentials, no order data. */
export interface GuardState {
  policy: Policy | null;
  source: PolicySource | null;
  broken: PolicyReport[];
  adminControlled: boolean;
  /** One line on why the policy in force cannot be used, for the hint; null when it can (or there is none). */
  problemSummary: string | null;
  /** POs submitted from this browser before (normalised), for sequence numbers in generated POs. */
  usedPos: string[];
  /** Each format with an example (the admin's, or one generated for today), for the hint. */
  formats: { id: string; label: string; example: string }[];
  /** Blanket POs valid today, offered next to Generate. */
  blanketPos: { po: string; label: string }[];
  /** Per format, the fields a shopper picks or types when generating a PO. */
  choices: Record<string, GenerateChoice[]>;
  /** The policy's compiled matcher as JSON, so the content script decides validity without compiling it. */
  matcher: MatcherSpec | null;
}

export interface GenerateChoice {
  name: string;
  label: string;
  type: 'list' | 'text';
  values?: { code: string; label: string }[];
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

/** One lookup's answer: every order fetched (partial when `complete` is false, with the error that stopped it). */
export interface LookupResponse {
  po: string;
  region: Region;
  orders: OrderReport[];
  pages: number;
  complete: boolean;
  error?: SerializedApiError;
  /** When the orders were fetched (ISO); cached answers keep their original time. */
  fetchedAt: string;
  fromCache: boolean;
}

/** Sent by the background to extension pages while a lookup pages through results. */
export interface LookupProgressEvent {
  poAssistEvent: 'lookupProgress';
  lookupId: string;
  pages: number;
  orders: number;
  /** Set while waiting out Amazon's rate limit or a retry, so the popup can say so. */
  waitingMs?: number;
}

/** API access as the pages see it: secrets never come back, only whether they are set. */
export interface ApiAccessStatus {
  configured: boolean;
  mode: 'broker' | 'direct' | null;
  brokerUrl: string | null;
  /** The broker URL comes from the admin policy and cannot be changed here. */
  brokerLocked: boolean;
  clientIdHint: string | null;
  hasClientSecret: boolean;
  hasRefreshToken: boolean;
  region: Region;
  regionLocked: boolean;
  sandbox: boolean;
}

export interface ApiAccessInput {
  mode: 'broker' | 'direct';
  brokerUrl?: string;
  clientId?: string;
  /** Empty or absent keeps the stored secret. */
  clientSecret?: string;
  refreshToken?: string;
  region: Region;
  sandbox: boolean;
}

/** What the checkout guard may learn from Amazon about a PO: a count and a date, never the orders. */
export interface PoUsage {
  configured: boolean;
  orders: number;
  lastOrderDate: string | null;
}

/** Everything the options page shows about where settings come from (Diagnostics) and what is locked. */
export interface SettingsReport {
  effective: {
    policy: Policy | null;
    source: PolicySource | null;
    broken: PolicyReport[];
    adminControlled: boolean;
    userLocked: boolean;
  };
  /** The admin's `policy` exactly as delivered (for the read-only view), or null. */
  adminPolicy: unknown;
  /** The user's own policy as saved, or null. */
  userPolicy: unknown;
  /** Admin keys besides `policy` in force (last good kept), the problems of broken ones, and every key present. */
  managed: { policyUrl?: string; region?: Region; tokenBrokerUrl?: string; lockUserPolicy?: boolean };
  managedProblems: { key: string; message: string; usingLastGood: boolean }[];
  managedKeys: string[];
  remote: {
    url: string;
    fetchedAt?: string;
    lastAttemptAt?: string;
    lastResult?: { status: 'updated' | 'not-modified' | 'error'; message?: string };
    etag?: string;
  } | null;
  /** Selectors the checkout guard uses, and whether the policy overrides the built-in ones. */
  selectors: { poField: string[]; submit: string[]; overridden: { poField: boolean; submit: boolean } };
  /** The PO field last seen at checkout, and what found it. */
  lastField: FieldStatus | null;
  extension: { name: string; version: string; id: string };
}

/**
 * The one protocol between the extension's contexts. Every message is handled in the background; `from` says who
 * may send it (content scripts get only validation-related answers, never credentials or order data).
 */
export interface ProtocolMap {
  getGuardState: { input: Record<string, never>; output: GuardState; from: 'content' | 'extension' };
  explainPo: { input: { po: string }; output: PoVerdict; from: 'content' | 'extension' };
  generatePo: {
    input: { formatId: string; values: Record<string, string> };
    output: GenerateResult;
    from: 'content' | 'extension';
  };
  /** `lang` is the storefront's language, for the dates in the notice. */
  checkPoReuse: {
    input: { po: string; lang?: string };
    output: { uses: PoUse[]; notice: string | null };
    from: 'content' | 'extension';
  };
  recordPoUse: { input: { po: string; marketplace: Region }; output: { recorded: boolean }; from: 'content' };
  reportFieldStatus: { input: FieldStatus; output: { ok: true }; from: 'content' };
  openOptionsPage: { input: Record<string, never>; output: { ok: true }; from: 'content' | 'extension' };
  getFieldStatus: { input: Record<string, never>; output: { last: FieldStatus | null }; from: 'extension' };
  lookupOrdersByPo: {
    input: { po: string; region: Region; refresh?: boolean; lookupId: string };
    output: LookupResponse;
    from: 'extension';
  };
  cancelLookup: { input: { lookupId: string }; output: { cancelled: boolean }; from: 'extension' };
  getCachedLookup: { input: { po: string; region: Region }; output: LookupResponse | null; from: 'extension' };
  getApiAccess: { input: Record<string, never>; output: ApiAccessStatus; from: 'extension' };
  saveApiAccess: { input: ApiAccessInput; output: ApiAccessStatus; from: 'extension' };
  clearApiAccess: { input: Record<string, never>; output: ApiAccessStatus; from: 'extension' };
  testApiConnection: { input: Record<string, never>; output: { ok: boolean; message: string }; from: 'extension' };
  getSettingsReport: { input: Record<string, never>; output: SettingsReport; from: 'extension' };
  /** Refused with every problem (kind "invalid-policy") when the policy is invalid, or when the admin locked it. */
  saveUserPolicy: { input: { policy: unknown }; output: { saved: true }; from: 'extension' };
  clearUserPolicy: { input: Record<string, never>; output: { cleared: true }; from: 'extension' };
  /** Fetch the admin's policyUrl now rather than at the next scheduled time. */
  refreshRemotePolicy: { input: Record<string, never>; output: { ok: boolean; message: string }; from: 'extension' };
  checkPoUsage: {
    input: { po: string; lang?: string };
    output: PoUsage & { notice: string | null };
    from: 'content' | 'extension';
  };
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

// ---- Reconcile page (issue 13): one block, to be ported to lib/order-lookup's contract.ts. --------------------
// Senders: extension pages only (the Reconcile page), never content scripts. The reconciled table itself is not a
// message: the page reads the orders from the extension-origin IndexedDB the job fills (see order-store.ts).

/** Progress of the Reconcile fetch job, also broadcast to extension pages as `poAssistEvent: 'reconcileProgress'`. */
export type ReconcileJobProgress = import('@/lib/order-lookup/reconcile/fetch-job').JobProgress;
export interface ReconcileProgressEvent {
  poAssistEvent: 'reconcileProgress';
  progress: ReconcileJobProgress;
}

export interface ProtocolMap {
  /** Fetch every order of the period (YYYY-MM-DD, inclusive) in these regions; answers with the first progress. */
  startReconcileFetch: {
    input: { from: string; to: string; regions: Region[] };
    output: ReconcileJobProgress | null;
    from: 'extension';
  };
  /** Continue the stored job from its last page (after Cancel or an error); null when there is none. */
  resumeReconcileFetch: { input: Record<string, never>; output: ReconcileJobProgress | null; from: 'extension' };
  cancelReconcileFetch: { input: Record<string, never>; output: { cancelled: boolean }; from: 'extension' };
  getReconcileStatus: { input: Record<string, never>; output: ReconcileJobProgress | null; from: 'extension' };
}
// ---- end Reconcile page -----------------------------------------------------------------------------------------
