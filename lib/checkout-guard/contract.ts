import { z } from 'zod';
import type { Region } from '@/lib/amazon/marketplaces';
import type { PoUsage } from '@/lib/api/summary';
import type { MatcherSpec } from '@/lib/policy/matcher';
import type { Policy } from '@/lib/policy/schema';
import type { GenerateResult, PoVerdict } from '@/lib/policy/types';
import { defineMessage, returns, type DeclaredMessages } from '@/lib/messaging/protocol';
import { emptyInput as empty, langInput as lang, poInput, regionSchema } from '@/lib/messaging/schemas';
import type { FieldStatus } from '@/lib/storage/items';
import type { PolicyReport, PolicySource } from '@/lib/storage/resolve';

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

/** The checkout guard's messages. Content scripts get validation-related answers only, never credentials or orders. */
export const checkoutGuardMessages = {
  getGuardState: defineMessage({ from: ['content', 'extension'], input: empty, output: returns<GuardState>() }),
  // Long enough for anything a shopper pastes; validation is linear, so even this stays quick.
  explainPo: defineMessage({
    from: ['content', 'extension'],
    input: z.object({ po: z.string().max(10_000) }),
    output: returns<PoVerdict>(),
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
  recordPoUse: defineMessage({
    from: ['content'],
    input: z.object({ po: z.string().min(1).max(200), marketplace: regionSchema }),
    output: returns<{ recorded: boolean }>(),
  }),
  reportFieldStatus: defineMessage({
    from: ['content'],
    input: z.object({
      found: z.boolean(),
      via: z.string().max(300).nullable(),
      host: z.string().max(200),
      path: z.string().max(2000),
    }),
    output: returns<{ ok: true }>(),
  }),
  openOptionsPage: defineMessage({ from: ['content', 'extension'], input: empty, output: returns<{ ok: true }>() }),
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
};

declare module '@/lib/messaging/protocol' {
  // Declaration merging adds this feature's messages to the registry; it needs an interface, empty by design.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface MessageRegistry extends DeclaredMessages<typeof checkoutGuardMessages> {}
}
