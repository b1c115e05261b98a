import { isBlanketActiveOn, localIsoDate, type BlanketPo } from '@/lib/policy/blanket';
import type { Charge, OrderReport } from './schemas';

/**
 * Pure helpers for the popup: totals of a lookup and its CSV export.
 */

export interface CurrencyTotal {
  currencyCode: string;
  amount: number;
}

export interface OrdersSummary {
  /** All orders, cancelled included. */
  count: number;
  /** NET_TOTAL per currency of the orders that are not cancelled, sorted by currency code. */
  totals: CurrencyTotal[];
  cancelled: { count: number; totals: CurrencyTotal[] };
  /** Orders per status, unknown statuses under their raw value. */
  byStatus: Record<string, number>;
  /** Orders without a NET_TOTAL charge: counted, but not in any total. */
  withoutNetTotal: number;
}

// Sums in thousandths of the currency unit, so 0.1 + 0.2 is 0.3 and JPY (no decimals) or KWD (3) come out exact.
export const AMOUNT_SCALE = 1000;
const SCALE = AMOUNT_SCALE;

export function summarizeOrders(orders: readonly OrderReport[]): OrdersSummary {
  const open = new Map<string, number>();
  const cancelled = new Map<string, number>();
  const byStatus: Record<string, number> = {};
  let cancelledCount = 0;
  let withoutNetTotal = 0;
  for (const order of orders) {
    byStatus[order.orderStatus] = (byStatus[order.orderStatus] ?? 0) + 1;
    const isCancelled = order.orderStatus === 'CANCELLED';
    if (isCancelled) cancelledCount += 1;
    const netTotals = order.charges.filter((charge) => charge.type === 'NET_TOTAL');
    if (netTotals.length === 0) withoutNetTotal += 1;
    const into = isCancelled ? cancelled : open;
    for (const { amount } of netTotals) {
      into.set(amount.currencyCode, (into.get(amount.currencyCode) ?? 0) + Math.round(amount.amount * SCALE));
    }
  }
  return {
    count: orders.length,
    totals: toTotals(open),
    cancelled: { count: cancelledCount, totals: toTotals(cancelled) },
    byStatus,
    withoutNetTotal,
  };
}

/** What counts against a blanket PO's budget: for the popup's budget view and the Generate panel alike. */
export interface BlanketOrdersSummary {
  /** Of the counted orders. */
  summary: OrdersSummary;
  /** Counted orders not cancelled that have no NET_TOTAL: the spend may be higher than `spent`. */
  openWithoutNetTotal: number;
  /** Spend in the budget's currency and the budget, in thousandths of the unit (exact to compare); null without one. */
  spentScaled: number | null;
  budgetScaled: number | null;
}

/**
 * The orders under a blanket PO against its budget. With `datedOnly` (the policy lists the PO once per period) only
 * those dated inside this entry's validity count, so last year's orders do not eat this year's budget.
 */
export function blanketOrdersSummary(
  entry: Pick<BlanketPo, 'budget' | 'validFrom' | 'validTo'>,
  orders: readonly OrderReport[],
  { datedOnly }: { datedOnly: boolean },
): BlanketOrdersSummary {
  const counted = datedOnly
    ? orders.filter((order) => {
        const date = new Date(order.orderMetadata.orderDate);
        return Number.isNaN(date.getTime()) || isBlanketActiveOn(entry, localIsoDate(date));
      })
    : orders;
  const summary = summarizeOrders(counted);
  const openWithoutNetTotal = counted.filter(
    (order) => order.orderStatus !== 'CANCELLED' && !order.charges.some((charge) => charge.type === 'NET_TOTAL'),
  ).length;
  const budget = entry.budget;
  if (!budget) return { summary, openWithoutNetTotal, spentScaled: null, budgetScaled: null };
  const spent = summary.totals.find((total) => total.currencyCode === budget.currencyCode)?.amount ?? 0;
  return {
    summary,
    openWithoutNetTotal,
    spentScaled: Math.round(spent * SCALE),
    budgetScaled: Math.round(budget.amount * SCALE),
  };
}

function toTotals(sums: Map<string, number>): CurrencyTotal[] {
  return [...sums.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currencyCode, scaled]) => ({ currencyCode, amount: scaled / SCALE }));
}

export const CSV_COLUMNS = [
  'Order ID',
  'Order date',
  'Region',
  'Status',
  'PO number',
  'Buyer name',
  'Buyer email',
  'Buyer group',
  'Approver',
  'GL code',
  'Cost center',
  'Project code',
  'Department',
  'Location',
  'Subtotal',
  'Shipping',
  'Promotion',
  'Tax',
  'Net total',
  'Currency',
] as const;

export type Cell = string | number | undefined;

/**
 * The orders as CSV for a spreadsheet: RFC 4180 (CRLF, fields with a comma, quote or line break quoted,
 * quotes doubled) with a UTF-8 byte order mark so Excel reads accents and currency symbols right.
 *
 * Formula injection: a TEXT cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
 * leading `'`, so a buyer name like `=HYPERLINK(…)` stays text. Amounts are numbers from the parsed response
 * and are written as plain numerals (`-50`, `512.45`), never neutralised: a spreadsheet reads `-50` as the
 * number minus fifty, not a formula, and a promotion must stay summable.
 */
/** An order's CSV cells from "PO number" to "Currency" (CSV_COLUMNS' tail), shared by every orders CSV. */
export function orderDetailCells(order: OrderReport): Cell[] {
  const info = order.businessOrderInfo ?? {};
  const approver = order.approverDetails?.lastOrderApproverCustomer;
  return [
    order.purchaseOrderNumber,
    order.buyingCustomer?.name,
    order.buyingCustomer?.email,
    order.buyerGroup?.name,
    approver?.name ?? approver?.email,
    info.glCode,
    info.costCenter,
    info.projectCode,
    info.department,
    info.location,
    chargeAmount(order.charges, 'SUBTOTAL'),
    chargeAmount(order.charges, 'SHIPPING_AND_HANDLING'),
    chargeAmount(order.charges, 'PROMOTION'),
    chargeAmount(order.charges, 'TAX'),
    chargeAmount(order.charges, 'NET_TOTAL'),
    orderCurrency(order.charges),
  ];
}

export function ordersToCsv(orders: readonly OrderReport[]): string {
  const rows: Cell[][] = [[...CSV_COLUMNS]];
  for (const order of orders) {
    rows.push([
      order.orderMetadata.orderId,
      order.orderMetadata.orderDate,
      order.orderMetadata.region,
      order.orderStatus,
      ...orderDetailCells(order),
    ]);
  }
  return '\uFEFF' + rows.map((row) => row.map(csvCell).join(',') + '\r\n').join('');
}

/** The sum of the charges of a type (Amazon sends one of each; two would be added), or empty when absent. */
export function chargeAmount(charges: readonly Charge[], type: string): number | undefined {
  const matching = charges.filter((charge) => charge.type === type);
  if (matching.length === 0) return undefined;
  return matching.reduce((sum, charge) => sum + Math.round(charge.amount.amount * SCALE), 0) / SCALE;
}

export function orderCurrency(charges: readonly Charge[]): string | undefined {
  return (charges.find((charge) => charge.type === 'NET_TOTAL') ?? charges[0])?.amount.currencyCode;
}

export function csvCell(value: Cell): string {
  if (value === undefined) return '';
  let text: string;
  if (typeof value === 'number') {
    text = Number.isFinite(value) ? String(value) : '';
  } else {
    text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  }
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** What the checkout guard may learn from Amazon about a PO: a count and a date, never the orders. */
export interface PoUsage {
  configured: boolean;
  orders: number;
  lastOrderDate: string | null;
  /** Amazon could not be asked (an error and no orders): the count is unknown, not zero. */
  failed?: boolean;
}
