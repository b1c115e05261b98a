import { z } from 'zod';
import type { Region } from '@/lib/amazon/marketplaces';
import type { PoUsage } from '@/lib/api/summary';
import type { MatcherSpec } from '@/lib/policy/matcher';
import type { Policy } from '@/lib/policy/schema';
import type { GenerateResult } from '@/lib/policy/types';
import type { BlanketSpend } from './blanket-spend';
import type { ShownVerdict } from './quick-verdict';
import { defineMessage, returns, type DeclaredMessages } from '@/lib/messaging/protocol';
import { emptyInput as empty, langInput as lang, poInput, regionSchema } from '@/lib/messaging/schemas';
import type { FieldStatus } from '@/lib/storage/items';
import type { ManagedValues } from '@/lib/storage/managed';
import type { PolicyReport, PolicySource } from '@/lib/storage/resolve';

/** The policy rules the content script applies at submit (the rest of the policy stays in the background). */
export interface GuardRules {
  enforcement: Policy['enforcement'];
  required: boolean;
  reuse: Policy['reuse'];
  help?: string;
  selectors?: Policy['selectors'];
}

/** What to do with a held submit when no verdict is possible in time (admin key `onPolicyUnavailable`). */
export type OnPolicyUnavailable = NonNullable<ManagedValues['onPolicyUnavailable']>;

/**
 * What the checkout guard needs to know, in one answer. No credentials, no order data, no past POs in clear: its
 * size is bounded for every policy the schema accepts (≤ 256 KB, test/checkout-guard/guard-state.test.ts).
 */
export interface GuardState {
  /** The rules in force, or null when no policy is (none set, or a broken one: the guard stands down). */
  rules: GuardRules | null;
  source: PolicySource | null;
  broken: PolicyReport[];
  adminControlled: boolean;
  /** One line on why the policy in force cannot be used, for the hint; null when it can (or there is none). */
  problemSummary: string | null;
  /**
   * The organization's policy may still arrive (managed storage not read yet on this browser start): no verdict
   * is possible, so a submit on the PO field is held until a settled state comes (`guardStateChanged`).
   */
  pending: boolean;
  onPolicyUnavailable: OnPolicyUnavailable;
  /** usedPoHash of each PO used from this browser, for the local reuse decision at submit. */
  usedPoHashes: string[];
  /** Amazon's order history can be asked (API access configured): under `reuse: "block"` a submit waits for it. */
  amazonCheck: boolean;
  /** The last order's PO could not be written to this browser's history (storage full…): the hint says so. */
  historyNotSaved?: boolean;
  /** Each format with an example (the admin's, or one generated for today), for the hint. */
  formats: { id: string; label: string; example: string }[];
  /** Only the blanket POs this shopper may use today (filtered in the background), with what the Generate panel shows. */
  blanketPos: GuardBlanketPo[];
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

/** The checkout guard's messages. Content scripts get validation-related answers only, never credentials or orders. */
export const checkoutGuardMessages = {
  getGuardState: defineMessage({ from: ['content', 'extension'], input: empty, output: returns<GuardState>() }),
  /** The fields to pick for Generate, asked when the shopper opens it (lists are the bulk of a large policy). */
  getGenerateChoices: defineMessage({
    from: ['content', 'extension'],
    input: z.object({ formatId: z.string().max(100) }),
    output: returns<GenerateChoice[]>(),
  }),
  // Long enough for anything a shopper pastes; validation is linear, so even this stays quick. One per keystroke,
  // on the message port (a query: it changes nothing).
  explainPo: defineMessage({
    from: ['content', 'extension'],
    input: z.object({ po: z.string().max(10_000) }),
    output: returns<ShownVerdict>(),
    port: true,
  }),
  generatePo: defineMessage({
    from: ['content', 'extension'],
    input: z.object({ formatId: z.string().max(100), values: z.record(z.string().max(100), z.string().max(200)) }),
    output: returns<GenerateResult>(),
  }),
  /** `lang` is the storefront's language, for the dates in the notice. */
  checkPoReuse: defineMessage({
    from: ['content', 'extension'],
    input: z.object({ po: z.string().max(200), lang }),
    output: returns<{ uses: PoUse[]; notice: string | null }>(),
  }),
  /**
   * A trusted Place your order / Continue went out with this PO: remembered for this tab (session storage), not
   * recorded. `final`: it was the last step (Place your order), recorded if no confirmation page follows.
   */
  rememberSubmittedPo: defineMessage({
    from: ['content'],
    input: z.object({ po: z.string().min(1).max(200), marketplace: regionSchema, final: z.boolean() }),
    output: returns<{ remembered: boolean }>(),
  }),
  /** The tab shows Amazon's order confirmation: the PO submitted there is recorded as used, once. */
  confirmOrderPlaced: defineMessage({
    from: ['content'],
    input: empty,
    output: returns<{ recorded: boolean; writeError: string | null }>(),
  }),
  reportFieldStatus: defineMessage({
    from: ['content'],
    input: z.object({
      found: z.boolean(),
      via: z.string().max(300).nullable(),
      host: z.string().max(200),
      path: z.string().max(2000),
      confidence: z.enum(['strong', 'weak']).optional(),
      reasons: z.array(z.string().max(40)).max(10).optional(),
      standAside: z.literal('po-is-select').optional(),
    }),
    output: returns<{ ok: true }>(),
  }),
  openOptionsPage: defineMessage({
    from: ['content', 'extension'],
    // A section to open at (the hint's Diagnostics link); the whole page without one.
    input: z.object({ section: z.literal('diagnostics').optional() }).strict(),
    output: returns<{ ok: true }>(),
  }),
  getFieldStatus: defineMessage({ from: ['extension'], input: empty, output: returns<{ last: FieldStatus | null }>() }),
  checkPoUsage: defineMessage({
    from: ['content', 'extension'],
    input: z.object({ po: poInput, lang }),
    output: returns<PoUsage & { notice: string | null }>(),
  }),
  /** The popup asks the checkout tab it opened over for the PO typed there (answered by the content script). */
  getPoFieldValue: defineMessage({
    from: ['extension'],
    to: 'tab',
    input: empty,
    output: returns<{ po: string | null }>(),
  }),
  /** The background tells open checkout tabs that the guard state changed: ask getGuardState again. */
  guardStateChanged: defineMessage({ from: ['extension'], to: 'tab', input: empty, output: returns<{ ok: true }>() }),
  /**
   * What one of the shopper's blanket POs has left of its budget, asked when the shopper opens the Generate panel:
   * figures only (never the orders), and only for a blanket PO the guard state offers this shopper.
   */
  getBlanketSpend: defineMessage({
    from: ['content'],
    input: z.object({ po: z.string().min(1).max(200) }),
    output: returns<BlanketSpend>(),
  }),
};

declare module '@/lib/messaging/protocol' {
  // Declaration merging adds this feature's messages to the registry; it needs an interface, empty by design.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface MessageRegistry extends DeclaredMessages<typeof checkoutGuardMessages> {}
}

/** A blanket PO as the checkout hint's Generate panel shows it. */
export interface GuardBlanketPo {
  po: string;
  label: string;
  owner?: string;
  budget?: { amount: number; currencyCode: string };
  validFrom?: string;
  validTo?: string;
}
