import { isRegion, orderDetailsUrl } from '@/lib/api/regions';
import type { Region } from '@/lib/amazon/marketplaces';
import { t } from '@/lib/i18n';
import { formatMoney, formatOrderDate, statusLabel } from '@/lib/order-lookup/format';
import type { ReconcileRow } from '@/lib/order-lookup/reconcile/reconcile';

/** The orders of the selected PO, each linked to its page on Amazon (links built from the fixed marketplace list). */
export function PoOrders({
  row,
  fallbackRegion,
  onClose,
}: {
  row: ReconcileRow;
  fallbackRegion: Region;
  onClose(): void;
}) {
  return (
    <section class="po-orders" aria-label={t('reconcile_ordersOf', row.po || t('reconcile_noPo'))}>
      <h2>{t('reconcile_ordersOf', row.po || t('reconcile_noPo'))}</h2>
      <button type="button" class="link" onClick={onClose}>
        {t('reconcile_close')}
      </button>
      {row.orders.length === 0 ? (
        <p>{t('reconcile_noOrdersForListed')}</p>
      ) : (
        <ul>
          {row.orders.map((order) => {
            const region =
              order.orderMetadata.region && isRegion(order.orderMetadata.region)
                ? order.orderMetadata.region
                : fallbackRegion;
            const net = order.charges.find((charge) => charge.type === 'NET_TOTAL');
            return (
              <li key={order.orderMetadata.orderId}>
                <a
                  href={orderDetailsUrl(region, order.orderMetadata.orderId)}
                  target="_blank"
                  rel="noopener noreferrer"
                >
                  {order.orderMetadata.orderId}
                </a>{' '}
                {region} · {formatOrderDate(order.orderMetadata.orderDate)} · {statusLabel(order.orderStatus)}
                {net && ` · ${formatMoney(net.amount.amount, net.amount.currencyCode)}`}
                {order.buyingCustomer?.name && ` · ${order.buyingCustomer.name}`}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
