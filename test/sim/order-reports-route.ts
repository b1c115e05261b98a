/**
 * `GET /reports/2025-06-09/orderReports?orderStartDate&orderEndDate&region[&nextPageToken]` of the simulator:
 * the orders of a date range (at most 366 days) in one region, paged like the by-PO operation (signed page tokens
 * bound to the query, the last page ending with the token absent, null or ""), behind the same faults, token
 * checks and rate bucket (server.ts runs those first).
 */
import { SIM_REGIONS, type SimRegion, type WireOrder } from './data';
import { ordersInRange, type BulkDataset } from './order-report-data';
import { SimResponse, type PageCursor, type SimFaults } from './server';

export const ORDER_REPORTS_PATH = '/reports/2025-06-09/orderReports';
const MAX_RANGE_MS = 366 * 86_400_000;

export interface OrderReportsContext {
  bulk: BulkDataset;
  pageSize: number;
  regionScope: 'marketplace' | 'endpoint';
  faults: SimFaults;
  takeBucket(): boolean;
  throttled(): SimResponse;
  signCursor(cursor: PageCursor): string;
  readCursor(token: string): PageCursor | undefined;
  endpointRegions(region: SimRegion): readonly SimRegion[];
  /** `na`, `eu` or `jp` when the request came to an API host. */
  hostEndpoint: string | undefined;
}

const invalid = (message: string, details?: string) =>
  SimResponse.errorList(400, 'INVALID_REQUEST_PARAMETER', message, details);

export function handleOrderReports(url: URL, _host: string, ctx: OrderReportsContext): SimResponse {
  const region = url.searchParams.get('region');
  if (!region) return invalid('The required parameter region is missing.');
  if (!(SIM_REGIONS as readonly string[]).includes(region)) return invalid(`Unknown region ${region}.`);
  const startRaw = url.searchParams.get('orderStartDate');
  const endRaw = url.searchParams.get('orderEndDate');
  const start = Date.parse(startRaw ?? '');
  const end = Date.parse(endRaw ?? '');
  if (Number.isNaN(start) || Number.isNaN(end)) {
    return invalid('orderStartDate and orderEndDate are required ISO 8601 date-times.');
  }
  if (end < start) return invalid('orderEndDate is before orderStartDate.');
  if (end - start > MAX_RANGE_MS) return invalid('The date range exceeds 366 days.');
  if (ctx.hostEndpoint) {
    const served = { na: ['US', 'CA', 'MX'], eu: ['UK', 'DE', 'FR', 'IT', 'ES', 'IN'], jp: ['JP', 'AU'] }[
      ctx.hostEndpoint
    ];
    if (served && !served.includes(region)) return invalid(`Region ${region} is not served by this host.`);
  }

  if (!ctx.takeBucket()) return ctx.throttled();

  const key = `range:${startRaw}|${endRaw}`;
  let offset = 0;
  const pageToken = url.searchParams.get('nextPageToken');
  if (pageToken) {
    const cursor = ctx.readCursor(pageToken);
    if (!cursor || cursor.po !== key || cursor.region !== region) {
      return invalid('The nextPageToken is invalid or does not belong to this query.');
    }
    offset = cursor.offset;
  }
  const scope = ctx.regionScope === 'endpoint' ? ctx.endpointRegions(region as SimRegion) : [region as SimRegion];
  const all = ordersInRange(ctx.bulk, scope, start, end);
  const pageNumber = Math.floor(offset / ctx.pageSize) + 1;
  const pageOrders: WireOrder[] = all.slice(offset, offset + ctx.pageSize).map((order) => structuredClone(order.wire));
  const nextOffset = offset + ctx.pageSize;
  let nextPageToken = nextOffset < all.length ? ctx.signCursor({ po: key, region, offset: nextOffset }) : undefined;
  if (ctx.faults.repeatPageToken && pageToken && nextPageToken) nextPageToken = pageToken;
  if (ctx.faults.unknownValues && pageOrders[0]) pageOrders[0].orderStatus = 'ON_HOLD_FOR_REVIEW';
  if (ctx.faults.missingOrderId?.page === pageNumber) {
    const target = pageOrders[ctx.faults.missingOrderId.index ?? 0];
    if (target) delete target.orderMetadata.orderId;
  }
  const body: Record<string, unknown> = { ordersReport: pageOrders, size: pageOrders.length };
  if (nextPageToken) body.nextPageToken = nextPageToken;
  else body.nextPageToken = pageNumber % 2 === 0 ? null : '';
  const json = JSON.stringify(body);
  if (ctx.faults.truncateJsonOnPage === pageNumber) {
    return new SimResponse(200, json.slice(0, Math.floor(json.length / 2)), { 'content-type': 'application/json' });
  }
  return new SimResponse(200, json, { 'content-type': 'application/json' });
}
