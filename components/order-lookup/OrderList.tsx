import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { Region } from '@/lib/amazon/marketplaces';
import { isRegion, orderDetailsUrl } from '@/lib/api/regions';
import { type Customer, type OrderReport } from '@/lib/api/schemas';
import { t, tPlural } from '@/lib/i18n';
import { businessInfoEntries, chargeLabel, formatMoney, formatOrderDate, statusLabel } from '@/lib/order-lookup/format';

/** Rows rendered at first and per "Show more": a PO with hundreds of orders must not stall the popup. */
export const ORDERS_PAGE_SIZE = 50;

export interface OrderListProps {
  orders: readonly OrderReport[];
  /** The region searched: the link domain for orders that do not name their own region. */
  region: Region;
  po: string;
}

/**
 * The orders of a lookup. Everything Amazon sent is rendered as text (never as HTML), and links are built by
 * `orderDetailsUrl` from a fixed list of Amazon domains, so a hostile value cannot become markup or a link elsewhere.
 */
export function OrderList({ orders, region, po }: OrderListProps) {
  const [shown, setShown] = useState(ORDERS_PAGE_SIZE);
  const more = orders.length - shown;
  return (
    <>
      <ol class="orders" aria-label={t('orders_label', po)} data-testid="order-list">
        {orders.slice(0, shown).map((order, index) => (
          <OrderRow key={`${order.orderMetadata.orderId}-${index}`} order={order} region={region} index={index} />
        ))}
      </ol>
      {more > 0 && (
        <button type="button" class="show-more" onClick={() => setShown(shown + ORDERS_PAGE_SIZE)}>
          {tPlural('orders_showMore', more, [Math.min(more, ORDERS_PAGE_SIZE)])}
        </button>
      )}
    </>
  );
}

function OrderRow({ order, region, index }: { order: OrderReport; region: Region; index: number }) {
  const [chargesOpen, setChargesOpen] = useState(false);
  const { orderId, orderDate } = order.orderMetadata;
  const orderRegion =
    order.orderMetadata.region && isRegion(order.orderMetadata.region) ? order.orderMetadata.region : region;
  const netTotal = order.charges.find((charge) => charge.type === 'NET_TOTAL');
  const approver = order.approverDetails?.lastOrderApproverCustomer;
  const info = businessInfoEntries(order.businessOrderInfo);
  const chargesId = `order-charges-${index}`;
  return (
    <li class={`order${order.orderStatus === 'CANCELLED' ? ' cancelled' : ''}`} data-testid="order">
      <div class="order-head">
        <a href={orderDetailsUrl(orderRegion, orderId)} target="_blank" rel="noreferrer" class="order-id">
          {orderId}
        </a>
        <span class="status">{statusLabel(order.orderStatus)}</span>
        {netTotal && <span class="amount">{formatMoney(netTotal.amount.amount, netTotal.amount.currencyCode)}</span>}
      </div>
      <dl class="order-fields">
        <Field label={t('order_date')}>
          <time dateTime={orderDate}>{formatOrderDate(orderDate)}</time>
        </Field>
        {order.buyingCustomer && <Field label={t('order_buyer')}>{customerText(order.buyingCustomer)}</Field>}
        {order.buyerGroup?.name && <Field label={t('order_group')}>{order.buyerGroup.name}</Field>}
        {approver && (approver.name || approver.email) && (
          <Field label={t('order_approver')}>{customerText(approver)}</Field>
        )}
        {info.map((entry) => (
          <Field key={entry.key} label={entry.label}>
            {entry.value}
          </Field>
        ))}
      </dl>
      {order.unknownValues.length > 0 && (
        <p class="muted small">{t('order_unknownValues', order.unknownValues.join('; '))}</p>
      )}
      {order.charges.length > 0 && (
        <>
          <button
            type="button"
            class="link charges-toggle"
            aria-expanded={chargesOpen}
            aria-controls={chargesId}
            onClick={() => setChargesOpen(!chargesOpen)}
          >
            {chargesOpen ? t('order_hideCharges') : t('order_showCharges')}
            <span class="sr-only"> {t('order_chargesForOrder', orderId)}</span>
          </button>
          {chargesOpen && (
            <table class="charges" id={chargesId} aria-label={t('order_chargesLabel', orderId)}>
              <tbody>
                {order.charges.map((charge, chargeIndex) => (
                  <tr key={chargeIndex}>
                    <th scope="row">{chargeLabel(charge.type)}</th>
                    <td>{formatMoney(charge.amount.amount, charge.amount.currencyCode)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </li>
  );
}

function Field({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="order-field">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function customerText(customer: Customer): string {
  if (customer.name && customer.email) return `${customer.name} (${customer.email})`;
  return customer.name ?? customer.email ?? '';
}
