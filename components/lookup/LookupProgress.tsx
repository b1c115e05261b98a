import { plural, regionName, waitSeconds } from '@/lib/lookup/format';

export interface LookupProgressProps {
  po: string;
  region: string;
  pages: number;
  orders: number;
  waitingMs?: number;
  cancelling: boolean;
}

/** What a running lookup has fetched so far. Rendered inside the popup's live region, so it is announced. */
export function LookupProgress({ po, region, pages, orders, waitingMs, cancelling }: LookupProgressProps) {
  return (
    <div class="progress" data-testid="lookup-progress">
      <p>
        <span class="spinner" aria-hidden="true" />
        {pages === 0
          ? `Looking up PO ${po} in ${regionName(region)}…`
          : `Page ${pages} · ${plural(orders, 'order')} so far`}
      </p>
      {waitingMs !== undefined && waitingMs > 0 && (
        <p class="muted">Waiting for Amazon's rate limit… ({waitSeconds(waitingMs)} s)</p>
      )}
      {cancelling && <p class="muted">Cancelling; keeping the orders fetched so far…</p>}
    </div>
  );
}
