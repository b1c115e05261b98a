import { z } from 'zod';
import type { Region } from '@/lib/amazon/marketplaces';
import type { SerializedApiError } from '@/lib/api/errors';
import type { OrderReport } from '@/lib/api/schemas';
import { defineEvent, defineMessage, returns, type DeclaredMessages, type EventMessage } from '@/lib/messaging/protocol';
import { poInput as po, regionSchema } from '@/lib/messaging/schemas';

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

declare module '@/lib/messaging/protocol' {
  // Declaration merging adds this feature's messages to the registry; it needs an interface, empty by design.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface MessageRegistry extends DeclaredMessages<typeof orderLookupMessages> {}
}
