import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { Region } from '@/lib/amazon/marketplaces';
import { orderDetailsUrl } from '@/lib/api/regions';
import { isKnownRegion, type Customer, type OrderReport } from '@/lib/api/schemas';
import { businessInfoEntries, chargeLabel, formatMoney, formatOrderDate, statusLabel } from '@/lib/lookup/format';

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
      <ol class="orders" aria-label={`Orders under PO ${po}`} data-testid="order-list">
        {orders.slice(0, shown).map((order, index) => (
          <OrderRow key={`${order.orderMetadata.orderId}-${index}`} order={order} region={region} index={index} />
        ))}
      </ol>
      {more > 0 && (
        <button type="button" class="show-more" onClick={() => setShown(shown + ORDERS_PAGE_SIZE)}>
          Show {Math.min(more, ORDERS_PAGE_SIZE)} more of {more} orders not shown
        </button>
      )}
    </>
  );
}

function OrderRow({ order, region, index }: { order: OrderReport; region: Region; index: number }) {
  const [chargesOpen, setChargesOpen] = useState(false);
  const { orderId, orderDate } = order.orderMetadata;
  const orderRegion = order.orderMetadata.region && isKnownRegion(order.orderMetadata.region) ? order.orderMetadata.region : region;
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
        <Field label="Date">
          <time dateTime={orderDate}>{formatOrderDate(orderDate)}</time>
        </Field>
        {order.buyingCustomer && <Field label="Buyer">{customerText(order.buyingCustomer)}</Field>}
        {order.buyerGroup?.name && <Field label="Group">{order.buyerGroup.name}</Field>}
        {approver && (approver.name || approver.email) && <Field label="Approver">{customerText(approver)}</Field>}
        {info.map((entry) => (
          <Field key={entry.key} label={entry.label}>
            {entry.value}
          </Field>
        ))}
      </dl>
      {order.unknownValues.length > 0 && (
        <p class="muted small">Values PO Assist does not recognise: {order.unknownValues.join('; ')}</p>
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
            {chargesOpen ? 'Hide charges' : 'Show charges'}
            <span class="sr-only"> for order {orderId}</span>
          </button>
          {chargesOpen && (
            <table class="charges" id={chargesId} aria-label={`Charges for order ${orderId}`}>
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
