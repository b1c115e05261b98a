import { t, type MessageKey } from '@/lib/i18n';
import type { Verdict } from '@/lib/order-lookup/reconcile/reconcile';

const KEYS: Record<Verdict, MessageKey> = {
  'listed-no-order': 'reconcile_verdictListedNoOrder',
  'no-po': 'reconcile_verdictNoPo',
  'non-compliant': 'reconcile_verdictNonCompliant',
  'over-budget': 'reconcile_verdictOverBudget',
  blanket: 'reconcile_verdictBlanket',
  reused: 'reconcile_verdictReused',
  'not-in-list': 'reconcile_verdictNotInList',
  compliant: 'reconcile_verdictCompliant',
  unchecked: 'reconcile_verdictUnchecked',
};

export const verdictLabel = (verdict: Verdict) => t(KEYS[verdict]);
