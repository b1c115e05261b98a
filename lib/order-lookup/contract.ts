import { z } from 'zod';
import type { Region } from '@/lib/amazon/marketplaces';
import { serializedApiErrorSchema, type SerializedApiError } from '@/lib/api/errors';
import type { OrderReport } from '@/lib/api/schemas';
import {
  defineEvent,
  defineMessage,
  returns,
  type DeclaredMessages,
  type EventMessage,
} from '@/lib/messaging/protocol';
import { emptyInput as empty, poInput as po, regionSchema } from '@/lib/messaging/schemas';
import type { JobProgress } from './reconcile/fetch-job';

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

const lookupId = z.string().min(1).max(100);

/** The popup's order lookup. Extension pages only: order data never reaches a content script. */
export const orderLookupMessages = {
  lookupOrdersByPo: defineMessage({
    from: ['extension'],
    input: z.object({ po, region: regionSchema, refresh: z.boolean().optional(), lookupId }),
    output: returns<LookupResponse>(),
  }),
  cancelLookup: defineMessage({
    from: ['extension'],
    input: z.object({ lookupId }),
    output: returns<{ cancelled: boolean }>(),
  }),
  getCachedLookup: defineMessage({
    from: ['extension'],
    input: z.object({ po, region: regionSchema }),
    output: returns<LookupResponse | null>(),
  }),
};

/** Sent by the background to extension pages while a lookup pages through results. */
export const lookupProgress = defineEvent(
  'lookupProgress',
  z.object({
    lookupId: z.string(),
    pages: z.number().int().nonnegative(),
    orders: z.number().int().nonnegative(),
    /** Set while waiting out Amazon's rate limit or a retry, so the popup can say so. */
    waitingMs: z.number().nonnegative().optional(),
  }),
);
export type LookupProgressEvent = EventMessage<typeof lookupProgress>;

// ---- Reconcile page (issue 13) ----------------------------------------------------------------------------------
// Extension pages only (the Reconcile page). The reconciled table itself is not a message: the page reads the orders
// from the extension-origin IndexedDB the job fills (see reconcile/order-store.ts).
const reconcileDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected a YYYY-MM-DD date.');

export const reconcileMessages = {
  /** Fetch every order of the period (YYYY-MM-DD, inclusive) in these regions; answers with the first progress. */
  startReconcileFetch: defineMessage({
    from: ['extension'],
    input: z
      .object({ from: reconcileDay, to: reconcileDay, regions: z.array(regionSchema).min(1).max(20) })
      .refine((input) => input.from <= input.to, 'The period ends before it starts.'),
    output: returns<JobProgress | null>(),
  }),
  /** Continue the stored job from its last page (after Cancel or an error); null when there is none. */
  resumeReconcileFetch: defineMessage({ from: ['extension'], input: empty, output: returns<JobProgress | null>() }),
  cancelReconcileFetch: defineMessage({ from: ['extension'], input: empty, output: returns<{ cancelled: boolean }>() }),
  getReconcileStatus: defineMessage({ from: ['extension'], input: empty, output: returns<JobProgress | null>() }),
};

const jobWindowCount = z.number().int().nonnegative();
/** Sent by the background to extension pages with every page the Reconcile fetch job stores. */
export const reconcileProgress = defineEvent(
  'reconcileProgress',
  z.object({
    progress: z.object({
      id: z.string(),
      range: z.object({ from: reconcileDay, to: reconcileDay }),
      regions: z.array(regionSchema),
      status: z.enum(['running', 'done', 'cancelled', 'error']),
      pages: jobWindowCount,
      orders: jobWindowCount,
      windows: jobWindowCount,
      windowsDone: jobWindowCount,
      secondsLeft: z.number().nonnegative(),
      error: serializedApiErrorSchema.optional(),
    }),
  }),
);
export type ReconcileProgressEvent = EventMessage<typeof reconcileProgress>;
// ---- end Reconcile page ------------------------------------------------------------------------------------------

declare module '@/lib/messaging/protocol' {
  // Declaration merging adds this feature's messages (lookup and reconcile) to the registry.
  interface MessageRegistry
    extends DeclaredMessages<typeof orderLookupMessages>, DeclaredMessages<typeof reconcileMessages> {}
}
