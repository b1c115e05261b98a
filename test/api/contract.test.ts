import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  errorListSchema,
  formatIssuePath,
  lwaErrorSchema,
  lwaTokenResponseSchema,
  brokerTokenResponseSchema,
  orderReportSchema,
  ordersPageSchema,
} from '@/lib/api/schemas';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const referenceDir = path.resolve(repoRoot, '../shared/reference');
const readJson = (name: string): unknown => JSON.parse(readFileSync(path.join(referenceDir, name), 'utf8'));

/** Which schema each reference file is an example of; a new file there fails the first test until listed. */
const REFERENCE_SCHEMAS = {
  'by-po.tutorial.page1.json': ordersPageSchema,
  'by-po.tutorial.page2.json': ordersPageSchema,
  'by-po.sandbox.json': ordersPageSchema,
  'by-po.schema-date.json': ordersPageSchema,
  'error.400.json': errorListSchema,
  'lwa-token.response.json': lwaTokenResponseSchema,
} as const;

describe('Amazon reference examples (../shared/reference)', () => {
  it('every JSON file there has a schema here', () => {
    const files = readdirSync(referenceDir)
      .filter((name) => name.endsWith('.json'))
      .sort();
    expect(files).toEqual(Object.keys(REFERENCE_SCHEMAS).sort());
  });

  it.each(Object.entries(REFERENCE_SCHEMAS))('%s parses', (name, schema) => {
    const result = schema.safeParse(readJson(name));
    expect(result.error).toBeUndefined();
  });

  it('tutorial page 1: string date, null optional objects, a token to follow', () => {
    const page = ordersPageSchema.parse(readJson('by-po.tutorial.page1.json'));
    expect(page.nextPageToken).toBe('123asda');
    expect(page.size).toBe(1);
    const [order] = page.ordersReport;
    expect(order?.orderMetadata).toEqual({
      orderDate: '2024-11-08T21:29:44.000Z',
      orderId: '114-0575598-4117065',
      region: 'US',
    });
    expect(order?.businessOrderInfo).toBeUndefined();
    expect(order?.approverDetails).toBeUndefined();
    expect(order?.buyerGroup).toEqual({ name: 'Department1' });
    expect(order?.unknownValues).toEqual([]);
  });

  it('tutorial page 2: nextPageToken null ends paging', () => {
    const page = ordersPageSchema.parse(readJson('by-po.tutorial.page2.json'));
    expect(page.nextPageToken).toBeUndefined();
  });

  it('the sandbox example and the schema-shaped date give the same order', () => {
    const sandbox = ordersPageSchema.parse(readJson('by-po.sandbox.json'));
    const schemaDate = ordersPageSchema.parse(readJson('by-po.schema-date.json'));
    expect(sandbox.ordersReport).toEqual(schemaDate.ordersReport);
    const order = sandbox.ordersReport[0]!;
    expect(order.orderMetadata.orderDate).toBe('2025-04-11T00:00:00.000Z');
    expect(order.charges.find((c) => c.type === 'PROMOTION')?.amount).toEqual({ currencyCode: 'USD', amount: -50 });
    expect(order.businessOrderInfo).toEqual({
      glCode: '[glCode]',
      costCenter: '[costCenter]',
      location: '[location]',
      projectCode: '[projectCode]',
      department: '[department]',
    });
    expect(order.approverDetails?.lastOrderApproverCustomer?.name).toBe('[approverName]');
    expect(schemaDate.size).toBe(1);
    expect(schemaDate.nextPageToken).toBeUndefined();
  });

  it('the 400 example is an ErrorList', () => {
    expect(errorListSchema.parse(readJson('error.400.json')).errors[0]).toEqual({
      code: 'INVALID_REQUEST_PARAMETER',
      message: 'The required parameter purchaseOrderNumber is missing or invalid.',
      details: 'Please provide a valid purchase order number.',
    });
  });
});

/** A minimal valid order on the wire, to vary one thing at a time. */
function wireOrder(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    orderMetadata: { orderDate: '2026-05-01T10:00:00Z', orderId: '114-1111111-2222222', region: 'US' },
    orderStatus: 'CLOSED',
    charges: [{ type: 'NET_TOTAL', amount: { currencyCode: 'USD', amount: 10 } }],
    ...overrides,
  };
}

describe('documented variants', () => {
  it.each([
    ['a string', '2026-05-01T10:00:00Z', '2026-05-01T10:00:00.000Z'],
    ['a { date } object', { date: '2026-05-01T10:00:00Z' }, '2026-05-01T10:00:00.000Z'],
    ['with milliseconds and an offset', '2026-05-01T12:00:00.250+02:00', '2026-05-01T10:00:00.250Z'],
    ['without an offset (read as UTC, not local time)', '2026-05-01T10:00:00', '2026-05-01T10:00:00.000Z'],
    ['a bare date', '2026-05-01', '2026-05-01T00:00:00.000Z'],
  ])('orderDate as %s becomes one ISO string', (_, orderDate, expected) => {
    const order = orderReportSchema.parse(wireOrder({ orderMetadata: { orderDate, orderId: '114-1111111-2222222' } }));
    expect(order.orderMetadata.orderDate).toBe(expected);
  });

  it('reads a date-time without an offset as UTC whatever the machine’s time zone', () => {
    const saved = process.env.TZ;
    process.env.TZ = 'America/Los_Angeles';
    try {
      expect(new Date(2026, 0, 1).getTimezoneOffset()).toBe(480); // the zone change took effect
      const order = orderReportSchema.parse(
        wireOrder({ orderMetadata: { orderDate: '2026-05-01T10:00:00', orderId: 'x' } }),
      );
      expect(order.orderMetadata.orderDate).toBe('2026-05-01T10:00:00.000Z');
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('rejects an orderDate that is not a date, naming the path', () => {
    const result = ordersPageSchema.safeParse({
      ordersReport: [wireOrder({ orderMetadata: { orderDate: 'yesterday', orderId: 'x' } })],
    });
    expect(result.success).toBe(false);
    expect(formatIssuePath(result.error!.issues[0]!.path)).toBe('ordersReport[0].orderMetadata.orderDate');
  });

  it.each([
    ['absent', {}, undefined],
    ['null', { nextPageToken: null }, undefined],
    ['empty', { nextPageToken: '' }, undefined],
    ['a token', { nextPageToken: 'abc' }, 'abc'],
  ])('nextPageToken %s', (_, extra, expected) => {
    const page = ordersPageSchema.parse({ ordersReport: [], ...extra });
    expect(page.nextPageToken).toBe(expected);
    expect(page.size).toBeUndefined();
  });

  it('keeps unknown status, charge type and region as raw strings and lists them', () => {
    const order = orderReportSchema.parse(
      wireOrder({
        orderMetadata: { orderDate: '2026-05-01T10:00:00Z', orderId: 'x', region: 'SG' },
        orderStatus: 'ON_HOLD',
        charges: [
          { type: 'GIFT_WRAP', amount: { currencyCode: 'USD', amount: 2 } },
          { type: 'NET_TOTAL', amount: { currencyCode: 'USD', amount: 12 } },
        ],
      }),
    );
    expect(order.orderStatus).toBe('ON_HOLD');
    expect(order.charges.map((c) => c.type)).toEqual(['GIFT_WRAP', 'NET_TOTAL']);
    expect(order.unknownValues).toEqual([
      'orderStatus: ON_HOLD',
      'orderMetadata.region: SG',
      'charges[0].type: GIFT_WRAP',
    ]);
  });

  it('ignores unknown fields and turns null optional objects into absent ones', () => {
    const order = orderReportSchema.parse(
      wireOrder({
        somethingNew: { nested: true },
        buyingCustomer: null,
        buyerGroup: null,
        businessOrderInfo: { glCode: '6100', costCenter: null, customField: 42 },
        approverDetails: { lastOrderApproverCustomer: null },
      }),
    );
    expect(order).not.toHaveProperty('somethingNew');
    expect(order.buyingCustomer).toBeUndefined();
    expect(order.buyerGroup).toBeUndefined();
    expect(order.businessOrderInfo).toEqual({ glCode: '6100', customField: '42' });
    expect(order.approverDetails).toEqual({ lastOrderApproverCustomer: undefined });
  });

  it.each([
    [
      'orderMetadata.orderId',
      wireOrder({ orderMetadata: { orderDate: '2026-05-01T10:00:00Z' } }),
      'ordersReport[0].orderMetadata.orderId',
    ],
    ['orderStatus', wireOrder({ orderStatus: undefined }), 'ordersReport[0].orderStatus'],
    [
      'a currency code',
      wireOrder({ charges: [{ type: 'TAX', amount: { currencyCode: 'usd', amount: 1 } }] }),
      'ordersReport[0].charges[0].amount.currencyCode',
    ],
    [
      'an amount as text',
      wireOrder({ charges: [{ type: 'TAX', amount: { currencyCode: 'USD', amount: '1.00' } }] }),
      'ordersReport[0].charges[0].amount.amount',
    ],
  ])('a page with a bad %s fails at the right path', (_, order, expectedPath) => {
    const result = ordersPageSchema.safeParse({ ordersReport: [order] });
    expect(result.success).toBe(false);
    expect(formatIssuePath(result.error!.issues[0]!.path)).toBe(expectedPath);
  });

  it('reads the LWA error shape and the broker response', () => {
    expect(lwaErrorSchema.parse({ error: 'invalid_grant', error_description: 'bad token' })).toEqual({
      error: 'invalid_grant',
      error_description: 'bad token',
    });
    expect(brokerTokenResponseSchema.parse({ access_token: 'Atza|x', expires_in: 900, extra: 1 })).toEqual({
      access_token: 'Atza|x',
      expires_in: 900,
    });
    expect(brokerTokenResponseSchema.safeParse({ access_token: '', expires_in: 900 }).success).toBe(false);
    expect(lwaTokenResponseSchema.safeParse({ access_token: 'x' }).success).toBe(false);
  });
});
