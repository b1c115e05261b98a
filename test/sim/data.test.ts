import { describe, expect, it } from 'vitest';
import { SIM_POS, SIM_PO_SPECS, SIM_REGIONS, SIM_STATUSES, buildDataset, simPo, type WireOrder } from './data';

const NOW = Date.parse('2026-11-24T08:00:00Z');
const dataset = buildDataset({ now: NOW });
const allOrders = [...dataset.byPo.values()].flat();
const DAY = 86_400_000;

function minor(order: WireOrder, type: string): number {
  const charge = order.charges.find((c) => c.type === type)!;
  const factor = charge.amount.currencyCode === 'JPY' ? 1 : 100;
  return Math.round(charge.amount.amount * factor);
}

describe('the simulator data set', () => {
  it('is the same for the same seed and different for another', () => {
    expect(buildDataset({ now: NOW })).toEqual(dataset);
    const other = buildDataset({ seed: 7, now: NOW });
    expect(other.byPo.get('PO-BIG-0001')![0]!.wire.charges).not.toEqual(
      dataset.byPo.get('PO-BIG-0001')![0]!.wire.charges,
    );
  });

  it('has the orders each spec asks for', () => {
    for (const spec of SIM_PO_SPECS) {
      const orders = dataset.byPo.get(spec.po)!;
      for (const [region, count] of Object.entries(spec.orders)) {
        expect(
          orders.filter((o) => o.region === region),
          `${spec.po} ${region}`,
        ).toHaveLength(count);
      }
      expect(orders.every((o) => o.wire.purchaseOrderNumber === spec.po)).toBe(true);
    }
  });

  it.each([
    ['MKT-202611-0042', 4],
    ['ENG-202610-0007', 1],
    ['PRJ-ATLAS-0001', 8],
    ['BPO-2026-MKT', 40],
    ['PO-BIG-0001', 300],
    ['FIN-202609-0100', 9],
    ['OPS-202608-0003', 5],
    ['R&D/2026 #7+Q3', 2],
  ])('SIM_POS: %s has %i orders', (po, count) => {
    expect(simPo(po).count).toBe(count);
  });

  it('charges add up: SUBTOTAL + SHIPPING + PROMOTION + TAX = NET_TOTAL, promotions never positive', () => {
    for (const { wire } of allOrders) {
      const sum = ['SUBTOTAL', 'SHIPPING_AND_HANDLING', 'PROMOTION', 'TAX'].reduce((s, t) => s + minor(wire, t), 0);
      expect(sum, wire.orderMetadata.orderId).toBe(minor(wire, 'NET_TOTAL'));
      expect(minor(wire, 'PROMOTION')).toBeLessThanOrEqual(0);
      expect(new Set(wire.charges.map((c) => c.amount.currencyCode)).size).toBe(1);
    }
    expect(allOrders.some(({ wire }) => minor(wire, 'PROMOTION') < 0)).toBe(true);
  });

  it('SIM_POS totals match the orders on the wire', () => {
    for (const info of SIM_POS) {
      for (const [region, expected] of Object.entries(info.byRegion)) {
        const orders = dataset.byPo.get(info.po)!.filter((o) => o.region === region);
        const open = orders.filter((o) => o.wire.orderStatus !== 'CANCELLED');
        const total =
          open.reduce((s, o) => s + minor(o.wire, 'NET_TOTAL'), 0) / (expected.currency === 'JPY' ? 1 : 100);
        expect(expected.netTotal, `${info.po} ${region}`).toBeCloseTo(total, 6);
        expect(expected.cancelled).toBe(orders.length - open.length);
      }
    }
  });

  it('dates fall in the 2 years before now, newest first', () => {
    for (const orders of dataset.byPo.values()) {
      const dates = orders.map((o) => Date.parse(o.orderDate));
      for (const date of dates) {
        expect(date).toBeLessThan(NOW);
        expect(date).toBeGreaterThan(NOW - 730 * DAY);
      }
      expect([...dates].sort((a, b) => b - a)).toEqual(dates);
    }
  });

  it('covers every status, region, currency and wire variant', () => {
    expect(new Set(allOrders.map((o) => o.status))).toEqual(new Set(SIM_STATUSES));
    expect(new Set(allOrders.map((o) => o.region))).toEqual(new Set(SIM_REGIONS));
    expect(new Set(allOrders.map((o) => o.currency))).toEqual(
      new Set(['USD', 'CAD', 'MXN', 'GBP', 'EUR', 'INR', 'JPY', 'AUD']),
    );
    const wires = allOrders.map((o) => o.wire);
    expect(wires.some((w) => typeof w.orderMetadata.orderDate === 'string')).toBe(true);
    expect(wires.some((w) => typeof w.orderMetadata.orderDate === 'object')).toBe(true);
    for (const key of ['buyerGroup', 'businessOrderInfo', 'approverDetails'] as const) {
      expect(
        wires.some((w) => w[key] === null),
        `${key} null`,
      ).toBe(true);
      expect(
        wires.some((w) => !(key in w)),
        `${key} absent`,
      ).toBe(true);
      expect(
        wires.some((w) => w[key] && typeof w[key] === 'object'),
        `${key} present`,
      ).toBe(true);
    }
  });

  it('order ids are unique', () => {
    expect(new Set(allOrders.map((o) => o.orderId)).size).toBe(allOrders.length);
  });

  it('PO-BIG-0001 has every status; PRJ-ATLAS-0001 has one cancelled US order', () => {
    expect(Object.keys(simPo('PO-BIG-0001').byRegion.US!.byStatus).sort()).toEqual([...SIM_STATUSES].sort());
    expect(simPo('PRJ-ATLAS-0001').byRegion.US!.cancelled).toBe(1);
  });

  it('the blanket PO stays under its 5000 USD budget', () => {
    const us = simPo('BPO-2026-MKT').byRegion.US!;
    expect(us.netTotal).toBeGreaterThan(2500);
    expect(us.netTotal).toBeLessThan(5000);
  });
});
