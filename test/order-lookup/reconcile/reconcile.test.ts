import { describe, expect, it } from 'vitest';
import { orderReportSchema } from '@/lib/api/schemas';
import { countVerdicts, poKey, reconcile, VERDICTS } from '@/lib/order-lookup/reconcile/reconcile';
import { verdictMessage } from '@/lib/policy-words';
import { validatePo } from '@/lib/policy/validate';
import { buildDataset } from '../../sim/data';
import { buildBulkDataset, BULK_BLANKET_PO, BULK_REUSED_POS, BULK_UNUSED_POS } from '../../sim/order-report-data';
import { NOW, order, RECONCILE_POLICY } from './support';

const policy = RECONCILE_POLICY;
const rowOf = (rows: ReturnType<typeof reconcile>, po: string) => rows.find((row) => row.po === po)!;

describe('reconcile by PO', () => {
  it('groups orders by the PO as the policy compares it, with totals per currency and cancelled apart', () => {
    const rows = reconcile(
      [
        order('mkt-202611-0042', { amount: 10, date: '2026-11-03T00:00:00.000Z', buyer: 'Ben Brown' }),
        order(' MKT-202611-0042', { amount: 5.5, currency: 'CAD', date: '2026-11-01T00:00:00.000Z' }),
        order('MKT-202611-0042', { amount: 99, status: 'CANCELLED', date: '2026-11-20T00:00:00.000Z' }),
      ],
      { policy: { ...policy, reuse: 'allow' }, now: NOW },
    );
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row.po).toBe('MKT-202611-0042');
    expect(row.activeOrders).toBe(2);
    expect(row.cancelledOrders).toBe(1);
    expect(row.totals).toEqual([
      { currencyCode: 'CAD', amount: 5.5 },
      { currencyCode: 'USD', amount: 10 },
    ]);
    expect(row.cancelledTotals).toEqual([{ currencyCode: 'USD', amount: 99 }]);
    expect(row.firstDate).toBe('2026-11-01T00:00:00.000Z');
    expect(row.lastDate).toBe('2026-11-20T00:00:00.000Z');
    expect(row.buyers).toEqual(['Ava Adams', 'Ben Brown']);
    expect(row.byStatus).toEqual({ CLOSED: 2, CANCELLED: 1 });
    expect(row.verdicts).toEqual(['compliant']);
  });

  it('gives each verdict: non-compliant with the diagnosis, no PO, blanket within and over budget, reused', () => {
    const rows = reconcile(
      [
        order('ENG-202611-0001'),
        order('MKT-2026-11-42'),
        order(undefined),
        order('BPO-2026-MKT', { amount: 4500 }),
        order('BPO-2026-OPS', { amount: 15000 }),
        order('BPO-2026-OPS', { amount: 6000 }),
        order('FIN-202611-0002'),
        order('FIN-202611-0002'),
        order('ENG-202611-0003'),
        order('ENG-202611-0003', { status: 'CANCELLED' }),
      ],
      { policy, now: NOW },
    );
    expect(rowOf(rows, 'ENG-202611-0001').verdicts).toEqual(['compliant']);
    const bad = rowOf(rows, 'MKT-2026-11-42');
    expect(bad.verdicts).toEqual(['non-compliant']);
    expect(bad.diagnosis).toMatchObject({ code: 'mismatch' });
    expect(bad.diagnosis!.message.length).toBeGreaterThan(0);
    expect(rowOf(rows, '').verdicts).toEqual(['no-po']);
    expect(rowOf(rows, 'BPO-2026-MKT').verdicts).toEqual(['blanket']);
    expect(rowOf(rows, 'BPO-2026-MKT').blanket).toMatchObject({ spent: 4500, level: 'warning' });
    expect(rowOf(rows, 'BPO-2026-OPS').verdicts).toEqual(['over-budget', 'blanket']);
    expect(rowOf(rows, 'BPO-2026-OPS').blanket).toMatchObject({ spent: 21000, level: 'over' });
    expect(rowOf(rows, 'FIN-202611-0002').verdicts).toEqual(['reused']);
    // A cancelled second order is not a second use.
    expect(rowOf(rows, 'ENG-202611-0003').verdicts).toEqual(['compliant']);
  });

  it('says why each non-compliant PO is wrong in the words the popup and the checkout guard use', () => {
    const pos = ['MKT-2026-11-42', 'eng-202613-0001', 'XYZ', 'FIN-202611-00021', 'OPS 202611 0001'];
    const rows = reconcile(
      pos.map((po) => order(po)),
      { policy, now: NOW },
    );
    for (const po of pos) {
      const verdict = validatePo(policy, po, { now: NOW });
      expect(verdict.valid, po).toBe(false);
      const row = rowOf(rows, poKey(policy, po));
      expect(row.verdicts).toContain('non-compliant');
      expect(row.diagnosis).toEqual({
        code: verdict.valid ? null : verdict.code,
        message: verdict.valid ? '' : verdictMessage(verdict),
      });
    }
  });

  it('with a list: listed POs without an order, and orders whose PO is not listed', () => {
    const rows = reconcile([order('ENG-202611-0001'), order('ENG-202611-0004')], {
      policy,
      now: NOW,
      list: ['eng-202611-0001', 'MKT-202611-9998'],
    });
    expect(rowOf(rows, 'ENG-202611-0001')).toMatchObject({ verdicts: ['compliant'], listed: true });
    expect(rowOf(rows, 'ENG-202611-0004')).toMatchObject({ verdicts: ['not-in-list', 'compliant'], listed: false });
    expect(rowOf(rows, 'MKT-202611-9998')).toMatchObject({
      verdicts: ['listed-no-order'],
      activeOrders: 0,
      firstDate: null,
    });
  });

  it('without a policy, POs are unchecked rather than called compliant', () => {
    const rows = reconcile([order('anything')], { policy: null, now: NOW });
    expect(rows[0]!.verdicts).toEqual(['unchecked']);
  });

  it('the simulator data set has every verdict', () => {
    const bulk = buildBulkDataset(buildDataset({ now: NOW.getTime() }));
    const orders = bulk.orders.map((o) => orderReportSchema.parse(o.wire));
    expect(orders.length).toBeGreaterThan(3000);
    const listed = [...BULK_UNUSED_POS, ...BULK_REUSED_POS];
    const rows = reconcile(orders, { policy, now: NOW, list: listed });
    const counts = countVerdicts(rows);
    for (const verdict of VERDICTS.filter((v) => v !== 'unchecked'))
      expect(counts[verdict], verdict).toBeGreaterThan(0);
    expect(rowOf(rows, BULK_BLANKET_PO).verdicts).toContain('over-budget');
    expect(rowOf(rows, 'BPO-2026-MKT').verdicts).not.toContain('over-budget');
    for (const po of BULK_REUSED_POS) expect(rowOf(rows, po).verdicts).toContain('reused');
  });
});
