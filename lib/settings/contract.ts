import { z } from 'zod';
import type { Policy } from '@/lib/policy/schema';
import { defineMessage, returns, type DeclaredMessages } from '@/lib/messaging/protocol';
import { emptyInput as empty, regionSchema } from '@/lib/messaging/schemas';
import type { ApiAccessStatus } from '@/lib/storage/api-access';
import type { FieldStatus, StorageProblem } from '@/lib/storage/items';
import type { ManagedValues } from '@/lib/storage/managed';
import type { PolicyReport, PolicySource } from '@/lib/storage/resolve';
import type { PickerContext } from './picker/picked-selectors';

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
  managed: ManagedValues;
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
  /** Stored values that could not be read (the default was used) or written; absent from older backgrounds. */
  storageProblems?: StorageProblem[];
  extension: { name: string; version: string; id: string };
  /**
   * The browser had not answered the managed-storage read yet: this report shows the user's own settings, and a
   * report asked for with `waitForOrganization` follows once the organization's settings (if any) are known.
   */
  organizationPending: boolean;
}

const connectionResult = returns<{ ok: boolean; message: string }>();

/** API access as the options form holds it: what Save stores and Test connection tests. */
const apiAccessInput = z.object({
  mode: z.enum(['broker', 'direct']),
  brokerUrl: z.string().max(2000).optional(),
  clientId: z.string().max(500).optional(),
  /** Empty or absent: the stored secret. */
  clientSecret: z.string().max(2000).optional(),
  refreshToken: z.string().max(5000).optional(),
  region: regionSchema,
  /** The other regions the account orders in; absent keeps the stored ones. */
  otherRegions: z.array(regionSchema).max(11).optional(),
  sandbox: z.boolean(),
});

/** The options page: API access, the user's policy, and where settings come from. Extension pages only. */
export const settingsMessages = {
  getApiAccess: defineMessage({ from: ['extension'], input: empty, output: returns<ApiAccessStatus>() }),
  saveApiAccess: defineMessage({ from: ['extension'], input: apiAccessInput, output: returns<ApiAccessStatus>() }),
  clearApiAccess: defineMessage({ from: ['extension'], input: empty, output: returns<ApiAccessStatus>() }),
  /**
   * Tests the API access in the options form as it stands, unsaved (`form`; a blank secret means the saved one), or
   * the saved access when `form` is absent. Nothing is saved. Extension pages only: a content script never sends
   * or learns a secret.
   */
  testApiConnection: defineMessage({
    from: ['extension'],
    input: z.object({ form: apiAccessInput.optional() }).strict(),
    output: connectionResult,
  }),
  /** At once (the user's own settings while managed storage is slow), or `waitForOrganization` for the full answer. */
  getSettingsReport: defineMessage({
    from: ['extension'],
    input: z.object({ waitForOrganization: z.boolean().optional() }).strict(),
    output: returns<SettingsReport>(),
  }),
  /** Refused with every problem (kind "invalid-policy") when the policy is invalid, or when the admin locked it. */
  saveUserPolicy: defineMessage({
    from: ['extension'],
    input: z.object({ policy: z.unknown() }),
    output: returns<{ saved: true }>(),
  }),
  clearUserPolicy: defineMessage({ from: ['extension'], input: empty, output: returns<{ cleared: true }>() }),
  /** Fetch the admin's policyUrl now rather than at the next scheduled time. */
  refreshRemotePolicy: defineMessage({ from: ['extension'], input: empty, output: connectionResult }),
};

/** What the options page sends to save API access (the `saveApiAccess` input). */
export type ApiAccessInput = z.input<typeof settingsMessages.saveApiAccess.input>;

declare module '@/lib/messaging/protocol' {
  // Declaration merging adds this feature's messages to the registry; it needs an interface, empty by design.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface MessageRegistry extends DeclaredMessages<typeof settingsMessages> {}
}

const pickedSelector = z.string().trim().min(1).max(500);
/** Extension pages name the tab; a content script means its own tab. */
const tabInput = z.object({ tabId: z.number().int().nonnegative().optional() });

/**
 * The element picker and the page report (lib/settings/picker): injected into a checkout tab on demand, from the
 * popup, the options page or the checkout hint, so the content script does not carry them.
 */
export const pickerMessages = {
  /** Injects the picker into the sender's tab (the hint) or the named tab (the popup). */
  openPicker: defineMessage({ from: ['content', 'extension'], input: tabInput, output: returns<{ started: true }>() }),
  /** Whether the picker may save (and why not: the admin locked the policy, or there is no user policy yet),
   * and the selector overrides in force, for the page report. */
  getPickerContext: defineMessage({
    from: ['content'],
    input: empty,
    output: returns<PickerContext & { overrides: { poField: string[]; submit: string[] } }>(),
  }),
  /** Puts the picked selectors first in the user's policy overrides; refused when locked or without a policy. */
  savePickedSelectors: defineMessage({
    from: ['content'],
    input: z.object({ poField: pickedSelector, submit: pickedSelector.optional() }),
    output: returns<{ saved: true }>(),
  }),
  /** The page report of the sender's tab (the hint), the named tab, or the last checkout tab (the options page). */
  getPageReport: defineMessage({
    from: ['content', 'extension'],
    input: tabInput,
    output: returns<{ text: string }>(),
  }),
};

declare module '@/lib/messaging/protocol' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface MessageRegistry extends DeclaredMessages<typeof pickerMessages> {}
}
