import { describe, expect, it } from 'vitest';
import { REGIONS } from '@/lib/api/regions';
import {
  businessInfoEntries,
  chargeLabel,
  csvFileName,
  formatAge,
  formatMoney,
  formatOrderDate,
  statusLabel,
  waitSeconds,
} from '@/lib/order-lookup/format';
import { REGION_NAMES, regionName } from '@/lib/api/region-names';
import { tPlural } from '@/lib/i18n';

describe('lookup formatting', () => {
  it('names every region', () => {
    expect(REGIONS.map((region) => REGION_NAMES[region])).toEqual([
      'United States',
      'Canada',
      'Mexico',
      'United Kingdom',
      'Germany',
      'France',
      'Italy',
      'Spain',
      'India',
      'Japan',
      'Australia',
    ]);
    expect(regionName('UK')).toBe('United Kingdom');
    expect(regionName('BR')).toBe('BR');
  });

  it.each([
    ['PENDING_APPROVAL', 'Pending approval'],
    ['PAYMENT_CONFIRMED', 'Payment confirmed'],
    ['PENDING_FULFILLMENT', 'Pending fulfillment'],
    ['PENDING', 'Pending'],
    ['CANCELLED', 'Cancelled'],
    ['CLOSED', 'Closed'],
    ['PARTIALLY_SHIPPED', 'PARTIALLY_SHIPPED'],
  ])('status %s reads "%s"', (status, label) => {
    expect(statusLabel(status)).toBe(label);
  });

  it('labels charges, keeping unknown types raw', () => {
    expect(chargeLabel('SHIPPING_AND_HANDLING')).toBe('Shipping and handling');
    expect(chargeLabel('GIFT_WRAP')).toBe('GIFT_WRAP');
  });

  it('formats money in the given locale, and survives a currency Intl does not know', () => {
    expect(formatMoney(1234.5, 'USD', 'en-US')).toBe('$1,234.50');
    expect(formatMoney(1200, 'JPY', 'en-US')).toBe('¥1,200');
    expect(formatMoney(5, 'EUR', 'de-DE')).toBe('5,00\u00a0€');
    expect(formatMoney(2, 'ZZ1', 'en-US')).toBe('2.00 ZZ1');
  });

  it('formats order dates in the locale and leaves non-dates alone', () => {
    expect(formatOrderDate('2024-11-08T21:29:44.000Z', 'en-US')).toBe('Nov 8, 2024');
    expect(formatOrderDate('soon', 'en-US')).toBe('soon');
  });

  it.each([
    [10, 'just now'],
    [60, '1 minute ago'],
    [5 * 60, '5 minutes ago'],
    [59 * 60, '59 minutes ago'],
    [2 * 3600, '2 hours ago'],
    [3 * 86400, '3 days ago'],
    [-30, 'just now'],
  ])('an answer fetched %i s ago was fetched %s', (seconds, words) => {
    const now = new Date('2026-03-14T12:00:00Z');
    expect(formatAge(new Date(now.getTime() - seconds * 1000).toISOString(), now)).toBe(words);
  });

  it('counts with plurals and whole waiting seconds', () => {
    expect(tPlural('count_orders', 1)).toBe('1 order');
    expect(tPlural('count_orders', 0)).toBe('0 orders');
    expect(tPlural('count_orders', 1234)).toBe('1,234 orders');
    expect(waitSeconds(1)).toBe(1);
    expect(waitSeconds(2000)).toBe(2);
    expect(waitSeconds(2001)).toBe(3);
  });

  it.each([
    ['MKT-202611-0042', 'US', 'orders-MKT-202611-0042-US.csv'],
    ['MKT/2026 "Q1"', 'UK', 'orders-MKT_2026_Q1-UK.csv'],
    ['../../etc/passwd', 'DE', 'orders-etc_passwd-DE.csv'],
    ['Café ñ', 'ES', 'orders-Cafe_n-ES.csv'],
    ['???', 'FR', 'orders-po-FR.csv'],
    ['A'.repeat(200), 'JP', `orders-${'A'.repeat(60)}-JP.csv`],
  ])('the CSV for %j in %s is %s', (po, region, name) => {
    expect(csvFileName(po, region)).toBe(name);
  });

  it('lists business order info with known keys first and others in words', () => {
    expect(
      businessInfoEntries({
        purchaseRequisition: 'PR-9',
        location: 'Berlin',
        glCode: '6100',
        cost_center_2: 'X',
        department: '',
      }),
    ).toEqual([
      { key: 'glCode', label: 'GL code', value: '6100' },
      { key: 'location', label: 'Location', value: 'Berlin' },
      { key: 'purchaseRequisition', label: 'Purchase requisition', value: 'PR-9' },
      { key: 'cost_center_2', label: 'Cost center 2', value: 'X' },
    ]);
    expect(businessInfoEntries(undefined)).toEqual([]);
  });
});
