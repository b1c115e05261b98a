import { z } from 'zod';
import { isRegion } from './regions';
import type { Region } from '../amazon/marketplaces';

/**
 * Response schemas of the Reporting API (v2025-06-09), LWA and the token broker.
 *
 * Amazon's own documents disagree on shapes (the API reference's examples and its model definitions differ), so these accept every
 * documented variant and hand the rest of the extension one normalised shape:
 * - `orderDate` as a string or `{ date }` becomes one ISO 8601 string (UTC, milliseconds);
 * - optional objects sent as `null` become absent;
 * - unknown fields are dropped;
 * - status, charge type and region values PO Assist does not know are kept as raw strings, and listed in
 *   `unknownValues` so the UI can say so instead of the page failing.
 * Required: `orderMetadata.orderId`, `orderMetadata.orderDate`, `orderStatus`, `charges[].type`,
 * `charges[].amount.{currencyCode, amount}`; a page missing one is malformed.
 */

export const ORDER_STATUSES = [
  'PENDING_APPROVAL',
  'PAYMENT_CONFIRMED',
  'PENDING_FULFILLMENT',
  'PENDING',
  'CANCELLED',
  'CLOSED',
] as const;
export type KnownOrderStatus = (typeof ORDER_STATUSES)[number];
/** A known status, or the raw value Amazon sent (`(string & {})` keeps editor completion for the known ones). */
export type OrderStatus = KnownOrderStatus | (string & {});

export const CHARGE_TYPES = ['SUBTOTAL', 'SHIPPING_AND_HANDLING', 'PROMOTION', 'TAX', 'NET_TOTAL'] as const;
export type KnownChargeType = (typeof CHARGE_TYPES)[number];
export type ChargeType = KnownChargeType | (string & {});

export type OrderRegion = Region | (string & {});

export function isKnownOrderStatus(value: string): value is KnownOrderStatus {
  return (ORDER_STATUSES as readonly string[]).includes(value);
}
export function isKnownChargeType(value: string): value is KnownChargeType {
  return (CHARGE_TYPES as readonly string[]).includes(value);
}

/** ISO 8601 with an offset, or a bare date; a date-time without an offset is read as UTC, never local time. */
function normaliseDate(raw: string): string | undefined {
  const text = raw.trim();
  const hasTime = /T\d/.test(text);
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(text);
  const millis = Date.parse(hasTime && !hasZone ? `${text}Z` : text);
  return Number.isNaN(millis) ? undefined : new Date(millis).toISOString();
}

const dateSchema = z.union([z.string(), z.object({ date: z.string() })]).transform((value, ctx) => {
  const raw = typeof value === 'string' ? value : value.date;
  const iso = normaliseDate(raw);
  if (iso === undefined) {
    ctx.addIssue({ code: 'custom', message: `not a date: "${raw}"` });
    return z.NEVER;
  }
  return iso;
});

/** Optional in the model, `null` in the tutorial: both become `undefined`. */
function optional<T extends z.ZodType>(schema: T) {
  return schema.nullish().transform((value) => value ?? undefined);
}

const optionalString = optional(z.string());

export const moneySchema = z.object({
  currencyCode: z.string().regex(/^[A-Z]{3}$/, 'expected a three-letter currency code'),
  amount: z.number().finite(),
});
export type Money = z.infer<typeof moneySchema>;

export const chargeSchema = z.object({
  type: z.string().min(1),
  amount: moneySchema,
});
export interface Charge {
  type: ChargeType;
  amount: Money;
}

const customerSchema = z.object({ name: optionalString, email: optionalString });

/** A string map in the model (`glCode`, `costCenter`, …); numbers are kept as text, nulls dropped. */
const businessOrderInfoSchema = z
  .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
  .transform((map) => {
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(map)) if (value !== null) out[key] = String(value);
    return out as BusinessOrderInfo;
  });
export type BusinessOrderInfo = {
  glCode?: string;
  costCenter?: string;
  location?: string;
  projectCode?: string;
  department?: string;
  [key: string]: string | undefined;
};

const orderReportSchemaRaw = z.object({
  orderMetadata: z.object({
    orderDate: dateSchema,
    orderId: z.string().min(1),
    region: optionalString,
  }),
  purchaseOrderNumber: optionalString,
  orderStatus: z.string().min(1),
  charges: z.array(chargeSchema),
  buyingCustomer: optional(customerSchema),
  buyerGroup: optional(z.object({ name: optionalString })),
  businessOrderInfo: optional(businessOrderInfoSchema),
  approverDetails: optional(z.object({ lastOrderApproverCustomer: optional(customerSchema) })),
});

export const orderReportSchema = orderReportSchemaRaw.transform((order): OrderReport => {
  const unknownValues: string[] = [];
  if (!isKnownOrderStatus(order.orderStatus)) unknownValues.push(`orderStatus: ${order.orderStatus}`);
  const region = order.orderMetadata.region;
  if (region !== undefined && !isRegion(region)) unknownValues.push(`orderMetadata.region: ${region}`);
  order.charges.forEach((charge, i) => {
    if (!isKnownChargeType(charge.type)) unknownValues.push(`charges[${i}].type: ${charge.type}`);
  });
  return { ...order, unknownValues };
});

export interface Customer {
  name?: string;
  email?: string;
}

export interface OrderReport {
  orderMetadata: { orderDate: string; orderId: string; region?: OrderRegion };
  purchaseOrderNumber?: string;
  orderStatus: OrderStatus;
  charges: Charge[];
  buyingCustomer?: Customer;
  buyerGroup?: { name?: string };
  businessOrderInfo?: BusinessOrderInfo;
  approverDetails?: { lastOrderApproverCustomer?: Customer };
  /** Values Amazon sent that PO Assist does not know, as `path: value`; empty when all are known. */
  unknownValues: string[];
}

export const ordersPageSchema = z.object({
  ordersReport: z.array(orderReportSchema),
  /** Absent, `null` and `""` all mean "last page". */
  nextPageToken: z
    .string()
    .nullish()
    .transform((token) => (token ? token : undefined)),
  size: optional(z.number().int().nonnegative()),
});
export interface OrdersPage {
  ordersReport: OrderReport[];
  nextPageToken?: string;
  size?: number;
}

export const errorListSchema = z.object({
  errors: z
    .array(
      z.object({
        code: z.string(),
        message: z
          .string()
          .nullish()
          .transform((m) => m ?? ''),
        details: optionalString,
      }),
    )
    .min(1),
});
export type ErrorList = z.output<typeof errorListSchema>;

/** Login with Amazon: `POST https://api.amazon.com/auth/o2/token` with a refresh-token grant. */
export const lwaTokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: optionalString,
  expires_in: z.number().positive(),
  refresh_token: optionalString,
});
export type LwaTokenResponse = z.output<typeof lwaTokenResponseSchema>;

export const lwaErrorSchema = z.object({
  error: z.string().min(1),
  error_description: optionalString,
});
export type LwaError = z.output<typeof lwaErrorSchema>;

/** The company's token broker (see auth.ts): the same two fields as LWA, nothing else required. */
export const brokerTokenResponseSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
});
export type BrokerTokenResponse = z.output<typeof brokerTokenResponseSchema>;

/** `ordersReport[3].orderMetadata.orderId` from a zod issue path. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}
